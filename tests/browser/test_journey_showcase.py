"""Journeys (d) and (e): an editor turns the winner of a signed, published decision into a showcase
page in the Wagtail admin and submits it to the moderation workflow; a second editor approves it,
which publishes it; a visitor then finds it by search and by the showcase filters."""

import io

import pytest
from django.core.management import call_command

from awardsite.roles import REDACTIE, SECRETARIAAT
from judging.services.decisions import sign_decision
from showcase.models import ShowcasePage
from showcase.services import publish_results
from submissions.models import Entry
from tests.judging.decision_fixtures import build_final, draft
from tests.judging.factories import TEST_TOTP_SECRET, make_user

from .helpers import click_and_wait, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Wagtail's AbstractImage.generate_rendition_file never closes its SpooledTemporaryFile (the
    # demo pages' images are rendered here); the same known upstream leak tests/showcase ignores.
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
    ),
]

EDITOR = "redactie@demo.soda.example"
NEW_TITLE = "Speelplekkenkaart Zuidoost"


@pytest.fixture
def published_winner():
    """A winner whose decision is signed and whose results are public (all through services)."""
    call_command("load_demo", stdout=io.StringIO())
    final = build_final()
    winner = final.entries[0]
    # The entrant consented to publication when submitting (journey (a) covers that screen).
    Entry.objects.filter(pk=winner.pk).update(consent_publish=True, themes=["ruimte-en-infrastructuur"])
    decision = draft(final, rule="winner-takes-all", winners=1)
    sign_decision(decision=decision, by=final.chair, fresh_mfa=True)
    publish_results(edition=final.edition, by=make_user(SECRETARIAAT, mfa=True, is_staff=True))
    return Entry.objects.get(pk=winner.pk)


def test_editor_publishes_the_winner_through_review_and_a_visitor_finds_it(
    browser, page, live_server, published_winner
):
    base, winner = live_server.url, published_winner

    # (d) The editor creates the draft page from the entry and submits it for review.
    log_in(page, base, EDITOR, totp=True)
    page.goto(f"{base}/admin/showcase/ready/")
    click_and_wait(page, f"form[action$='/admin/showcase/ready/{winner.pk}/create/'] button[type=submit]")
    showcase = ShowcasePage.objects.get(entry=winner)
    assert page.url.endswith(f"/admin/pages/{showcase.pk}/edit/") and not showcase.live
    page.fill("input[name=title]", NEW_TITLE)
    page.locator("footer button[aria-haspopup], footer .w-dropdown__toggle").first.click()
    click_and_wait(page, "button[name=action-submit]")
    showcase.refresh_from_db()
    assert showcase.workflow_in_progress and not showcase.live

    # A second editor approves it from the dashboard, which publishes it.
    reviewer = make_user(REDACTIE, mfa=True, is_staff=True)
    second = browser.new_context(locale="nl-NL").new_page()
    try:
        log_in(second, base, reviewer.email, password="correct-horse-battery", totp=True, totp_secret=TEST_TOTP_SECRET)
        second.goto(f"{base}/admin/")
        approve = second.locator(f"[data-workflow-action-url*='/workflow/action/{showcase.pk}/approve/']").first
        second.locator(".w-dropdown", has=approve).locator(".w-dropdown__toggle").first.click()
        with second.expect_navigation():
            approve.click()
    finally:
        second.context.close()
    showcase.refresh_from_db()
    assert showcase.live and showcase.title == NEW_TITLE

    # (e) A visitor (logged out) finds it by search ...
    page.context.clear_cookies()
    page.goto(f"{base}/zoeken/?q=Speelplekkenkaart")
    assert page.locator(f"main a[href$='{showcase.url}']").count() >= 1, "search did not find the new page"
    page.goto(f"{base}/zoeken/?q=Zuidoost")
    assert page.locator(f"main a[href$='{showcase.url}']").count() >= 1

    # ... and by the filters of the showcase index (year, theme), not under another year.
    page.goto(f"{base}/voorbeelden/")
    form = page.locator("main form:has(select[name=year])")
    form.locator("select[name=year]").select_option(str(winner.edition.year))
    form.locator("select[name=theme]").select_option("ruimte-en-infrastructuur")
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()
    assert f"year={winner.edition.year}" in page.url
    assert page.locator(f"main a[href$='{showcase.url}']").count() >= 1, "filters did not find the new page"
    page.goto(f"{base}/voorbeelden/?year=2022&theme=ruimte-en-infrastructuur")
    assert page.locator(f"main a[href$='{showcase.url}']").count() == 0
    page.goto(base + showcase.url)
    assert page.locator("h1").inner_text().strip() == NEW_TITLE
