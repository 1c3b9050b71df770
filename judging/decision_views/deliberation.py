"""Deliberation notes (jury only, 404 for a conflicted juror) and feedback letters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..decision_forms import FeedbackForm, NoteForm
from ..enums import FeedbackState
from ..models import FeedbackLetter
from ..selectors import decisions as sel
from ..selectors.jury import is_chair, is_staff_of_award
from ..services import decisions as services
from .common import deliberation_entry_or_404, form_errors_from, jury_edition_or_404


@login_required
def deliberation(request, year):
    edition = jury_edition_or_404(request.user, year)
    entries = sel.deliberation_entries(request.user, edition).annotate(note_count=Count("discussion_notes"))
    return render(
        request,
        "judging/decision/deliberation.html",
        {"edition": edition, "entries": entries, "is_chair": is_chair(request.user, edition)},
    )


@login_required
def entry_notes(request, year, entry_pk):
    edition = jury_edition_or_404(request.user, year)
    entry = deliberation_entry_or_404(request.user, edition, entry_pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_discussion_note(entry=entry, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Your note has been added."))
            return redirect("judging:deliberation_entry", year=edition.year, entry_pk=entry.pk)
    return render(
        request,
        "judging/decision/notes.html",
        {
            "edition": edition,
            "entry": entry,
            "notes": sel.notes_for_entry(request.user, entry),
            "form": form,
            "letter": FeedbackLetter.objects.filter(entry=entry).first(),
            "is_chair": is_chair(request.user, edition),
        },
    )


@login_required
def feedback(request, year, entry_pk):
    """Draft (jury) and approve (chair) the feedback letter of one entry."""
    edition = jury_edition_or_404(request.user, year)
    entry = deliberation_entry_or_404(request.user, edition, entry_pk)
    letter = FeedbackLetter.objects.filter(entry=entry).first()
    form = FeedbackForm(request.POST or None, initial={"text": letter.text if letter else ""})
    if request.method == "POST":
        try:
            if "approve" in request.POST and letter is not None:
                services.approve_feedback_letter(letter=letter, by=request.user)
                messages.success(request, _("The feedback has been approved."))
                return redirect("judging:deliberation_entry", year=edition.year, entry_pk=entry.pk)
            if form.is_valid():
                services.save_feedback_letter(entry=entry, by=request.user, text=form.cleaned_data["text"])
                messages.success(request, _("The feedback has been saved as a draft."))
                return redirect("judging:deliberation_entry", year=edition.year, entry_pk=entry.pk)
        except ValidationError as error:
            form_errors_from(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
    return render(
        request,
        "judging/decision/feedback.html",
        {
            "edition": edition,
            "entry": entry,
            "letter": letter,
            "form": form,
            "is_chair": is_chair(request.user, edition),
            "sent": letter is not None and letter.state == FeedbackState.SENT,
        },
    )


@login_required
@require_POST
def send_feedback(request, year):
    edition = jury_edition_or_404(request.user, year, secretariaat=True)
    if not (is_chair(request.user, edition) or is_staff_of_award(request.user)):
        raise Http404("No edition found.")
    try:
        count = services.send_feedback_letters(edition=edition, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("%(count)s feedback letters have been sent.") % {"count": count})
    return redirect("judging:decision_report", year=edition.year)
