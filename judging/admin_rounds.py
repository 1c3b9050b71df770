"""Rounds in the Wagtail admin: the Secretariaat plans them (dates, score visibility, k, top N).
The state is never edited by hand: open and close are buttons on the jury screen (services)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet

from .enums import RoundState
from .models import Round


class RoundForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The round must close after it opens."))
        if self.instance.pk and self.instance.state != "planned":
            for name in ("edition", "kind"):
                if name in self.changed_data:
                    self.add_error(name, _("This cannot change once the round has been opened."))
        return data


class RoundDeleteView(DeleteView):
    """Only a planned round without reviews can be deleted; the jury's work is never thrown away."""

    def form_valid(self, form):
        if self.object.state != RoundState.PLANNED or self.object.reviews.exists():
            messages.error(
                self.request,
                _("Only a planned round without reviews can be deleted. Close the round instead."),
            )
            return redirect(self.get_success_url())
        return super().form_valid(form)


class RoundViewSet(ModelViewSet):
    model = Round
    form_class = RoundForm
    delete_view_class = RoundDeleteView
    icon = "date"
    add_to_admin_menu = False
    menu_label = _("Rounds")
    list_display = ["__str__", "edition", "kind", "state", "opens_at", "closes_at", "score_visibility"]
    list_filter = ["edition", "kind", "state"]
    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("score_visibility", widget=forms.RadioSelect),
        FieldRowPanel([FieldPanel("reviews_per_entry"), FieldPanel("top_n")]),
    ]


round_viewset = RoundViewSet("judging_rounds")
