"""`make bench`: performance figures of the functions, measured side by side (see bench/__main__.py)."""
