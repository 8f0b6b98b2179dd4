"""The effective hours and status of a schedule: its hours, date by date, and whether it is open at an instant."""
