"""Load the demo network. Idempotent: running it twice changes nothing.

Each app that has demo content names its seeding function in its AppConfig (``demo_seed``, a
dotted path called with ``stdout``); they run in the order of INSTALLED_APPS, so the command
never imports the apps above ``network``. Content that needs another app's demo first (an
e-discussion whose summary is published in the library) names ``demo_seed_last``: those run
after every ``demo_seed``."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo content of Convive. Safe to run repeatedly."

    def handle(self, *args, **options) -> None:
        configs = apps.get_app_configs()
        seeders = [
            import_string(getattr(config, attribute))
            for attribute in ("demo_seed", "demo_seed_last")
            for config in configs
            if getattr(config, attribute, None)
        ]
        with transaction.atomic():
            for seed in seeders:
                seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
