"""Roles are Django groups. This module names them and answers the questions about them."""

from django.conf import settings

INZENDERS = "Inzenders"
JURY = "Jury"
SECRETARIAAT = "Secretariaat"
REDACTIE = "Redactie"
ALL_ROLES = (INZENDERS, JURY, SECRETARIAAT, REDACTIE)


def user_in_group(user, group_name: str) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_soda_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._soda_group_names = cache
    return group_name in cache


def user_requires_mfa(user) -> bool:
    if user.is_staff or user.is_superuser:
        return True
    return any(user_in_group(user, name) for name in settings.MFA_REQUIRED_GROUPS)


def user_has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    cached = getattr(user, "_soda_has_mfa", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._soda_has_mfa = cached
    return cached
