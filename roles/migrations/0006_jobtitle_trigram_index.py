"""
PostgreSQL only: the pg_trgm extension and a GIN trigram index on JobTitle.normalized, so the
typo-tolerant title search (word similarity, LIKE '%word%') reads an index, not 55,000 rows.

Both operations do nothing on other databases: SQLite's search uses the plain index and a
fallback (roles.selectors.titles).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that runs on PostgreSQL and is a no-op elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0005_jobtitle"),
    ]

    operations = [
        # CreateExtension is already a no-op on databases other than PostgreSQL.
        TrigramExtension(),
        PostgreSQLOnly(
            sql="CREATE INDEX roles_jobtitle_normalized_trgm ON roles_jobtitle USING gin (normalized gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS roles_jobtitle_normalized_trgm",
        ),
    ]
