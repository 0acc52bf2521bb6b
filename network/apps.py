from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    demo_seed = "network.demo.seed_network"
    verbose_name = _("Network")

    def ready(self) -> None:
        # Connects the receiver that counts activating an authenticator app as passing the
        # second factor in that session.
        from . import checks, mfa  # noqa: F401
