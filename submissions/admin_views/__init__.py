"""The Secretariaat's screens in the Wagtail admin (files-admin part of the submissions app):
entries overview with filters, entry detail with its files and the eligibility decision, exports,
and the outbox. Registered from `submissions.wagtail_hooks`.

Only users with the model permission `submissions.change_entry` (the Secretariaat, through the
roles map in awardsite.roles, and superusers) get past `require_secretariaat`; everyone else gets
403 (the Wagtail admin itself already refuses users without admin access)."""

from functools import wraps

from django.core.exceptions import PermissionDenied

SECRETARIAAT_PERMISSION = "submissions.change_entry"


def user_is_secretariaat(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(SECRETARIAAT_PERMISSION))


def require_secretariaat(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not user_is_secretariaat(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
