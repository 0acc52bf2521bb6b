from django.core.management.base import BaseCommand

from practice_search.services import practice_search_rebuild


class Command(BaseCommand):
    help = "Rebuild the search entries of every live practice (after imports or bulk loads)."

    def handle(self, *args, **options):
        count = practice_search_rebuild()
        self.stdout.write(f"Rebuilt {count} practice search entries.")
