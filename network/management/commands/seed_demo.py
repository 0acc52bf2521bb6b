"""Load the demo network. Idempotent: running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo content of Convive. Safe to run repeatedly."

    def handle(self, *args, **options) -> None:
        from network.demo import seed_network
        from network.outreach.demo import seed_outreach
        from practices.demo import seed_practices
        from practices.library.demo import seed_library

        with transaction.atomic():
            seed_network(stdout=self.stdout)
            seed_outreach(stdout=self.stdout)
            seed_practices(stdout=self.stdout)
            seed_library(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
