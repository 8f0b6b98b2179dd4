"""Office hours: Intercom-style schedules and their dated exceptions."""
