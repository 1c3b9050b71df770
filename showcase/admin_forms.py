"""Wagtail editor form of showcase pages: themes are ticked from the data.overheid.nl list."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from submissions.enums import Theme


class ShowcasePageForm(WagtailAdminPageForm):
    themes = forms.MultipleChoiceField(
        label=_("themes"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
