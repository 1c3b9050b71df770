"""Cron: `manage.py send_deadline_reminders` (e.g. hourly). Never sends a reminder twice."""

from django.core.management.base import BaseCommand

from submissions.services import send_deadline_reminders


class Command(BaseCommand):
    help = "Mail owners of unsubmitted drafts 7 days and 1 day before the deadline (each reminder once)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Put it on the task queue instead of running now.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from submissions.tasks import send_deadline_reminders_task

            result = send_deadline_reminders_task.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        sent = send_deadline_reminders()
        self.stdout.write(f"Sent {sent} deadline reminder(s).")
