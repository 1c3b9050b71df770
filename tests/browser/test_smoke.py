"""Browser smoke test: the home page in both languages, and a login as every demo role.

One demo load for the whole module (a single test): loading the demo per role cost a minute each."""

import io

import pytest
from django.core.management import call_command

from awardsite.demo import ROLE_LOGINS

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MFA_ROLES = {"voorzitter@", "jurylid@", "secretariaat@", "redactie@", "beheer@"}


def test_home_page_in_both_languages_and_every_demo_role_logs_in(browser, page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    base = live_server.url
    for path, lang in (("/", "nl"), ("/en/", "en")):
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").count() == 1
        assert "Stuiveling Open Data Award" in page.title()
    for role, email in ROLE_LOGINS:
        context = browser.new_context(locale="nl-NL")
        role_page = context.new_page()
        try:
            needs_mfa = any(email.startswith(prefix) for prefix in MFA_ROLES)
            log_in(role_page, base, email, totp=needs_mfa)
            role_page.goto(base + "/account/")
            assert email in role_page.content(), f"{role} is not logged in"
            assert "/accounts/login" not in role_page.url
        finally:
            context.close()
