import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.http import HttpResponse
from django.test import RequestFactory

from awardsite.access import has_verified_email, verified_email_required
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@verified_email_required
def _protected_view(request):
    return HttpResponse("done")


def _request(user, method="get"):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = getattr(RequestFactory(), method)("/inzenden/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_verified_primary_address_counts():
    assert has_verified_email(UserFactory()) is True


def test_unverified_address_does_not_count():
    assert has_verified_email(UserFactory(verified=False)) is False


def test_verified_but_not_primary_address_does_not_count():
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email="other@example.org", verified=True, primary=False)
    assert has_verified_email(user) is False


def test_anonymous_user_has_no_verified_email():
    from django.contrib.auth.models import AnonymousUser

    assert has_verified_email(AnonymousUser()) is False
    assert has_verified_email(None) is False


def test_decorator_runs_view_for_verified_user():
    response = _protected_view(_request(UserFactory()))
    assert response.status_code == 200
    assert response.content == b"done"


def test_decorator_shows_explanation_with_resend_button_for_unverified_user():
    user = UserFactory(verified=False)
    response = _protected_view(_request(user))
    assert response.status_code == 403
    html = response.content.decode()
    assert user.email in html
    assert 'action="/account/verify-email/resend/"' in html
    assert 'name="next" value="/inzenden/"' in html
    assert "done" not in html
    assert len(mail.outbox) == 0  # only the button sends mail, not visiting the page


def test_decorator_sends_anonymous_user_to_login():
    from django.contrib.auth.models import AnonymousUser

    response = _protected_view(_request(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_resend_button_sends_verification_mail_and_returns(client):
    user = UserFactory(verified=False)
    client.force_login(user)
    response = client.post("/account/verify-email/resend/", {"next": "/inzenden/"})
    assert response.status_code == 302
    assert response["Location"] == "/inzenden/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]


def test_resend_refuses_offsite_next(client):
    client.force_login(UserFactory(verified=False))
    response = client.post("/account/verify-email/resend/", {"next": "https://evil.example/"})
    assert response["Location"] == "/account/"


def test_resend_is_post_only(client):
    client.force_login(UserFactory(verified=False))
    assert client.get("/account/verify-email/resend/").status_code == 405
