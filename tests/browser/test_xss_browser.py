"""The XSS corpus (tests/security/xss_payloads.txt) in every text field of entries and reviews,
opened in Chromium on the pages that show them: entry preview, the entrant's read-only view, the
juror's entry view and review form, the chair's deliberation and feedback screens, the showcase page
made from the entry, the Secretariaat's admin list and detail. The browser context bypasses the
Content-Security-Policy, so this proves the escaping itself, not only the CSP: no dialog opens and
the `window.__xss` canary stays unset."""

import pytest

from tests.judging.factories import TEST_TOTP_SECRET
from tests.security.xss_corpus import build_xss_site

from .helpers import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Wagtail's AbstractImage.generate_rendition_file never closes its SpooledTemporaryFile (a
    # Wagtail bug; tests/showcase ignores the same warning).
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
    ),
]

CARRIERS_IN_BROWSER = 3  # every page of the first carriers; tests/security/test_xss.py checks them all


def _role_page(browser, base, site, role, dialogs):
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    context.add_init_script("window.__xss = undefined;")
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{role}: {dialog.message}"), dialog.dismiss()))
    if role == "entrant":
        log_in(page, base, site.entrant.email, password="correct-horse-battery")
    elif role != "visitor":
        user = getattr(site, role)
        log_in(page, base, user.email, password="correct-horse-battery", totp=True, totp_secret=TEST_TOTP_SECRET)
    return page


def test_no_script_runs_and_no_dialog_opens_on_pages_showing_the_corpus(browser, live_server):
    from io import StringIO

    from awardsite.demo import load as load_site
    from awardsite.pages import HomePage
    from showcase.demo import ensure_indexes

    load_site(out=StringIO())
    ensure_indexes(HomePage.objects.first())
    site = build_xss_site()
    shown = {entry.pk for entry in site.carriers[:CARRIERS_IN_BROWSER]}
    base, dialogs, canaries, pages = live_server.url, [], [], {}
    try:
        for label, (role, path) in site.pages.items():
            number = label.rsplit(" ", 1)[-1]
            if number.isdigit() and int(number) not in shown:
                continue
            if role not in pages:
                pages[role] = _role_page(site=site, browser=browser, base=base, role=role, dialogs=dialogs)
            page = pages[role]
            response = page.goto(base + path)
            assert response.status == 200, f"{label}: {path} answered {response.status}"
            page.wait_for_load_state("load")
            if page.evaluate("window.__xss") is not None:
                canaries.append(label)
    finally:
        for page in pages.values():
            page.context.close()
    assert not dialogs, f"a payload opened a dialog: {dialogs[:5]}"
    assert not canaries, f"a payload ran script (window.__xss set) on: {canaries}"
