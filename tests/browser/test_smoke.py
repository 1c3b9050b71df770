"""Browser smoke test: the home page in both languages, and a login as every demo role."""

import io

import pytest
from django.core.management import call_command

from awardsite.demo import ROLE_LOGINS

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MFA_ROLES = {"voorzitter@", "jurylid@", "secretariaat@", "redactie@", "beheer@"}


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.mark.parametrize(("path", "lang"), [("/", "nl"), ("/en/", "en")])
def test_home_page_opens_in_both_languages(page, demo_site, path, lang):
    page.goto(demo_site + path)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    assert "Stuiveling Open Data Award" in page.title()


@pytest.mark.parametrize(("role", "email"), ROLE_LOGINS)
def test_each_demo_role_can_log_in(page, demo_site, role, email):
    needs_mfa = any(email.startswith(prefix) for prefix in MFA_ROLES)
    log_in(page, demo_site, email, totp=needs_mfa)
    page.goto(demo_site + "/account/")
    assert email in page.content(), f"{role} is not logged in"
    assert "/accounts/login" not in page.url
