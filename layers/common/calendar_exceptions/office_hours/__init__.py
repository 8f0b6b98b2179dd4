"""Office hours: Intercom-style schedules and their dated exceptions.

The API's core is at this level (api, rules, models, validation, answers, layout, writes, the
two repositories, service); its two derived features are folders: `hours` (effective hours
and status) and `annual` (the scheduled job that moves recurring dates).
"""
