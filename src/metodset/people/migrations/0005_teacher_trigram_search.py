"""Trigram indexes for the teacher search on PostgreSQL (issue #19).

The teacher list's search is `icontains` on five columns and the colleague picker's is
`istartswith` on three: Django writes both as `UPPER("col"::text) LIKE UPPER(%s)`, which a
GIN index of the same expression with pg_trgm's operator class serves, one bitmap per
column OR-ed together, instead of reading 100,000 rows. SQLite has neither: nothing is
done there, and the model state is untouched (the indexes are a PostgreSQL detail).
"""

from django.db import migrations

COLUMNS = ("last_name", "first_name", "patronymic", "email", "position")


def _index(column: str) -> str:
    return f"people_teacher_{column}_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {_index(column)} ON people_teacher '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_index(column)}")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_teacher_anonymised_at")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
