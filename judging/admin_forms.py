"""Forms of the Secretariaat's jury screens in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awardsite.users import User

from .enums import JuryRole


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the juror"),
        help_text=_("The person needs an account on this site. They set up a second login step before judging."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=JuryRole.choices, initial=JuryRole.MEMBER)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                _("No account uses this e-mail address. Ask the person to register first, then invite them.")
            )
        self.user = user
        return email


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class AuditFilterForm(forms.Form):
    edition = forms.IntegerField(label=_("Edition (year)"), required=False, min_value=1900)
    action = forms.CharField(label=_("Action"), required=False, help_text=_("For example review. or conflict.declared"))
    actor = forms.CharField(label=_("Who (e-mail)"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
