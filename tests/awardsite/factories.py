"""Factories and helpers for accounts, roles and MFA tests."""

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth.models import Group

from tests.factories import UserFactory

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - test only


def user_with_role(role: str | None = None, *, mfa: bool = False, **kwargs):
    user = UserFactory(**kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if mfa:
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

        TOTP.activate(user, TEST_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


def current_totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def log_in(client, user, password: str = "correct-horse-battery") -> None:  # noqa: S107 - test only
    """Log in through allauth's real login flow (records the authentication like a browser would),
    answering the MFA stage when the user has TOTP."""
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content
    if response["Location"].endswith("/2fa/authenticate/"):
        response = client.post(response["Location"], {"code": current_totp_code()})
        assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def reauthenticate(client, password: str = "correct-horse-battery") -> None:  # noqa: S107 - test only
    """allauth asks for the password again before MFA settings change (activating TOTP too)."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content
