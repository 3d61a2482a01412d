"""Alembic migrations, shipped inside the package and run by ``open_database``."""
