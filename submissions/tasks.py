"""Background tasks of the submissions app (django-tasks). Cron runs the matching management
commands; a worker can run them as tasks. Each part of the app adds its tasks here."""

from django_tasks import task


@task()
def send_deadline_reminders_task() -> int:
    """Reminders 7 days and 1 day before the deadline to owners of unsubmitted drafts."""
    from .services import send_deadline_reminders

    return send_deadline_reminders()


@task()
def purge_expired_nominations_task() -> int:
    from .services import purge_expired_nominations

    return purge_expired_nominations()


@task()
def send_mailing_task(mailing_id: int) -> int:
    """Send the pending messages of one outbox mailing (files-admin part)."""
    from .outbox import deliver_pending_messages

    return deliver_pending_messages(mailing_id)
