"""LivePerson Account Configuration collections (special occasions, workdays): the machinery they share.

Each collection is a `Kind` (kind.py); the repository, service, validation, API helpers and
operations here serve every kind the same way, each collection with its own revision.
"""
