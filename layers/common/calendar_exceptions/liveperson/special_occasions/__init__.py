"""Special occasions: the LivePerson-style collection of account calendar exceptions."""
