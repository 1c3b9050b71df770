"""Front-end forms of the showcase: the index filter (GET) and the site search (GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awardsite.forms import SodaFormMixin
from submissions.enums import ApplicationType, OrganisationType, Theme

from .enums import AwardKind, IndexSort

ANY = [("", _("All"))]


class ShowcaseFilterForm(SodaFormMixin, forms.Form):
    """Every field is optional; an invalid value is shown as an error and ignored for filtering."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=ANY + list(Theme.choices))
    application_type = forms.ChoiceField(
        label=_("Kind of application"), required=False, choices=ANY + list(ApplicationType.choices)
    )
    organisation_type = forms.ChoiceField(
        label=_("Kind of organisation"), required=False, choices=ANY + list(OrganisationType.choices)
    )
    award = forms.ChoiceField(label=_("Award"), required=False, choices=ANY + list(AwardKind.choices))
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=IndexSort.choices)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = ANY + [(year, str(year)) for year in years]


class SearchForm(SodaFormMixin, forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
