"""Mails of the jury workflow, sent as tasks (immediately by default, by the worker in production).

Arguments are ids, so a queued task reads the current data when it runs."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task


def _send(*, to: str, template: str, context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "dashboard_url": f"{settings.SITE_URL}{reverse('judging:dashboard')}"}
        subject = render_to_string(f"judging/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"judging/emails/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@task()
def send_jury_invitation(membership_id: int) -> None:
    from .models import JuryMembership

    membership = JuryMembership.objects.select_related("user", "edition").filter(pk=membership_id).first()
    if membership is None:
        return
    _send(to=membership.user.email, template="invitation", context={"membership": membership})


@task()
def send_jury_reminder(juror_id: int, round_id: int) -> None:
    from awardsite.users import User

    from .models import Round
    from .selectors.progress import juror_round_progress

    juror = User.objects.filter(pk=juror_id).first()
    round_ = Round.objects.select_related("edition").filter(pk=round_id).first()
    if juror is None or round_ is None:
        return
    progress = juror_round_progress(juror=juror, round_=round_)
    _send(
        to=juror.email,
        template="reminder",
        context={
            "juror": juror,
            "round": round_,
            "progress": progress,
            "closes_at": timezone.localtime(round_.closes_at),
        },
    )


@task()
def send_round_opened(juror_id: int, round_id: int) -> None:
    from awardsite.users import User

    from .models import Round
    from .selectors.progress import juror_round_progress

    juror = User.objects.filter(pk=juror_id).first()
    round_ = Round.objects.select_related("edition").filter(pk=round_id).first()
    if juror is None or round_ is None:
        return
    _send(
        to=juror.email,
        template="round_opened",
        context={
            "juror": juror,
            "round": round_,
            "progress": juror_round_progress(juror=juror, round_=round_),
            "closes_at": timezone.localtime(round_.closes_at),
        },
    )
