from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsiteConfig(AppConfig):
    name = "awardsite"
    verbose_name = _("Award site")
    default_auto_field = "django.db.models.BigAutoField"
