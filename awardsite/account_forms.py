"""Forms of the account pages we write ourselves (allauth's forms are styled by templates)."""

from django import forms

from .forms import SodaFormMixin
from .users import User


class ProfileForm(SodaFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "organisation"]
