"""Rebuild the forum's search index from the posts (after an import or to repair it)."""

from django.core.management.base import BaseCommand

from network.community.services.search_index import forum_search_rebuild


class Command(BaseCommand):
    help = "Rebuild the forum's search index from the published posts."

    def handle(self, *args, **options) -> None:
        count = forum_search_rebuild()
        self.stdout.write(f"Indexed {count} published posts.")
