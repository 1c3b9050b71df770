"""Remove personal data of non-winning entrants PURGE_AFTER_MONTHS months after their edition's
ceremony. Dry run by default: it prints what it would do. Run with --apply from cron (monthly)."""

from django.core.management.base import BaseCommand

from submissions.privacy import apply_purge, plan_purge


class Command(BaseCommand):
    help = "Anonymise non-winning entrants and delete their private files N months after the ceremony."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Really do it (default: dry run).")
        parser.add_argument("--months", type=int, default=None, help="Override settings.PURGE_AFTER_MONTHS.")

    def handle(self, *args, apply=False, months=None, **options):
        plan = plan_purge(months=months)
        self.stdout.write(
            f"Ceremony before {plan.cutoff:%Y-%m-%d %H:%M}: editions {plan.editions or '-'}; "
            f"{len(plan.users)} accounts to anonymise, {len(plan.images)} screenshots and "
            f"{len(plan.attachments)} attachments to delete."
        )
        if not apply:
            self.stdout.write("Dry run: nothing changed. Use --apply to purge.")
            return
        apply_purge(plan)
        self.stdout.write(self.style.SUCCESS("Purged."))
