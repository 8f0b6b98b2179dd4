"""LivePerson Account Configuration and Shift Status: the vendor's routes, collections and rules, in one folder."""
