"""The Secretariaat's jury screens in the Wagtail admin: jury per edition (invite, remove), rounds
(open, close), the assignment matrix (by hand and automatic), the conflict register, progress per
juror with reminders and score distributions, and the audit log. Registered in wagtail_hooks.py.

Only the Secretariaat (and superusers) reach these screens; anyone else gets 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from awardsite.users import User
from submissions.models import Edition, Entry

from .admin_forms import AuditFilterForm, InviteForm, RemoveForm
from .charts import distribution_chart
from .enums import MembershipState
from .models import Assignment, ConflictDeclaration, JuryMembership, Round
from .selectors.audit import audit_actions, filtered_audit_events
from .selectors.conflicts import conflict_register
from .selectors.distribution import score_distribution
from .selectors.jury import is_staff_of_award
from .selectors.matrix import assignment_matrix
from .selectors.progress import round_progress_per_juror
from .services.assignments import assign_automatically, assign_juror, unassign_juror
from .services.conflicts import reopen_declaration
from .services.jury import invite_juror, remove_juror
from .services.reminders import send_reminders
from .services.rounds import close_round, open_round


class SecretariaatView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def get_breadcrumbs_items(self):
        # Without a last item Wagtail's slim header shows only "Home" as the page's heading.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_of_award(request.user):
            raise Http404("Not found.")
        return super().dispatch(request, *args, **kwargs)

    def _errors(self, request, error: ValidationError) -> None:
        for message in error.messages:
            messages.error(request, message)


class JuryOverviewView(SecretariaatView):
    template_name = "judging/admin/jury.html"
    page_title = gettext_lazy("Jury")

    def get(self, request, *args, **kwargs):
        self.edition = self._edition(kwargs.get("edition_id"))
        if self.edition is None:
            return super().get(request, *args, **kwargs)
        self.invite_form = InviteForm(prefix="invite")
        return super().get(request, *args, **kwargs)

    def _edition(self, edition_id):
        if edition_id is None:
            return Edition.objects.order_by("-year").first()
        return get_object_or_404(Edition, pk=edition_id)

    def post(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, pk=kwargs.get("edition_id"))
        action = request.POST.get("action")
        self.invite_form = InviteForm(prefix="invite")
        try:
            if action == "invite":
                self.invite_form = InviteForm(request.POST, prefix="invite")
                if not self.invite_form.is_valid():
                    return super().get(request, *args, **kwargs)
                membership = invite_juror(
                    edition=self.edition,
                    user=self.invite_form.user,
                    role=self.invite_form.cleaned_data["role"],
                    by=request.user,
                )
                messages.success(request, _("%(name)s has been invited.") % {"name": membership.user})
            elif action == "remove":
                membership = get_object_or_404(JuryMembership, pk=request.POST.get("membership"), edition=self.edition)
                form = RemoveForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Give a reason for taking this juror off the jury."))
                remove_juror(membership=membership, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("%(name)s is no longer on the jury.") % {"name": membership.user})
            elif action in ("open", "close"):
                round_ = get_object_or_404(Round, pk=request.POST.get("round"), edition=self.edition)
                if action == "open":
                    open_round(round_=round_, by=request.user)
                    messages.success(request, _("The round is open."))
                else:
                    close_round(round_=round_, by=request.user)
                    messages.success(request, _("The round is closed."))
        except ValidationError as error:
            if action == "invite":
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        self.invite_form.add_error(
                            "email" if field == "user" else (field if field in self.invite_form.fields else None),
                            problem,
                        )
                return super().get(request, *args, **kwargs)
            self._errors(request, error)
        return redirect("judging_admin:jury", edition_id=self.edition.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["editions"] = Edition.objects.order_by("-year")
        context["edition"] = self.edition
        if self.edition is not None:
            context["memberships"] = (
                JuryMembership.objects.filter(edition=self.edition)
                .select_related("user", "invited_by")
                .order_by("state", "role", "user__last_name")
            )
            context["rounds"] = Round.objects.filter(edition=self.edition).order_by("opens_at")
            context["invite_form"] = self.invite_form
            context["active_states"] = [MembershipState.INVITED, MembershipState.ACCEPTED]
        return context


class MatrixView(SecretariaatView):
    template_name = "judging/admin/matrix.html"
    page_title = gettext_lazy("Assignments")

    def dispatch(self, request, *args, **kwargs):
        self.round = None
        return super().dispatch(request, *args, **kwargs)

    def get_round(self):
        return get_object_or_404(Round.objects.select_related("edition"), pk=self.kwargs["round_id"])

    def get(self, request, *args, **kwargs):
        self.round = self.get_round()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.round = self.get_round()
        action = request.POST.get("action")
        try:
            if action == "automatic":
                plan = assign_automatically(round_=self.round, by=request.user)
                messages.success(
                    request,
                    _("Assigned automatically: %(added)s added, %(kept)s kept, %(removed)s removed.")
                    % {"added": len(plan.added), "kept": len(plan.kept), "removed": len(plan.removed)},
                )
            elif action == "assign":
                entry = get_object_or_404(Entry, pk=request.POST.get("entry"), edition=self.round.edition)
                juror = get_object_or_404(User, pk=request.POST.get("juror"))
                assign_juror(round_=self.round, entry=entry, juror=juror, by=request.user)
                messages.success(request, _("%(juror)s assigned to “%(entry)s”.") % {"juror": juror, "entry": entry})
            elif action == "unassign":
                assignment = get_object_or_404(Assignment, pk=request.POST.get("assignment"), round=self.round)
                unassign_juror(assignment=assignment, by=request.user)
                messages.success(request, _("Assignment removed."))
        except ValidationError as error:
            self._errors(request, error)
        return redirect("judging_admin:matrix", round_id=self.round.pk)

    def get_page_subtitle(self):
        return str(self.round) if self.round else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jurors, rows, loads = assignment_matrix(self.round)
        context.update(
            {
                "round": self.round,
                "jurors": jurors,
                "rows": [
                    {"entry": entry, "cells": cells, "count": sum(1 for c in cells if c.assignment and not c.conflict)}
                    for entry, cells in rows
                ],
                "loads": [loads[j.pk] for j in jurors],
            }
        )
        return context


class ProgressView(SecretariaatView):
    template_name = "judging/admin/progress.html"
    page_title = gettext_lazy("Jury progress")

    def get_round(self):
        return get_object_or_404(Round.objects.select_related("edition"), pk=self.kwargs["round_id"])

    def get(self, request, *args, **kwargs):
        self.round = self.get_round()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.round = self.get_round()
        juror_ids = [int(v) for v in request.POST.getlist("juror") if v.isdigit()] or None
        try:
            reminded = send_reminders(round_=self.round, by=request.user, juror_ids=juror_ids)
        except ValidationError as error:
            self._errors(request, error)
        else:
            if reminded:
                messages.success(
                    request,
                    _("Reminder sent to: %(names)s.") % {"names": ", ".join(str(u) for u in reminded)},
                )
            else:
                messages.info(request, _("Nobody needed a reminder: every juror is done."))
        return redirect("judging_admin:progress", round_id=self.round.pk)

    def get_page_subtitle(self):
        return str(self.round)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scale, distributions = score_distribution(self.request.user, self.round)
        context.update(
            {
                "round": self.round,
                "progress": round_progress_per_juror(self.round),
                "scale": scale,
                "distributions": distributions,
                "chart": distribution_chart(scale, distributions) if distributions else None,
            }
        )
        return context


class ConflictRegisterView(SecretariaatView):
    template_name = "judging/admin/conflicts.html"
    page_title = gettext_lazy("Conflict of interest register")

    def post(self, request, *args, **kwargs):
        declaration = get_object_or_404(ConflictDeclaration, pk=request.POST.get("declaration"))
        try:
            reopen_declaration(declaration=declaration, by=request.user, reason=request.POST.get("reason", ""))
        except ValidationError as error:
            self._errors(request, error)
        else:
            messages.success(
                request,
                _("The declaration of %(juror)s for “%(entry)s” is reopened; the juror declares again.")
                % {"juror": declaration.juror, "entry": declaration.entry},
            )
        return redirect(f"{reverse('judging_admin:conflicts')}?edition={declaration.edition.year}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editions = Edition.objects.order_by("-year")
        year = self.request.GET.get("edition")
        edition = editions.filter(year=year).first() if year and year.isdigit() else editions.first()
        only = self.request.GET.get("only")
        qs = conflict_register(edition=edition, has_conflict=True if only == "conflicts" else None)
        context.update({"editions": editions, "edition": edition, "only": only, "declarations": qs})
        return context


class AuditLogView(SecretariaatView):
    template_name = "judging/admin/audit.html"
    page_title = gettext_lazy("Audit log")
    header_icon = "history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AuditFilterForm(self.request.GET or None)
        events = filtered_audit_events()
        if form.is_valid():
            data = form.cleaned_data
            events = filtered_audit_events(
                edition_year=data.get("edition"),
                action=data.get("action") or "",
                actor=data.get("actor") or "",
                date_from=data.get("date_from"),
                date_to=data.get("date_to"),
            )
        elif form.is_bound:
            events = events.none()
        page = Paginator(events, 50).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update({"form": form, "page": page, "actions": audit_actions(), "query": query.urlencode()})
        return context


def jury_home_url() -> str:
    return reverse("judging_admin:jury_home")
