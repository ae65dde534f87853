"""
The source records of roles/data/sources.json, so a database has them before any graph is
loaded (the graph loader keeps them in step with the file on every load).
"""

from django.db import migrations

FIELDS = ("kind", "title", "publisher", "date", "address", "licence", "attribution", "note")


def add_sources(apps, schema_editor):
    from roles.sources import load_sources

    Source = apps.get_model("roles", "Source")
    for key, record in load_sources().items():
        Source.objects.update_or_create(key=key, defaults={name: record[name] or "" for name in FIELDS})


class Migration(migrations.Migration):
    dependencies = [("roles", "0003_onet_join_and_sources")]

    operations = [migrations.RunPython(add_sources, migrations.RunPython.noop)]
