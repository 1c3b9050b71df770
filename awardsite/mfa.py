"""A fresh second factor before an irreversible act (the jury chair signing a decision).

allauth's `reauthentication_required` is NOT enough for that: it accepts a password alone and counts
any recent authentication. `fresh_mfa_required` asks for the authenticator code (or a recovery
code) unless one was entered within `settings.MFA_FRESH_SECONDS` in this session.

CONTRACT for judging (signing a decision):
    from awardsite.mfa import fresh_mfa_required, has_fresh_mfa

    @login_required
    @fresh_mfa_required
    def sign_decision(request, ...): ...

On a POST without a fresh code the request is parked in the session, the user enters a code on
allauth's MFA re-authentication page, and the parked POST is then replayed once (allauth's
resume mechanism), so nothing typed is lost. Services may call `has_fresh_mfa(request)` as a
second check.
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.urls import reverse

from .roles import user_has_mfa


def has_fresh_mfa(request, *, max_age_seconds: int | None = None) -> bool:
    from allauth.account.internal.flows.login import get_authentication_records

    if not request.user.is_authenticated:
        return False
    max_age = settings.MFA_FRESH_SECONDS if max_age_seconds is None else max_age_seconds
    now = time.time()
    return any(
        record.get("method") == "mfa" and now - float(record.get("at", 0)) <= max_age
        for record in get_authentication_records(request, request.user)
    )


def fresh_mfa_required(view_func):
    @wraps(view_func)
    @login_required
    def wrapper(request, *args, **kwargs):
        from allauth.account.internal.flows.reauthentication import suspend_request

        if not user_has_mfa(request.user):
            # No second factor yet: set it up first (RequireMFAMiddleware does the same for roles).
            return suspend_request(request, reverse("mfa_activate_totp"))
        if not has_fresh_mfa(request):
            return suspend_request(request, reverse("mfa_reauthenticate"))
        return view_func(request, *args, **kwargs)

    return wrapper
