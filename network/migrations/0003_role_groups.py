"""Create the role groups (named by their stable codes) and give coordinators admin access."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_role_groups(apps, schema_editor):
    from network.roles import role_groups_ensure

    # Model permissions are normally created after all migrations ran; the coordinator group
    # needs the join-request ones now, so create them for every app first.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    role_groups_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_profile_join_requests_invitations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
