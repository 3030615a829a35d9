"""Django's PostgreSQL backend, with the one change prepared statements need (base.py)."""
