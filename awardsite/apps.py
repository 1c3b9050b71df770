from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsiteConfig(AppConfig):
    name = "awardsite"
    verbose_name = _("Award site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import sync_roles_after_migrate

        # Runs for every app; acts once, after the last one (see roles.sync_roles_after_migrate).
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="awardsite.sync_roles")
