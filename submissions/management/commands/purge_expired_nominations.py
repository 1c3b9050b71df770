"""Cron: `manage.py purge_expired_nominations` (e.g. daily). Deletes nominations nobody accepted in time."""

from django.core.management.base import BaseCommand

from submissions.services import purge_expired_nominations


class Command(BaseCommand):
    help = "Delete nominations that were not accepted before they expired."

    def handle(self, *args, **options):
        count = purge_expired_nominations()
        self.stdout.write(f"Deleted {count} expired nomination(s).")
