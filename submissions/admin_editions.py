"""Wagtail admin for the Secretariaat: editions (timeline, categories, rubric, prize) and late-access
codes. Registered in `wagtail_hooks.py`. The phase is shown, never edited."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .deadline import format_deadline
from .models import Edition, LateAccessCode


class PhasePanel(Panel):
    """Shows the derived phase and the fields that only services set (read-only)."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            instance = self.instance
            if not instance or not instance.pk:
                return format_html("<p>{}</p>", _("The phase follows from the dates once the edition is saved."))
            rows = [(_("Phase now"), instance.phase.label)]
            for label, value in (
                (_("Judging started"), instance.judging_started_at),
                (_("Decision signed"), instance.decision_signed_at),
                (_("Results published"), instance.results_published_at),
            ):
                rows.append((label, format_deadline(value) if value else "—"))
            items = format_html(
                "".join("<dt>{}</dt><dd>{}</dd>" for _row in rows), *[part for row in rows for part in row]
            )
            return format_html(
                "<dl>{}</dl><p>{}</p>",
                items,
                _("The phase is derived from the dates and from the jury's and secretariat's actions."),
            )


class EditionForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        jury, ceremony = data.get("jury_deadline"), data.get("ceremony_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The deadline must be after the opening."))
        if closes and jury and jury <= closes:
            self.add_error("jury_deadline", _("The jury deadline must be after the deadline for entries."))
        if closes and ceremony and ceremony <= closes:
            self.add_error("ceremony_at", _("The ceremony must be after the deadline for entries."))
        criteria = self.formsets.get("criteria") if hasattr(self, "formsets") else None
        if criteria is not None and criteria.is_valid():
            kept = [f for f in criteria.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            if any(f.cleaned_data.get("weight") is not None and f.cleaned_data["weight"] <= 0 for f in kept):
                self.add_error(None, _("Every criterion needs a weight above 0."))
            for f in kept:
                low, high = f.cleaned_data.get("scale_min"), f.cleaned_data.get("scale_max")
                if low is not None and high is not None and high <= low:
                    self.add_error(
                        None,
                        _("The highest score of “%(name)s” must be above its lowest score.")
                        % {"name": f.cleaned_data.get("name")},
                    )
        return data


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "date"
    menu_label = _("Editions")
    menu_name = "editions"
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "year",
        "title",
        Column("phase", label=_("Phase"), accessor=lambda edition: edition.phase.label),
        "opens_at",
        "closes_at",
        "prize_pot",
    ]
    ordering = ["-year"]
    edit_handler = ObjectList(
        base_form_class=EditionForm,
        children=[
            MultiFieldPanel([FieldPanel("year"), FieldPanel("title")], heading=_("Edition")),
            PhasePanel(heading=_("Phase")),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("grace_minutes")]),
                    FieldRowPanel(
                        [FieldPanel("jury_deadline"), FieldPanel("ceremony_at"), FieldPanel("ceremony_place")]
                    ),
                ],
                heading=_("Timeline (Europe/Amsterdam)"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("prize_pot"),
                    FieldPanel("tie_break_rule"),
                    FieldPanel("nominations_allowed"),
                    FieldPanel("minimum_maturity"),
                ],
                heading=_("Prize and rules"),
            ),
            InlinePanel("categories", heading=_("Categories"), label=_("Category")),
            InlinePanel("criteria", heading=_("Rubric (criteria for the jury)"), label=_("Criterion"), min_num=1),
        ],
    )


class LateAccessCodeForm(WagtailAdminModelForm):
    def save(self, commit=True):
        if self.instance.pk is None:
            code = services.issue_late_access_code(
                edition=self.cleaned_data["edition"],
                user=self.cleaned_data["user"],
                entry=self.cleaned_data.get("entry"),
                deadline=self.cleaned_data["deadline"],
                reason=self.cleaned_data.get("reason", ""),
                by=self.for_user,
            )
            self.instance = code
            return code
        # Only revoking is possible after issuing: the code's deadline, user and entry stay as issued.
        if self.cleaned_data.get("revoked_at") and "revoked_at" in self.changed_data:
            code = LateAccessCode.objects.get(pk=self.instance.pk)
            if code.revoked_at is None:
                services.revoke_late_access_code(code=code, by=self.for_user)
            code.refresh_from_db()
            self.instance = code
        return self.instance

    def clean(self):
        data = super().clean()
        edition, deadline, entry = data.get("edition"), data.get("deadline"), data.get("entry")
        if self.instance.pk is not None:
            for name in {"edition", "user", "entry", "deadline", "reason"} & set(self.changed_data):
                self.add_error(name, _("An issued code cannot be changed. Revoke it and issue a new one."))
        if self.instance.pk is None and edition and deadline and deadline <= edition.deadline_with_grace:
            self.add_error("deadline", _("The own deadline must be later than the edition's deadline."))
        if entry is not None and edition is not None and entry.edition_id != edition.pk:
            self.add_error("entry", _("This entry belongs to another edition."))
        user = data.get("user")
        if (
            entry is not None
            and user is not None
            and entry.owner_id != user.pk
            and not entry.memberships.filter(user=user).exists()
        ):
            self.add_error("entry", _("This person is not the owner or a team member of this entry."))
        return data


class LateAccessCodeViewSet(SnippetViewSet):
    model = LateAccessCode
    icon = "time"
    menu_label = _("Late-access codes")
    menu_name = "late_access_codes"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["user", "edition", "entry", "code", "deadline", "redeemed_at", "revoked_at"]
    list_filter = ["edition"]
    edit_handler = ObjectList(
        base_form_class=LateAccessCodeForm,
        children=[
            FieldPanel("edition"),
            FieldPanel("user"),
            FieldPanel("entry"),
            FieldPanel("deadline"),
            FieldPanel("reason"),
            FieldPanel("code", read_only=True),
            FieldPanel("redeemed_at", read_only=True),
            FieldPanel("revoked_at", heading=_("Revoked at (fill in to revoke)")),
        ],
    )
