"""Tools that build the product's artifacts from the code: `python -m tools.<name>`."""
