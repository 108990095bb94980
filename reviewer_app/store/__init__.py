"""The local store: SQLite through sqlmodel, with numbered migrations.

`open_store(path)` returns a migrated `Store` around its own engine; pass that
object to whatever needs the database. There is no global engine.
"""
