from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    )
    contact_email = models.EmailField(_("contact e-mail"), default="soda@example.nl")
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement page"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy statement page"),
    )
    show_demo_notice = models.BooleanField(_("show demo notice"), default=False)

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("contact_email"),
        FieldPanel("accessibility_page"),
        FieldPanel("privacy_page"),
        FieldPanel("show_demo_notice"),
    ]

    class Meta:
        verbose_name = _("site settings")
