"""Front-end forms of the entrant journey. Field checks only; the rules live in services."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from awardsite.forms import SodaFormMixin

from .enums import Theme
from .models import Entry, EntryOrganisation, Nomination

http_url = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address that starts with https:// or http://.")
)


class JourneyFormMixin(SodaFormMixin):
    """SodaFormMixin plus labels that start with a capital (model verbose names are lower case)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class HttpURLField(forms.URLField):
    """Only http(s) addresses (no javascript:, ftp:, data: …)."""

    default_validators = [http_url]

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


# Fields needed to submit (see submissions.completeness): shown without "(optional)", but never
# enforced while writing, so a half-written draft always saves.
NEEDED_TO_SUBMIT = frozenset(
    {
        "category",
        "title",
        "summary",
        "societal_question",
        "description",
        "application_type",
        "maturity",
        "themes",
        "impact_evidence",
        "prize_plan",
        "consent_terms",
    }
)


class VersionedForm(JourneyFormMixin, forms.ModelForm):
    """A step form: carries the version the user started from (optimistic locking)."""

    use_required_attribute = False  # the browser must never block saving a draft
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        for name, field in self.fields.items():
            if not isinstance(field.widget, forms.HiddenInput):
                field.required = name in NEEDED_TO_SUBMIT

    def full_clean(self):
        """Validate formats only; completeness is checked at submit (fields keep their label)."""
        needed = {name: f.required for name, f in self.fields.items() if name != "version"}
        for name in needed:
            self.fields[name].required = False
        try:
            super().full_clean()
        finally:
            for name, required in needed.items():
                self.fields[name].required = required

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OrganisationStepForm(VersionedForm):
    class Meta:
        model = Entry
        fields = ["category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = self.instance.edition.categories.all()
        self.fields["category"].empty_label = _("Choose a category")
        self.fields["category"].required = self.instance.edition.categories.exists()


class OrganisationForm(JourneyFormMixin, forms.ModelForm):
    website = HttpURLField(label=_("website"), required=False)

    class Meta:
        model = EntryOrganisation
        fields = ["name", "org_type", "website", "share_percent"]

    def as_data(self) -> dict:
        return {
            "name": self.cleaned_data["name"].strip(),
            "org_type": self.cleaned_data["org_type"],
            "website": self.cleaned_data.get("website") or "",
            "share_percent": self.cleaned_data.get("share_percent"),
        }


class BaseOrganisationFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        names = [f.cleaned_data["name"].strip().lower() for f in self.kept_forms()]
        if len(names) != len(set(names)):
            raise forms.ValidationError(_("Each organisation may be listed only once."))

    def kept_forms(self):
        return [
            f
            for f in self.forms
            if f.has_changed() or f.instance.pk
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name")
        ]

    def organisations(self) -> list[dict]:
        return [f.as_data() for f in self.kept_forms()]


OrganisationFormSet = forms.modelformset_factory(
    EntryOrganisation,
    form=OrganisationForm,
    formset=BaseOrganisationFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


class ApplicationStepForm(VersionedForm):
    application_url = HttpURLField(label=_("application URL"), required=False)
    source_code_url = HttpURLField(label=_("source code URL"), required=False)
    themes = forms.MultipleChoiceField(
        label=_("themes"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The themes of data.overheid.nl that fit your application."),
    )

    class Meta:
        model = Entry
        fields = [
            "title",
            "summary",
            "societal_question",
            "description",
            "application_type",
            "maturity",
            "application_url",
            "source_code_url",
            "source_code_licence",
            "themes",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "societal_question": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "summary": _("At most 600 characters. This is shown first."),
            "description": _("How does it work, who uses it? Empty lines start a new paragraph."),
            "source_code_licence": _("For example EUPL-1.2 or MIT."),
        }

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(_("Your entry needs a name."))
        return title

    def clean(self):
        data = super().clean()
        if data.get("source_code_licence") and not data.get("source_code_url"):
            self.add_error("source_code_url", _("Add the address of the source code, or leave the licence empty."))
        return data


class ImpactStepForm(VersionedForm):
    class Meta:
        model = Entry
        fields = ["impact_evidence", "prize_plan", "lessons_learned"]
        widgets = {
            "impact_evidence": forms.Textarea(attrs={"rows": 8}),
            "prize_plan": forms.Textarea(attrs={"rows": 5}),
            "lessons_learned": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "impact_evidence": _("What changed because of your application? Give numbers or examples."),
            "prize_plan": _("What will you do with the prize money?"),
            "lessons_learned": _("What would you tell others who want to do the same?"),
        }


class ConsentStepForm(VersionedForm):
    class Meta:
        model = Entry
        fields = ["consent_terms", "consent_publish", "consent_case_study", "consent_contact"]
        help_texts = {
            "consent_terms": _("Required to submit."),
            "consent_publish": _("We may show your entry as a good example on this site."),
            "consent_case_study": _("We may describe your entry in a practical guide."),
            "consent_contact": _("Leer- en Expertisepunt Open Overheid may contact you about your entry."),
        }


STEP_FORMS = {
    "organisatie": OrganisationStepForm,
    "toepassing": ApplicationStepForm,
    "impact": ImpactStepForm,
    "toestemming": ConsentStepForm,
}


class StartEntryForm(JourneyFormMixin, forms.Form):
    edition = forms.TypedChoiceField(label=_("edition"), coerce=int)
    title = forms.CharField(
        label=_("name of your application"), max_length=150, help_text=_("You can change it later.")
    )

    def __init__(self, *args, editions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.editions = {e.pk: e for e in editions}
        self.fields["edition"].choices = [(e.pk, str(e)) for e in editions]
        if len(self.editions) == 1:
            self.fields["edition"].initial = next(iter(self.editions))

    def clean_edition(self):
        return self.editions[self.cleaned_data["edition"]]


class InviteForm(JourneyFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("e-mail address of your team member"),
        help_text=_("They get an e-mail with a link. The link works until the deadline, at most 14 days."),
    )


class WithdrawForm(JourneyFormMixin, forms.Form):
    reason = forms.CharField(label=_("reason (optional)"), required=False, max_length=1000, widget=forms.Textarea)
    confirm = forms.BooleanField(label=_("Yes, I withdraw this entry. This cannot be undone."), required=True)


class LateAccessForm(JourneyFormMixin, forms.Form):
    code = forms.CharField(label=_("code"), max_length=32, help_text=_("The code you received from the Secretariaat."))


class NominationForm(JourneyFormMixin, forms.ModelForm):
    application_url = HttpURLField(label=_("application URL"), required=False)

    class Meta:
        model = Nomination
        fields = ["nominee_name", "nominee_email", "organisation_name", "title", "application_url", "motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "nominee_email": _("We send them an invitation. Their entry counts only when they accept."),
        }
