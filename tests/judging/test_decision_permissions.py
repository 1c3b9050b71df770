"""Who reaches which deliberation and decision endpoint: a matrix over roles and endpoints (404 for
everyone who may not see a thing), and the rounds progression services (longlist, shortlist)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from judging.services import decisions as services
from submissions.enums import EntryState
from submissions.models import Entry

from .decision_fixtures import build_final, draft
from .factories import build_jury

pytestmark = pytest.mark.django_db

CHAIR_ONLY = ["decision_overview", "decision_final_ranking", "decision_calculator", "decision_detail"]
JURY = ["deliberation", "decision_report"]
JURY_PER_ENTRY = ["deliberation_entry", "feedback", "decision_report_entry"]
SECRETARIAAT_ONLY = ["scores_export_csv", "scores_export_xlsx"]

# role -> endpoints that answer 200; everything else must be 404 (or the login page when anonymous).
ALLOWED = {
    "chair": set(CHAIR_ONLY + JURY + JURY_PER_ENTRY),
    "juror": set(JURY + JURY_PER_ENTRY),
    "conflicted_juror": set(JURY),  # per-entry pages of the conflicted entry: 404
    "secretariaat": set(SECRETARIAAT_ONLY + ["decision_report", "decision_report_entry"]),
    "entrant": set(),
    "juror_of_another_edition": set(),
}


@pytest.fixture
def world():
    final = build_final(conflict_on=2)
    services.sign_decision(decision=draft(final), by=final.chair, fresh_mfa=True)
    other = build_jury(entries=1, jurors=1)
    return final, other


@pytest.mark.parametrize("role", list(ALLOWED))
def test_every_role_reaches_only_its_endpoints(client, world, role):
    final, other = world
    user = {
        "chair": final.chair,
        "juror": final.jurors[1],
        "conflicted_juror": final.conflicted_juror,
        "secretariaat": final.secretariaat,
        "entrant": final.entries[2].owner,
        "juror_of_another_edition": other.jurors[0],
    }[role]
    client.force_login(user)
    year = final.edition.year
    entry = final.entries[2]  # the entry the conflicted juror declared a conflict with
    for name in CHAIR_ONLY + JURY + SECRETARIAAT_ONLY:
        status = client.get(reverse(f"judging:{name}", kwargs={"year": year})).status_code
        assert status == (200 if name in ALLOWED[role] else 404), (role, name, status)
    for name in JURY_PER_ENTRY:
        status = client.get(reverse(f"judging:{name}", kwargs={"year": year, "entry_pk": entry.pk})).status_code
        assert status == (200 if name in ALLOWED[role] else 404), (role, name, status)


def test_anonymous_visitors_are_sent_to_the_login_page(client, world):
    final, _ = world
    for name in CHAIR_ONLY + JURY + SECRETARIAAT_ONLY:
        response = client.get(reverse(f"judging:{name}", kwargs={"year": final.edition.year}))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_edition_or_entry_is_404_for_the_chair(client, world):
    final, _ = world
    client.force_login(final.chair)
    assert client.get(reverse("judging:decision_overview", kwargs={"year": 1999})).status_code == 404
    url = reverse("judging:deliberation_entry", kwargs={"year": final.edition.year, "entry_pk": 999999})
    assert client.get(url).status_code == 404


def test_longlist_and_shortlist_move_entries_and_only_the_chair_chooses():
    jury = build_jury(entries=4, entry_state=EntryState.ELIGIBLE)
    assert services.place_eligible_on_longlist(edition=jury.edition, by=jury.chair) == 4
    assert set(Entry.objects.filter(edition=jury.edition).values_list("state", flat=True)) == {EntryState.LONGLIST}
    chosen = [jury.entries[0].pk, jury.entries[2].pk]
    with pytest.raises(PermissionDenied):
        services.select_shortlist(edition=jury.edition, by=jury.jurors[0], entry_ids=chosen)
    with pytest.raises(ValidationError):
        services.select_shortlist(edition=jury.edition, by=jury.chair, entry_ids=[])
    services.select_shortlist(edition=jury.edition, by=jury.chair, entry_ids=chosen)
    states = dict(Entry.objects.filter(edition=jury.edition).values_list("pk", "state"))
    assert [states[e.pk] for e in jury.entries] == [
        EntryState.SHORTLIST,
        EntryState.NOT_SELECTED,
        EntryState.SHORTLIST,
        EntryState.NOT_SELECTED,
    ]


def test_withdrawn_or_draft_entries_cannot_be_nominated():
    jury = build_jury(entries=2, entry_state=EntryState.LONGLIST)
    Entry.objects.filter(pk=jury.entries[1].pk).update(state=EntryState.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.select_shortlist(edition=jury.edition, by=jury.chair, entry_ids=[jury.entries[1].pk])
    assert Entry.objects.get(pk=jury.entries[1].pk).state == EntryState.WITHDRAWN
