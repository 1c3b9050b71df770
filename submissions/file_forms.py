"""Forms of the "data used" and "images and attachments" steps, and of the privacy pages.

They validate input only; the checks by content live in `submissions.uploads`, the writes in the
services. Every form uses SodaFormMixin (NL Design System classes and aria wiring)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awardsite.forms import SodaFormMixin

from .ckan import parse_dataset_url
from .licences import ManualLicence
from .uploads import validate_image, validate_pdf


class DatasetUrlForm(SodaFormMixin, forms.Form):
    url = forms.CharField(
        label=_("Address of the dataset on data.overheid.nl"),
        max_length=500,
        help_text=_("For example https://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten-2023"),
    )
    how_used = forms.CharField(
        label=_("How does your application use this dataset?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_url(self):
        value = self.cleaned_data["url"].strip()
        if parse_dataset_url(value) is None:
            raise forms.ValidationError(
                _(
                    "This is not the address of a dataset on data.overheid.nl. It looks like "
                    "https://data.overheid.nl/dataset/name-of-the-dataset. Is your data elsewhere? Enter it by hand below."
                )
            )
        return value


class DatasetSearchForm(SodaFormMixin, forms.Form):
    q = forms.CharField(label=_("Search the data.overheid.nl catalogue"), max_length=200, required=False)


class ManualDatasetForm(SodaFormMixin, forms.Form):
    title = forms.CharField(label=_("Name of the dataset"), max_length=300)
    publisher = forms.CharField(
        label=_("Publisher"), max_length=300, help_text=_("The organisation that publishes it.")
    )
    url = forms.URLField(label=_("Address (URL) of the dataset"), max_length=500, required=False, assume_scheme="https")
    licence_id = forms.ChoiceField(label=_("Licence"), choices=ManualLicence.choices)
    claims_dutch_government = forms.BooleanField(
        label=_("The publisher is a Dutch government organisation"), required=False
    )
    how_used = forms.CharField(
        label=_("How does your application use this dataset?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_url(self):
        value = self.cleaned_data["url"]
        if value and not value.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Only web addresses that start with http:// or https:// are allowed."))
        return value


class ImageUploadForm(SodaFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Screenshot"),
        help_text=_("PNG, JPEG or WebP, at most 5 MB. Do not show personal data of other people."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the screenshot shows, for people who cannot see it."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)

    def clean_file(self):
        self.checked = validate_image(self.cleaned_data["file"])
        return self.cleaned_data["file"]


class ImageEditForm(SodaFormMixin, forms.Form):
    alt_text = forms.CharField(label=_("Alternative text"), max_length=250)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class AttachmentUploadForm(SodaFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Attachment (PDF)"),
        help_text=_(
            "A PDF of at most 10 MB, for example a report or a plan. Only the jury and the Secretariaat see it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    title = forms.CharField(label=_("Title of the document"), max_length=200, required=False)

    def clean_file(self):
        self.checked = validate_pdf(self.cleaned_data["file"])
        return self.cleaned_data["file"]


class DeleteAccountForm(SodaFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone"))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password
