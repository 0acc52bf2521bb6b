"""A partial index of the unpublished pages, so that the visibility rule (``network.visibility``)
finds the few hidden pages without reading the whole page tree."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_moderators_access_the_cms"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS network_unpublished_pages ON wagtailcore_page (id)"
            " WHERE NOT live",
            "DROP INDEX IF EXISTS network_unpublished_pages",
        )
    ]
