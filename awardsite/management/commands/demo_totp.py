"""Print the current TOTP code of a demo account (demo accounts only)."""

from django.core.management.base import BaseCommand, CommandError

from awardsite.demo import demo_totp_secret
from awardsite.users import User


class Command(BaseCommand):
    help = "Print the current two-step verification code of a demo account."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

        user = User.objects.filter(email__iexact=email, is_demo=True).first()
        if user is None:
            raise CommandError(f"No demo account with e-mail {email}.")
        counters = list(yield_hotp_counters_from_time())
        current = counters[len(counters) // 2]
        self.stdout.write(format_hotp_value(hotp_value(demo_totp_secret(user.email), current)))
