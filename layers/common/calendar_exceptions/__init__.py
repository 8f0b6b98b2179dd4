"""Shared code of the calendar exceptions backend: models, rules, data access and error mapping."""
