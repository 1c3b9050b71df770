"""Journey (b): a juror logs in with a password and a TOTP code, declares a conflict of interest on
one entry (with a reason) and no conflict on the other, then scores the other entry on the rubric
and submits the review. The conflicted entry answers 404 afterwards."""

import pytest

from judging.enums import ReviewState
from judging.forms import CONFLICT, NO_CONFLICT
from judging.models import ConflictDeclaration, Review
from judging.services.assignments import assign_juror
from tests.judging.factories import TEST_TOTP_SECRET, build_jury, make_user

from .helpers import click_and_wait, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_juror_declares_a_conflict_and_scores_another_entry(page, live_server):
    from awardsite.roles import SECRETARIAAT

    jury = build_jury(entries=2, jurors=1)
    juror, (conflicted, scored) = jury.jurors[0], jury.entries
    secretariaat = make_user(SECRETARIAAT, mfa=True, is_staff=True)
    for entry in (conflicted, scored):
        assign_juror(round_=jury.round, entry=entry, juror=juror, by=secretariaat)
    base = live_server.url

    log_in(page, base, juror.email, password="correct-horse-battery", totp=True, totp_secret=TEST_TOTP_SECRET)
    page.goto(f"{base}/jury/")
    assert "/accounts/" not in page.url

    # Before any entry opens, the juror declares: a conflict on one, none on the other.
    page.goto(f"{base}/jury/rondes/{jury.round.pk}/inzendingen/{scored.pk}/")
    assert page.url.endswith(f"/jury/rondes/{jury.round.pk}/belangen/"), "undeclared juror must declare first"
    page.check(f"input[name=choice_{conflicted.pk}][value={CONFLICT}]")
    page.fill(f"textarea[name=reason_{conflicted.pk}]", "Ik werk bij Datalab 1.")
    page.check(f"input[name=choice_{scored.pk}][value={NO_CONFLICT}]")
    click_and_wait(page, f"form:has(input[name=choice_{scored.pk}]) button[type=submit]")
    assert ConflictDeclaration.objects.get(juror=juror, entry=conflicted).has_conflict
    assert not ConflictDeclaration.objects.get(juror=juror, entry=scored).has_conflict

    # Score the other entry on every criterion, with a motivation, and submit the review.
    page.goto(f"{base}/jury/rondes/{jury.round.pk}/inzendingen/{scored.pk}/beoordelen/")
    for value, criterion in zip((8, 7, 9), jury.criteria, strict=True):
        page.select_option(f"select[name=score_{criterion.pk}]", str(value))
        page.fill(f"textarea[name=motivation_{criterion.pk}]", f"Onderbouwing voor {criterion.name}.")
    click_and_wait(page, "button[name=submit]")
    review = Review.objects.get(juror=juror, entry=scored, round=jury.round)
    assert review.state == ReviewState.FINAL
    assert sorted(review.scores.values_list("value", flat=True)) == [7, 8, 9]

    # The conflicted entry is out of reach on every jury path.
    for path in ("", "beoordelen/"):
        response = page.goto(f"{base}/jury/rondes/{jury.round.pk}/inzendingen/{conflicted.pk}/{path}")
        assert response.status == 404
