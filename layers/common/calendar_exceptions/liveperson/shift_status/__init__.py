"""LivePerson Shift Status API: the account-level status from the default workday and special occasion."""
