"""Moderators' group gets Wagtail's access_admin, as network.permissions.CMS_ACCESS allows them."""

from django.db import migrations


def moderators_access_the_cms(apps, schema_editor):
    from network.roles import role_groups_ensure

    role_groups_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_organisation_link_base"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(moderators_access_the_cms, migrations.RunPython.noop)]
