from django.http import Http404
from django.shortcuts import get_object_or_404

from submissions.models import Edition, Entry

from ..selectors.decisions import may_deliberate_on
from ..selectors.jury import is_chair, is_jury_member, is_staff_of_award


def edition_or_404(year) -> Edition:
    return get_object_or_404(Edition, year=year)


def chair_edition_or_404(user, year) -> Edition:
    edition = edition_or_404(year)
    if not is_chair(user, edition):
        raise Http404("No edition found.")
    return edition


def jury_edition_or_404(user, year, *, secretariaat: bool = False) -> Edition:
    edition = edition_or_404(year)
    if not (is_jury_member(user, edition) or (secretariaat and is_staff_of_award(user))):
        raise Http404("No edition found.")
    return edition


def deliberation_entry_or_404(user, edition, entry_pk) -> Entry:
    entry = Entry.objects.filter(edition=edition, pk=entry_pk).select_related("edition").first()
    if entry is None or not may_deliberate_on(user, entry):
        raise Http404("No entry found.")
    return entry


def form_errors_from(form, error) -> None:
    """Put a service's ValidationError on the form, beside the fields it names."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
