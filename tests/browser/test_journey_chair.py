"""Journey (c): the jury chair opens the prize-money calculator, compares the prize rules side by side
for the recorded final ranking, saves a draft decision with one rule, and signs it. Signing asks for
a fresh TOTP code (the login's code has gone stale), and the parked signing POST is replayed."""

import pytest
from django.core.cache import cache

from judging.enums import DecisionState, PrizeRule
from judging.models import Decision
from submissions.enums import EntryState
from tests.judging.decision_fixtures import build_final, record_ranking
from tests.judging.factories import TEST_TOTP_SECRET

from .helpers import click_and_wait, current_totp, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_chair_compares_prize_rules_and_signs_with_a_fresh_code(page, live_server, settings):
    settings.MFA_FRESH_SECONDS = 2  # so the code typed at login is stale when the chair signs
    final = build_final()
    record_ranking(final)  # the chair's final ranking (service), as the ranking screen records it
    base, year = live_server.url, final.edition.year
    log_in(page, base, final.chair.email, password="correct-horse-battery", totp=True, totp_secret=TEST_TOTP_SECRET)

    # Side by side: every rule for the same three winners, each column adding up to the pot.
    page.goto(f"{base}/jury/edities/{year}/prijzengeld/?winner_count=3&unit=0.01&shares=50%2C30%2C20")
    for rule in (PrizeRule.WINNER_TAKES_ALL, PrizeRule.EQUAL, PrizeRule.RANKED, PrizeRule.PROPORTIONAL):
        assert page.locator(f"caption[id='split-{rule.value}']").count() == 1, f"no column for {rule.label}"
    main_text = page.locator("main").inner_text()
    assert "10.000,00" in main_text or "10,000.00" in main_text  # 50% of the pot under 50/30/20

    # The draft decision with the fixed shares by rank.
    # (field names may carry a form prefix, e.g. "decision-rule")
    draft_form = page.locator("form[method=post]:has(select[name$=rule])")
    draft_form.locator("select[name$=rule]").select_option(PrizeRule.RANKED.value)
    draft_form.locator("input[name$=winner_count]").fill("3")
    draft_form.locator("input[name$=shares]").fill("50,30,20")
    draft_form.locator("textarea[name$=motivation]").fill("De jury koos unaniem voor deze drie inzendingen.")
    with page.expect_navigation():
        draft_form.locator("button[type=submit]").click()
    assert page.url.endswith(f"/jury/edities/{year}/besluit/")
    decision = Decision.objects.get(edition=final.edition, state=DecisionState.DRAFT)

    # Sign: the stale login code is not enough, a fresh code is asked for and the POST replayed.
    page.wait_for_timeout(2500)
    page.check("input[name=confirm]")
    click_and_wait(page, "form[action$='/ondertekenen/'] button[type=submit]")
    assert "/accounts/2fa/reauthenticate/" in page.url
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    cache.clear()  # allauth refuses a code twice within its 30 s period; this is a new code entry
    page.fill("input[name=code]", current_totp(final.chair.email, secret=TEST_TOTP_SECRET))
    click_and_wait(page, "form:has(input[name=code]) button[type=submit]")
    page.wait_for_url(f"**/jury/edities/{year}/besluit/")
    decision.refresh_from_db()
    assert decision.state == DecisionState.SIGNED and decision.signed_by == final.chair
    winner = final.entries[0].__class__.objects.get(pk=final.entries[0].pk)
    assert winner.state == EntryState.WINNER
