"""The outbox: mailings list, compose, preview per recipient, send."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..enums import MailingKind
from ..models import Mailing
from ..outbox import create_mailing, render_message, retry_failed, send_mailing
from ..selectors import entries_visible_to
from . import require_secretariaat
from .forms import ComposeForm


@require_secretariaat
def mailing_index(request):
    mailings = Mailing.objects.select_related("created_by", "edition").order_by("-created_at")
    page = Paginator(mailings, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "submissions/admin/mailing_index.html",
        {"page_title": _("Outbox"), "header_icon": "mail", "page": page},
    )


@require_secretariaat
def mailing_compose(request):
    form = ComposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entries = entries_visible_to(request.user).select_related("edition", "owner")
        if data["entry_ids"]:
            entries = entries.filter(pk__in=data["entry_ids"])
        else:
            entries = entries.filter(edition__year=data["edition"])
            if data["states"]:
                entries = entries.filter(state__in=data["states"])
        edition = None
        if data["edition"]:
            edition = entries.first().edition if entries.exists() else None
        try:
            mailing = create_mailing(
                subject=data["subject"],
                body=data["body"],
                recipients=list(entries),
                created_by=request.user,
                kind=MailingKind.BULK,
                edition=edition,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The mailing is ready. Check the preview, then send it."))
            return redirect("submissions_admin:mailing_detail", pk=mailing.pk)
    return render(
        request,
        "submissions/admin/mailing_compose.html",
        {"page_title": _("New mailing"), "header_icon": "mail", "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_secretariaat
def mailing_detail(request, pk: int):
    mailing = get_object_or_404(Mailing.objects.select_related("created_by", "sent_by", "edition"), pk=pk)
    recipients = list(mailing.messages.select_related("entry").order_by("pk"))
    preview = None
    selected = request.GET.get("voorbeeld")
    chosen = next((m for m in recipients if str(m.pk) == selected), recipients[0] if recipients else None)
    if chosen is not None:
        subject, body = render_message(chosen)
        preview = {"message": chosen, "subject": subject, "body": body}
    return render(
        request,
        "submissions/admin/mailing_detail.html",
        {
            "page_title": mailing.subject,
            "page_subtitle": mailing.get_state_display(),
            "header_icon": "mail",
            "mailing": mailing,
            "recipients": recipients,
            "preview": preview,
        },
    )


@require_secretariaat
@require_POST
def mailing_send(request, pk: int):
    mailing = get_object_or_404(Mailing, pk=pk)
    try:
        send_mailing(mailing=mailing, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The mailing is being sent."))
    return redirect("submissions_admin:mailing_detail", pk=mailing.pk)


@require_secretariaat
@require_POST
def mailing_retry(request, pk: int):
    mailing = get_object_or_404(Mailing, pk=pk)
    count = retry_failed(mailing=mailing, by=request.user)
    messages.success(request, _("%(count)d failed messages are sent again.") % {"count": count})
    return redirect("submissions_admin:mailing_detail", pk=mailing.pk)
