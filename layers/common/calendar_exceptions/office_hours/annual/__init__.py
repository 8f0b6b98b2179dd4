"""Annual recurrence of office hours exceptions: the scheduled job that moves a recurring date once it
has passed (`job`), and the calendar it decides by (`dates`)."""
