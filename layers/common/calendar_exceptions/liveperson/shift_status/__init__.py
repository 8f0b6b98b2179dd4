"""LivePerson Shift Status API: a skill's status, or every skill's, from the workdays and occasions that apply."""
