"""Who may act: the e-mail verification gate every write by an entrant passes through.

CONTRACT for other apps:
- `has_verified_email(user) -> bool`: True only for a logged-in user whose PRIMARY e-mail address is
  verified (allauth's `EmailAddress`). Services call it before every submit.
- `@verified_email_required` on a view: anonymous users go to the login page (like
  `login_required`); a logged-in user without a verified address gets a page (HTTP 403) that
  explains they must verify first, with a button that resends the verification mail. The wrapped
  view does not run, so nothing is saved.
"""

from functools import wraps

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def has_verified_email(user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_soda_has_verified_email", None)
    if cached is None:
        from allauth.account.models import EmailAddress

        cached = EmailAddress.objects.filter(user=user, primary=True, verified=True).exists()
        user._soda_has_verified_email = cached
    return cached


def render_verify_email_first(request, *, status: int = 403):
    """The page shown instead of an action that needs a verified e-mail address."""
    return render(
        request,
        "account/verify_email_first.html",
        {"email": request.user.email, "next": request.get_full_path()},
        status=status,
    )


def verified_email_required(view_func=None, *, redirect_field_name: str = REDIRECT_FIELD_NAME):
    def decorator(func):
        @wraps(func)
        @login_required(redirect_field_name=redirect_field_name)
        def wrapper(request, *args, **kwargs):
            if not has_verified_email(request.user):
                return render_verify_email_first(request)
            return func(request, *args, **kwargs)

        return wrapper

    if view_func is not None:
        return decorator(view_func)
    return decorator
