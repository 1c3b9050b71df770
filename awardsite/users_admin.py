"""Wagtail's Users admin for our custom user (e-mail login, no username, organisation)."""

from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet


class _EmailAndOrganisationMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            self.fields["organisation"].help_text = _("Used to flag conflicts of interest for jurors automatically.")

    def clean_email(self):
        # One spelling per address, so Jan@Example.org and jan@example.org are the same account.
        # (Wagtail's duplicate check runs after this, on the lower-case address.)
        return self.cleaned_data["email"].strip().lower()


class SodaUserCreationForm(_EmailAndOrganisationMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"organisation"}


class SodaUserEditForm(_EmailAndOrganisationMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"organisation"}


class SodaUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return SodaUserEditForm if for_update else SodaUserCreationForm
