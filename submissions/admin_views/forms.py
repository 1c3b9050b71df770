"""Forms of the Secretariaat's admin screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import EntryState
from ..models import Category, Edition
from ..outbox import PLACEHOLDERS, unknown_placeholders


class EntryFilterForm(forms.Form):
    edition = forms.TypedChoiceField(label=_("Edition"), required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All"))] + list(EntryState.choices))
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int, empty_value=None)
    completeness = forms.ChoiceField(
        label=_("Completeness"),
        required=False,
        choices=[("", _("All")), ("complete", _("Complete")), ("incomplete", _("Not complete"))],
    )
    q = forms.CharField(label=_("Title contains"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = [("", _("All"))] + [(e.year, str(e)) for e in Edition.objects.all()]
        self.fields["category"].choices = [("", _("All"))] + [
            (c.pk, f"{c.edition.year}: {c.name}") for c in Category.objects.select_related("edition")
        ]


class EligibilityForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Eligible")), ("0", _("Not eligible"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (the entrant sees this)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DatasetCheckForm(forms.Form):
    is_open_licence = forms.BooleanField(label=_("Open licence"), required=False)
    is_dutch_government = forms.BooleanField(label=_("Dutch government data"), required=False)


def _placeholder_help():
    return _("Placeholders: %(list)s") % {
        "list": ", ".join("{{ %s }} (%s)" % (name, label) for name, label in PLACEHOLDERS.items())  # noqa: UP031
    }


class ComposeForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))
    edition = forms.TypedChoiceField(label=_("Entrants of edition"), required=False, coerce=int, empty_value=None)
    states = forms.MultipleChoiceField(
        label=_("with state"), required=False, choices=EntryState.choices, widget=forms.CheckboxSelectMultiple
    )
    entry_ids = forms.CharField(
        label=_("Or these entries (numbers, separated by commas)"), required=False, max_length=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _placeholder_help()
        self.fields["edition"].choices = [("", "—")] + [(e.year, str(e)) for e in Edition.objects.all()]

    def clean_entry_ids(self):
        raw = self.cleaned_data["entry_ids"]
        try:
            return [int(part) for part in raw.replace(";", ",").split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Enter entry numbers separated by commas, for example 12, 15, 31.")) from None

    def clean(self):
        cleaned = super().clean()
        for name in ("subject", "body"):
            unknown = unknown_placeholders(cleaned.get(name, ""))
            if unknown:
                self.add_error(
                    name,
                    _("Unknown placeholders: %(names)s.") % {"names": ", ".join("{{ %s }}" % n for n in unknown)},  # noqa: UP031
                )
        if not cleaned.get("entry_ids") and not cleaned.get("edition"):
            raise forms.ValidationError(_("Choose an edition (and states), or give entry numbers."))
        return cleaned
