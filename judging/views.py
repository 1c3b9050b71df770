"""Jury front end: dashboard, conflict declaration, entries and the review form.

Views find their objects through selectors (404 for anyone who may not see them) and call
services for every write; they hold no rules of their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awardsite.sanitize import sanitize_html
from submissions.models import Entry, EntryAttachment, EntryImage

from .access import filter_entries_for_juror
from .enums import MembershipState
from .forms import DeclarationForm, ReviewForm
from .models import Assignment, ConflictDeclaration, JuryMembership, Review, Round
from .selectors.conflicts import (
    automatic_flags,
    conflict_count,
    declarations_of,
    entries_to_declare,
    undeclared_entries_for_juror,
)
from .selectors.jury import accepted_membership, is_chair
from .selectors.progress import juror_dashboard
from .selectors.scores import reviews_visible_to, visible_scores_for_entry
from .services.conflicts import declare_conflicts
from .services.jury import respond_to_invitation
from .services.reviews import StaleReview, save_review


def _round_for_member_or_404(user, round_pk) -> Round:
    """A round of an edition on whose jury the user sits (accepted) that has opened; else 404."""
    round_ = get_object_or_404(Round.objects.select_related("edition"), pk=round_pk)
    if accepted_membership(user, round_.edition) is None or not round_.has_opened():
        raise Http404("No round found.")
    return round_


def _entry_in_round_or_404(user, round_, entry_pk) -> Entry:
    """An entry of the round the user may see: assigned to it in this round (the chair: any entry
    of the round), declared no conflict. Everything else is 404, conflicts included."""
    in_round = Assignment.objects.filter(round=round_)
    if not is_chair(user, round_.edition):
        in_round = in_round.filter(juror=user)
    qs = filter_entries_for_juror(user, Entry.objects.filter(pk__in=in_round.values("entry_id")))
    try:
        return qs.select_related("edition", "category").get(pk=entry_pk)
    except (Entry.DoesNotExist, ValueError, TypeError):
        raise Http404("No entry found.") from None


def _download_url(kind: str, obj) -> str | None:
    """The submissions app's permission-checked download view (the only way to private files)."""
    try:
        return reverse("submissions:file_download", kwargs={"kind": kind, "pk": obj.pk})
    except NoReverseMatch:
        return None


@login_required
def dashboard(request):
    context = juror_dashboard(request.user)
    return render(request, "judging/dashboard.html", context)


