"""MFA is required for staff, Jury, Secretariaat and Redactie; no admin or jury screen bypasses it."""

import time

import pytest
from django.http import HttpResponse
from django.urls import path

from awardsite.mfa import fresh_mfa_required, has_fresh_mfa
from awardsite.roles import JURY, REDACTIE, SECRETARIAAT

from .factories import TEST_TOTP_SECRET, current_totp_code, log_in, reauthenticate, user_with_role

pytestmark = pytest.mark.django_db

PROTECTED_PATHS = [
    "/admin/",
    "/admin/pages/",
    "/admin/login/",
    "/admin/users/",
    "/jury/",
    "/en/jury/",
    "/en/admin/",
    "/documents/1/x.pdf",
    "/",
    "/en/",
    "/account/",
    "/accounts/email/",
    "/_util/login/",
]


def _mfa_setup_url(path: str) -> str:
    return "/en/accounts/2fa/totp/activate/" if path.startswith("/en/") else "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("role", [JURY, SECRETARIAAT, REDACTIE])
@pytest.mark.parametrize("target", PROTECTED_PATHS)
def test_role_without_mfa_is_sent_to_mfa_setup_from_every_screen(client, role, target):
    client.force_login(user_with_role(role))
    response = client.get(target)
    assert response.status_code == 302, target
    assert response["Location"] == _mfa_setup_url(target)


def test_staff_without_group_also_needs_mfa(client):
    client.force_login(user_with_role(None, is_staff=True))
    response = client.get("/admin/")
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_any_group_with_admin_access_needs_mfa(client):
    from django.contrib.auth.models import Group

    user = user_with_role(None)
    user.groups.add(Group.objects.get(name="Editors"))  # Wagtail's own default group
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_post_to_admin_without_mfa_is_refused(client):
    client.force_login(user_with_role(SECRETARIAAT))
    response = client.post("/admin/pages/add/", {"title": "x"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize(
    "allowed",
    [
        "/accounts/2fa/totp/activate/",
        "/en/accounts/2fa/totp/activate/",
        "/accounts/2fa/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/robots.txt",
        "/.well-known/security.txt",
    ],
)
def test_role_without_mfa_reaches_setup_logout_and_site_files(client, allowed):
    log_in(client, user_with_role(JURY))
    reauthenticate(client)
    response = client.get(allowed)
    assert response.status_code == 200, allowed


def test_role_without_mfa_may_log_out_through_wagtail_too(client):
    client.force_login(user_with_role(REDACTIE))
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_setup_page_explains_why_mfa_is_required(client):
    log_in(client, user_with_role(JURY))
    reauthenticate(client)
    html = client.get("/accounts/2fa/totp/activate/").content.decode()
    assert "data:image/svg+xml" in html  # the QR code
    assert "data-soda-mfa-required" in html


def test_entrant_without_mfa_is_not_forced(client):
    client.force_login(user_with_role("Inzenders"))
    assert client.get("/account/").status_code == 200


def test_secretariaat_with_mfa_reaches_admin(client):
    client.force_login(user_with_role(SECRETARIAAT, mfa=True))
    assert client.get("/admin/").status_code == 200


def test_redactie_with_mfa_reaches_the_page_tree(client):
    client.force_login(user_with_role(REDACTIE, mfa=True))
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_jury_with_mfa_is_not_sent_to_setup_and_gets_no_admin(client):
    client.force_login(user_with_role(JURY, mfa=True))
    for target in ["/jury/", "/en/jury/"]:
        response = client.get(target)
        assert not (response.status_code == 302 and "2fa" in response["Location"]), target
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert response.redirect_chain[-1][0].startswith("/admin/login/")


def test_wagtail_admin_login_never_authenticates(client):
    user = user_with_role(SECRETARIAAT, mfa=True)
    response = client.post("/admin/login/", {"username": user.email, "password": "correct-horse-battery"})
    assert response.status_code in (302, 403)
    assert "_auth_user_id" not in client.session


def test_wagtail_admin_login_sends_anonymous_users_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")


def test_wagtail_frontend_login_goes_to_allauth(client):
    response = client.get("/_util/login/?next=/prive/")
    assert response["Location"] == "/accounts/login/?next=%2Fprive%2F"


def test_login_with_mfa_asks_for_the_authenticator_code(client):
    user = user_with_role(JURY, mfa=True)
    response = client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # not logged in yet
    assert client.get("/admin/")["Location"].startswith("/admin/login/")

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_guessing_authenticator_codes_is_throttled(client, settings):
    if not settings.ACCOUNT_RATE_LIMITS:
        pytest.skip("login rate limits are switched off (TEST_RATE_LIMITS=off)")
    user = user_with_role(JURY, mfa=True)
    client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})
    for guess in ["000000", "111111", "222222", "333333", "444444"]:
        client.post("/accounts/2fa/authenticate/", {"code": guess})
    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert "_auth_user_id" not in client.session  # even the right code waits now
    assert "Te veel inlogpogingen" in response.content.decode()


def test_login_through_allauth_then_admin_works_for_secretariaat(client):
    user = user_with_role(SECRETARIAAT, mfa=True)
    client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})
    client.post("/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert client.get("/admin/").status_code == 200


def test_activating_totp_lifts_the_restriction(client):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    user = user_with_role(JURY)
    log_in(client, user)
    assert client.get("/account/")["Location"] == "/accounts/2fa/totp/activate/"
    # allauth asks for the password once more before MFA settings change; that page is reachable.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert client.get(response["Location"]).status_code == 200
    response = client.post(response["Location"], {"password": "correct-horse-battery"})
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200
    assert client.get("/account/").status_code == 200


# --- fresh MFA before signing -------------------------------------------------------------------


@fresh_mfa_required
def _sign_view(request):
    return HttpResponse(f"signed {request.POST.get('motivation', '')}")


urlpatterns = [path("sign/", _sign_view, name="test_sign")]


@pytest.fixture
def sign_urls(settings):
    from awardsite import urls as site_urls

    settings.ROOT_URLCONF = type(
        "Urls",
        (),
        {"urlpatterns": [path("", __import__("django.urls").urls.include(__name__))] + site_urls.urlpatterns},
    )


def test_fresh_mfa_is_false_after_a_password_only_login(rf, client):
    user = user_with_role(JURY, mfa=True)
    client.force_login(user)
    request = rf.get("/")
    request.user = user
    request.session = client.session
    assert has_fresh_mfa(request) is False


def test_signing_asks_for_a_fresh_code_and_replays_the_post(client, sign_urls):
    user = user_with_role(JURY, mfa=True)
    client.force_login(user)
    response = client.post("/sign/", {"motivation": "unaniem"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/?next=%2Fsign%2F")
    response = client.post(response["Location"], {"code": current_totp_code()})
    assert response.status_code == 200
    assert response.content == b"signed unaniem"
    # Within the fresh window the next signature needs no new code.
    assert client.post("/sign/", {"motivation": "tweede"}).content == b"signed tweede"


def test_fresh_code_expires(client, sign_urls, settings):
    user = user_with_role(JURY, mfa=True)
    client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})
    client.post("/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert client.post("/sign/").status_code == 200
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] = time.time() - settings.MFA_FRESH_SECONDS - 1
    session.save()
    assert client.post("/sign/").status_code == 302


def test_signing_without_any_mfa_goes_to_setup(client, sign_urls):
    client.force_login(user_with_role("Inzenders"))
    response = client.post("/sign/")
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_secret_constant_is_valid_base32():
    import base64

    base64.b32decode(TEST_TOTP_SECRET)
