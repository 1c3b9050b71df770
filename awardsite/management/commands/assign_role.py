"""Give a user a role (group), or take it away: `manage.py assign_role EMAIL ROLE [--remove]`."""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from awardsite.audit import record_event
from awardsite.roles import ALL_ROLES, MFA_REQUIRED_NOTE, user_requires_mfa
from awardsite.users import User


class Command(BaseCommand):
    help = f"Give a user a role, or take it away with --remove. Roles: {', '.join(ALL_ROLES)}."

    def add_arguments(self, parser):
        parser.add_argument("email", help="E-mail address of an existing account.")
        parser.add_argument("role", help=f"One of: {', '.join(ALL_ROLES)} (not case-sensitive).")
        parser.add_argument("--remove", action="store_true", help="Take the role away instead.")

    def handle(self, *args, email, role, remove, **options):
        role_name = next((name for name in ALL_ROLES if name.lower() == role.strip().lower()), None)
        if role_name is None:
            raise CommandError(f"Unknown role {role!r}. Choose one of: {', '.join(ALL_ROLES)}.")
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(
                f"No account with e-mail address {email!r}. The person must sign up first (or create the "
                "account in the admin under Users)."
            )
        group = Group.objects.filter(name=role_name).first()
        if group is None:
            raise CommandError(f"The group {role_name!r} does not exist. Run `manage.py migrate` first.")
        has_role = user.groups.filter(pk=group.pk).exists()
        with transaction.atomic():
            if remove:
                if not has_role:
                    self.stdout.write(f"{user.email} does not have the role {role_name}; nothing changed.")
                    return
                user.groups.remove(group)
                record_event(actor=None, action="role.removed", obj=user, edition_year=None, data={"role": role_name})
                self.stdout.write(self.style.SUCCESS(f"Removed the role {role_name} from {user.email}."))
                return
            if has_role:
                self.stdout.write(f"{user.email} already has the role {role_name}; nothing changed.")
                return
            user.groups.add(group)
            record_event(actor=None, action="role.assigned", obj=user, edition_year=None, data={"role": role_name})
        user._soda_group_names = None
        self.stdout.write(self.style.SUCCESS(f"Gave {user.email} the role {role_name}."))
        if user_requires_mfa(user):
            self.stdout.write(MFA_REQUIRED_NOTE)