@login_required
@require_POST
def respond_invitation(request, pk):
    membership = get_object_or_404(JuryMembership, pk=pk, user=request.user, state=MembershipState.INVITED)
    accept = request.POST.get("answer") == "accept"
    try:
        respond_to_invitation(membership=membership, accept=accept, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if accept:
            messages.success(request, _("Welcome to the jury of %(edition)s.") % {"edition": membership.edition})
        else:
            messages.info(request, _("You have declined the invitation. The secretariat can see your answer."))
    return redirect("judging:dashboard")


@login_required
def declare(request, round_pk):
    round_ = _round_for_member_or_404(request.user, round_pk)
    entries = list(entries_to_declare(request.user, round_))
    declarations = declarations_of(request.user, entries)
    flags = automatic_flags(request.user, entries)
    form = DeclarationForm(request.POST or None, entries=entries, declarations=declarations, flags=flags)
    if request.method == "POST" and form.is_valid():
        try:
            declare_conflicts(juror=request.user, round_=round_, declarations=form.declarations_input())
        except ValidationError as error:
            for key, problems in error.message_dict.items():
                field = f"reason_{key}" if f"reason_{key}" in form.fields else None
                for problem in problems:
                    form.add_error(field, problem)
        else:
            messages.success(request, _("Thank you. Your declarations have been saved."))
            return redirect("judging:round", round_pk=round_.pk)
    return render(
        request,
        "judging/declare.html",
        {"round": round_, "form": form, "conflicts": conflict_count(request.user, round_)},
    )


@login_required
def round_entries(request, round_pk):
    """The entries of a round the juror may see, with their own review and, when the round's
    setting allows, the number and mean of the other jurors' visible final reviews."""
    round_ = _round_for_member_or_404(request.user, round_pk)
    chair = is_chair(request.user, round_.edition)
    assigned = Assignment.objects.filter(round=round_)
    if not chair:
        assigned = assigned.filter(juror=request.user)
    entries = list(
        filter_entries_for_juror(request.user, Entry.objects.filter(pk__in=assigned.values("entry_id")))
        .prefetch_related("organisations")
        .order_by("title", "pk")
    )
    own_assignments = {
        a.entry_id: a for a in Assignment.objects.filter(round=round_, juror=request.user).select_related("review")
    }
    visible = (
        reviews_visible_to(request.user, Review.objects.filter(round=round_, entry__in=[e.pk for e in entries]))
        .exclude(juror=request.user)
        .filter(state="final")
        .prefetch_related("scores__criterion")
    )
    others: dict[int, list] = {}
    for review in visible:
        others.setdefault(review.entry_id, []).append(_weighted_total(review))
    rows = []
    for entry in entries:
        assignment = own_assignments.get(entry.pk)
        review = getattr(assignment, "review", None) if assignment and _has_review(assignment) else None
        totals = [t for t in others.get(entry.pk, []) if t is not None]
        rows.append(
            {
                "entry": entry,
                "assignment": assignment,
                "review": review,
                "others_count": len(totals),
                "others_mean": sum(totals) / len(totals) if totals else None,
            }
        )
    to_declare = undeclared_entries_for_juror(request.user, round_).exists()
    return render(
        request,
        "judging/round.html",
        {"round": round_, "rows": rows, "is_chair": chair, "to_declare": to_declare},
    )


def _has_review(assignment) -> bool:
    try:
        return assignment.review is not None
    except Review.DoesNotExist:
        return False


def _weighted_total(review) -> float | None:
    """Weighted total of one final review on the rubric scale (display only)."""
    weighted, weights = 0.0, 0.0
    for score in review.scores.all():
        if score.value is None:
            return None
        weighted += float(score.criterion.weight) * score.value
        weights += float(score.criterion.weight)
    return weighted / weights if weights else None


def _cells(review, criteria) -> list:
    """The review's score values in the order of the rubric (None where missing)."""
    by_criterion = {s.criterion_id: s.value for s in review.scores.all()}
    return [by_criterion.get(c.pk) for c in criteria]


def _maybe_redirect_to_declaration(request, round_, entry_pk):
    """An assigned juror who has not declared yet is sent to the declaration form (they already
    see the title there). A conflicted or unassigned user gets 404 like everybody else."""
    if (
        Assignment.objects.filter(round=round_, juror=request.user, entry_id=entry_pk).exists()
        and not ConflictDeclaration.objects.filter(juror=request.user, entry_id=entry_pk).exists()
    ):
        messages.info(request, _("First declare whether you have a conflict of interest with the entries."))
        return redirect("judging:declare", round_pk=round_.pk)
    return None


@login_required
def entry_detail(request, round_pk, entry_pk):
    round_ = _round_for_member_or_404(request.user, round_pk)
    try:
        entry = _entry_in_round_or_404(request.user, round_, entry_pk)
    except Http404:
        response = _maybe_redirect_to_declaration(request, round_, entry_pk)
        if response:
            return response
        raise
    entry = (
        Entry.objects.filter(pk=entry.pk)
        .select_related("edition", "category")
        .prefetch_related(
            "organisations",
            "datasets",
            Prefetch("images", queryset=EntryImage.objects.order_by("sort_order", "id")),
            Prefetch("attachments", queryset=EntryAttachment.objects.order_by("id")),
        )
        .get()
    )
    assignment = Assignment.objects.filter(round=round_, juror=request.user, entry=entry).first()
    reviews = [
        r for r in visible_scores_for_entry(request.user, entry=entry, round_=round_) if r.juror_id != request.user.pk
    ]
    criteria = list(round_.edition.criteria.all())
    return render(
        request,
        "judging/entry.html",
        {
            "round": round_,
            "entry": entry,
            "description_html": sanitize_html(entry.description),
            "assignment": assignment,
            "images": [(image, _download_url("image", image)) for image in entry.images.all()],
            "attachments": [(a, _download_url("attachment", a)) for a in entry.attachments.all()],
            "other_reviews": [
                {"review": r, "total": _weighted_total(r), "cells": _cells(r, criteria)} for r in reviews
            ],
            "criteria": criteria,
        },
    )


@login_required
def review(request, round_pk, entry_pk):
    round_ = _round_for_member_or_404(request.user, round_pk)
    try:
        entry = _entry_in_round_or_404(request.user, round_, entry_pk)
    except Http404:
        response = _maybe_redirect_to_declaration(request, round_, entry_pk)
        if response:
            return response
        raise
    assignment = Assignment.objects.filter(round=round_, juror=request.user, entry=entry).first()
    if assignment is None:
        raise Http404("No assignment found.")
    criteria = list(round_.edition.criteria.all())
    current = Review.objects.filter(assignment=assignment).prefetch_related("scores").first()
    editable = request.user.has_perm("judging.review_assignment", assignment)
    stale_review = None

    def initial_for(review_obj):
        data = {"version": review_obj.version if review_obj else 0, "comment": review_obj.comment if review_obj else ""}
        if review_obj:
            for score in review_obj.scores.all():
                data[f"score_{score.criterion_id}"] = "" if score.value is None else str(score.value)
                data[f"motivation_{score.criterion_id}"] = score.motivation
        return data

    if request.method == "POST" and editable:
        form = ReviewForm(request.POST, criteria=criteria)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                saved = save_review(
                    assignment=assignment,
                    by=request.user,
                    scores=form.scores_input(),
                    comment=form.cleaned_data.get("comment") or "",
                    submit=submit,
                    expected_version=form.cleaned_data["version"],
                )
            except StaleReview as stale:
                stale_review = stale.review
                form.add_error(
                    None,
                    _(
                        "This review was saved in another window or tab after you opened it. Your input is "
                        "kept below; the saved version is shown beside it. Check the scores and save again."
                    ),
                )
                # Let the next save go through from the newer version, with this input.
                data = request.POST.copy()
                data["version"] = str(stale_review.version)
                form = _rebound(form, data, criteria)
            except ValidationError as error:
                for key, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(key if key in form.fields else None, problem)
            else:
                if saved.is_final and submit:
                    messages.success(
                        request, _("Your review has been submitted. You can revise it until the round closes.")
                    )
                elif saved.is_final:
                    messages.success(request, _("Your revised review has been saved."))
                else:
                    messages.success(request, _("Your draft has been saved."))
                return redirect("judging:review", round_pk=round_.pk, entry_pk=entry.pk)
    else:
        form = ReviewForm(initial=initial_for(current), criteria=criteria)
        if not editable:
            for field in form.fields.values():
                field.disabled = True

    return render(
        request,
        "judging/review.html",
        {
            "round": round_,
            "entry": entry,
            "form": form,
            "review": current,
            "editable": editable,
            "stale_scores": {s.criterion_id: s for s in stale_review.scores.all()} if stale_review else None,
            "stale_review": stale_review,
            "revisions": list(current.revisions.select_related("saved_by")[:20]) if current else [],
        },
    )


@login_required
@require_POST
def review_autosave(request, round_pk, entry_pk):
    """Autosave of a DRAFT review (static/js/submissions-autosave.js posts the whole form): JSON
    with the new version, 409 when a newer version was saved elsewhere, 403 when the review can no
    longer be autosaved (round closed, or already submitted: changes to a final review need Save),
    400 when a score is out of range. The same 404s as the form for everyone else."""
    round_ = _round_for_member_or_404(request.user, round_pk)
    entry = _entry_in_round_or_404(request.user, round_, entry_pk)
    assignment = Assignment.objects.filter(round=round_, juror=request.user, entry=entry).first()
    if assignment is None:
        raise Http404("No assignment found.")
    current = Review.objects.filter(assignment=assignment).only("state").first()
    if not request.user.has_perm("judging.review_assignment", assignment) or (current and current.is_final):
        return JsonResponse({"status": "closed"}, status=403)
    form = ReviewForm(request.POST, criteria=list(round_.edition.criteria.all()))
    if not form.is_valid():
        return JsonResponse({"status": "invalid", "errors": form.errors.get_json_data()}, status=400)
    try:
        saved = save_review(
            assignment=assignment,
            by=request.user,
            scores=form.scores_input(),
            comment=form.cleaned_data.get("comment") or "",
            expected_version=form.cleaned_data["version"],
        )
    except StaleReview as stale:
        return JsonResponse({"status": "stale", "version": stale.review.version}, status=409)
    except ValidationError as error:
        return JsonResponse({"status": "invalid", "errors": error.message_dict}, status=400)
    return JsonResponse(
        {
            "status": "saved",
            "version": saved.version,
            "saved_at": timezone.localtime(saved.updated_at).strftime("%H:%M"),
        }
    )


def _rebound(form, data, criteria):
    """A new bound form with `data` that keeps the errors of `form`."""
    new = ReviewForm(data, criteria=criteria)
    new.is_valid()
    for field, errors in form.errors.items():
        for error in errors:
            new.add_error(None if field == "__all__" else field, error)
    return new
