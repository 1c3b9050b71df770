"""Every allauth page we use renders in the site's layout: one h1, NL DS classes, no inline script or
style (CSP), and Dutch in the "u" form."""

import re

import pytest

from tests.factories import UserFactory

from .factories import log_in, reauthenticate, user_with_role

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(r"\b(je|jij|jouw)\b", re.IGNORECASE)

ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
    "/en/accounts/login/",
    "/en/accounts/signup/",
]
USER_PAGES = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/2fa/",
    "/account/",
]
MFA_PAGES = [
    "/accounts/2fa/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/reauthenticate/",
]


def _assert_site_page(response, url):
    assert response.status_code == 200, url
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert main.count("<h1") == 1, url
    assert 'class="utrecht-heading-1"' in main, url
    inline = [m for m in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html) if "application/json" not in m]
    assert inline == [], url
    assert " style=" not in html, url
    assert "soda-account-page" in html or url == "/account/", url
    if not url.startswith("/en/"):
        text = re.sub(r"<[^>]+>", " ", main)
        assert not INFORMAL.search(text), (url, INFORMAL.search(text)[0])


@pytest.mark.parametrize("url", ANONYMOUS_PAGES)
def test_anonymous_account_pages(client, url):
    _assert_site_page(client.get(url), url)


@pytest.mark.parametrize("url", USER_PAGES)
def test_logged_in_account_pages(client, url):
    log_in(client, UserFactory())
    _assert_site_page(client.get(url), url)


@pytest.mark.parametrize("url", MFA_PAGES)
def test_mfa_pages_for_a_juror_with_mfa(client, url):
    log_in(client, user_with_role("Jury", mfa=True))
    reauthenticate(client)
    _assert_site_page(client.get(url), url)


def test_mfa_login_stage_page(client):
    user = user_with_role("Jury", mfa=True)
    client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})
    response = client.get("/accounts/2fa/authenticate/")
    _assert_site_page(response, "/accounts/2fa/authenticate/")
    assert 'autocomplete="one-time-code"' in response.content.decode()


def test_totp_setup_page(client):
    log_in(client, user_with_role("Jury"))
    reauthenticate(client)
    response = client.get("/accounts/2fa/totp/activate/")
    _assert_site_page(response, "/accounts/2fa/totp/activate/")
    html = response.content.decode()
    assert 'class="soda-account-qr"' in html
    assert 'id="authenticator_secret"' in html
    assert "readonly" in html
