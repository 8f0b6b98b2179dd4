"""Who office hours apply to: teammates' and teams' own schedules and the workspace default (Intercom Preview).

`rules` (ids, inheritance, paging, the bulk's limits, a schedule in use), `layout` (the
assignment items and the schedule's `assigned` marker), `writes` (their conditional writes),
`repository`, `service`, `answers` (the `admin_office_hours` JSON), `api` (routes and path
ids), `models` and `validation` (request bodies: pydantic, imported only by the writes).
docs/office-hours.md, "Teammates, teams and the workspace default".
"""
