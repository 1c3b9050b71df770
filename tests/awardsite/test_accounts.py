"""Sign-up, verification, login, password reset and rate limits, through allauth's real views."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from awardsite.access import has_verified_email
from awardsite.users import User
from tests.factories import UserFactory

from .factories import log_in

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # noqa: S105 - test only


def _sign_up(client, email="nieuw@example.org", password="een-lang-wachtwoord-42", prefix=""):  # noqa: S107
    return client.post(f"{prefix}/accounts/signup/", {"email": email, "password1": password, "password2": password})


def _confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*accounts/confirm-email/\S+/)", message.body)[1]


def test_sign_up_asks_only_email_and_password_and_shows_labels(client):
    html = client.get("/accounts/signup/").content.decode()
    assert 'name="email"' in html
    assert 'name="username"' not in html
    assert '<label class="utrecht-form-label" for="id_email">' in html
    assert 'class="utrecht-textbox' in html
    assert "placeholder=" not in html  # labels are visible; no placeholder-as-label


def test_new_account_must_verify_before_it_can_log_in(client):
    response = _sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="nieuw@example.org")
    assert list(user.groups.values_list("name", flat=True)) == ["Inzenders"]
    assert "_auth_user_id" not in client.session
    assert has_verified_email(user) is False
    assert len(mail.outbox) == 1

    # Logging in before verifying is refused: a verification page, not a session.
    response = client.post("/accounts/login/", {"login": user.email, "password": "een-lang-wachtwoord-42"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    link = _confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a confirm button, not a state change on GET
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified is True
    log_in(client, User.objects.get(pk=user.pk), password="een-lang-wachtwoord-42")


def test_sign_up_errors_show_summary_and_keep_the_email(client):
    response = _sign_up(client, email="fout@example.org", password="kort")
    assert response.status_code == 200
    html = response.content.decode()
    assert "soda-error-summary" in html
    assert 'href="#id_password1"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_password1_help id_password1_error"' in html or (
        'aria-describedby="id_password1_error"' in html
    )
    assert 'value="fout@example.org"' in html  # nothing typed is lost
    assert not User.objects.filter(email="fout@example.org").exists()


def test_sign_up_in_english_under_en(client):
    html = client.get("/en/accounts/signup/").content.decode()
    assert '<html lang="en"' in html
    assert "Sign Up" in html or "Sign up" in html


def test_login_page_is_in_the_site_layout_in_dutch(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="nl"' in html
    assert 'id="main"' in html
    assert "awardsite/css/accounts.css" in html
    assert "utrecht-button--primary-action" in html
    assert "Inloggen" in html


def test_wrong_password_is_refused_with_a_message_beside_the_form(client):
    user = UserFactory()
    response = client.post("/accounts/login/", {"login": user.email, "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "soda-error-summary" in html
    assert f'value="{user.email}"' in html
    assert "_auth_user_id" not in client.session


@pytest.fixture
def rate_limits_on(settings):
    if not settings.ACCOUNT_RATE_LIMITS:
        pytest.skip("login rate limits are switched off (TEST_RATE_LIMITS=off)")


def test_failed_logins_are_throttled_per_account(client, rate_limits_on):
    user = UserFactory()
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "fout"})
    # Even the right password is refused now: the account is throttled, not just the wrong guesses.
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    html = response.content.decode()
    assert "Te veel inlogpogingen" in html
    assert "soda-error-summary" in html


def test_failed_logins_are_not_throttled_below_the_limit(client):
    """The negative case: four wrong guesses do not lock the owner out."""
    user = UserFactory()
    for _attempt in range(4):
        client.post("/accounts/login/", {"login": user.email, "password": "fout"})
    log_in(client, user)


def test_throttling_one_account_does_not_block_another(client):
    victim, other = UserFactory(), UserFactory()
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": victim.email, "password": "fout"})
    log_in(client, other)


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory()
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)[1]
    response = client.get(link)
    assert response.status_code == 302  # allauth moves the key into the session
    set_url = response["Location"]
    response = client.post(set_url, {"password1": "nieuw-geheim-wachtwoord", "password2": "nieuw-geheim-wachtwoord"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("nieuw-geheim-wachtwoord")


def test_password_reset_for_unknown_address_does_not_reveal_it(client):
    response = client.post("/accounts/password/reset/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


def test_account_page_links_only_to_real_pages(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/account/")
    assert response.status_code == 200
    hrefs = re.findall(r'href="(/[^"#]*)"', response.content.decode())
    account_links = [h for h in hrefs if h.startswith("/account")]
    assert "/accounts/email/" in account_links
    assert "/accounts/password/change/" in account_links
    for href in set(account_links):
        assert client.get(href).status_code in (200, 302), href


def test_account_page_saves_organisation(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/account/", {"first_name": "Fleur", "last_name": "Data", "organisation": "Gemeente X"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.organisation == "Gemeente X"


def test_account_page_refuses_empty_last_name_keeping_input(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/account/", {"first_name": "Fleur", "last_name": "x" * 200, "organisation": "Org Y"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "soda-error-summary" in html
    assert 'value="Org Y"' in html


def test_account_page_needs_login(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_unverified_user_sees_resend_on_account_page(client):
    client.force_login(UserFactory(verified=False))
    html = client.get("/account/").content.decode()
    assert "/account/verify-email/resend/" in html
