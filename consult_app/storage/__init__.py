"""Persistence with sqlite3: connection, migrations, repositories, audit, backup."""
