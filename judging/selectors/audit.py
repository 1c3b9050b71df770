"""The audit log, filtered for the Secretariaat's admin view."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from awardsite.audit import AuditEvent


def filtered_audit_events(*, edition_year=None, action="", actor="", date_from=None, date_to=None):
    qs = AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")
    if edition_year:
        qs = qs.filter(edition_year=edition_year)
    if action:
        qs = qs.filter(action__startswith=action.strip())
    if actor:
        qs = qs.filter(actor_label__icontains=actor.strip())
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(created_at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(created_at__lt=datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz))
    return qs


def audit_actions():
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())
