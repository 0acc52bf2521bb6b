from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    demo_seed = "network.demo.seed_network"
    verbose_name = _("Network")

    def ready(self) -> None:
        # Connects the receiver that counts activating an authenticator app as passing the
        # second factor in that session.
        from . import checks, mfa  # noqa: F401

        # SQLite's connections get the accent folding that PostgreSQL's unaccent gives
        # (search_text.Folded: @mention suggestions match "jose" to "José" on both).
        from .search_text import sqlite_fold_register

        connection_created.connect(sqlite_fold_register, dispatch_uid="convive_sqlite_fold")
