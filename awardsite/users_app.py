"""Wagtail's users app with our user admin (organisation field, e-mail in lower case).

Listed in INSTALLED_APPS instead of "wagtail.users". Kept apart from apps.py, which may hold only
the awardsite app config (Django picks the default config per module)."""

from wagtail.users.apps import WagtailUsersAppConfig


class SodaUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "awardsite.users_admin.SodaUserViewSet"
