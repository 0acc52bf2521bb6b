"""Print the demo accounts, their passwords and the demo TOTP secret (``make run`` shows it)."""

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from network.demo import DEMO_ACCOUNTS, DEMO_TOTP_SECRET
from network.models import User


class Command(BaseCommand):
    help = "List the demo accounts (email, password, two-factor) created by seed_demo."

    def handle(self, *args, **options) -> None:
        import time

        existing = set(
            User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).values_list(
                "email", flat=True
            )
        )
        rows = [("ROLE", "EMAIL", "PASSWORD", "TWO-FACTOR")]
        for account in DEMO_ACCOUNTS:
            rows.append(
                (
                    account.role,
                    account.email,
                    account.password,
                    "TOTP" if account.needs_totp else "-",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Convive demo accounts"))
        for row in rows:
            self.stdout.write("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))
        with_totp = ", ".join(a.role for a in DEMO_ACCOUNTS if a.needs_totp)
        self.stdout.write(
            f"\n  Demo TOTP secret ({with_totp}): {DEMO_TOTP_SECRET}\n"
            f"  Add it to an authenticator app, or use the current code: {code} "
            "(changes every 30 seconds; run `manage.py demo_accounts` again for a new one)."
        )
        missing = [a.email for a in DEMO_ACCOUNTS if a.email not in existing]
        if missing:
            self.stdout.write(
                self.style.WARNING("  Not created yet: run `manage.py seed_demo` first.")
            )
        self.stdout.write("")
