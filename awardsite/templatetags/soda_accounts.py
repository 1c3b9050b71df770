"""Template questions about the logged-in user's account (roles, MFA, verification)."""

from django import template

from awardsite.access import has_verified_email
from awardsite.roles import user_has_mfa, user_requires_mfa

register = template.Library()


@register.simple_tag
def mfa_required_for(user) -> bool:
    return bool(user and user.is_authenticated and user_requires_mfa(user))


@register.simple_tag
def mfa_active_for(user) -> bool:
    return bool(user and user.is_authenticated and user_has_mfa(user))


@register.simple_tag
def email_verified_for(user) -> bool:
    return has_verified_email(user)
