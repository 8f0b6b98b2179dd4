"""Workdays: LivePerson's weekly working hours (`ac-common/workinghours`), the hours special occasions override."""
