"""The site audit, one module per concern (see scripts/audit.py)."""
