"""allauth adapter: what happens to a new account."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group

from .roles import INZENDERS


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Everybody who signs up on the site is an entrant (group Inzenders). Other roles are given
        by the secretariat (`manage.py assign_role` or the Users admin)."""
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            group, _created = Group.objects.get_or_create(name=INZENDERS)
            user.groups.add(group)
        return user
