"""Front-end forms of the showcase: the index filter (GET) and the site search (GET)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from awardsite.forms import SodaFormMixin
from submissions.enums import ApplicationType, OrganisationType, Theme

from .enums import AwardKind, IndexSort

ANY = [("", _("All"))]


class FastSelect(forms.Select):
    """A <select> rendered in Python instead of one template per <option>: the showcase index
    renders five of them with about forty options on every request."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        current = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            # " selected" has nothing to escape, so format_html_join's escaping leaves it as it is.
            ((str(key), " selected" if str(key) == current else "", label) for key, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class ShowcaseFilterForm(SodaFormMixin, forms.Form):
    """Every field is optional; an invalid value is shown as an error and ignored for filtering."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None, widget=FastSelect)
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=ANY + list(Theme.choices), widget=FastSelect)
    application_type = forms.ChoiceField(
        label=_("Kind of application"), required=False, choices=ANY + list(ApplicationType.choices), widget=FastSelect
    )
    organisation_type = forms.ChoiceField(
        label=_("Kind of organisation"), required=False, choices=ANY + list(OrganisationType.choices), widget=FastSelect
    )
    award = forms.ChoiceField(
        label=_("Award"), required=False, choices=ANY + list(AwardKind.choices), widget=FastSelect
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=IndexSort.choices, widget=FastSelect)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = ANY + [(year, str(year)) for year in years]


class SearchForm(SodaFormMixin, forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
