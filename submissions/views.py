"""Views of the entrant journey. They find the entry through selectors (404 for strangers), hand
cleaned input to services and render the result; they hold no rules of their own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import services
from .completeness import completeness_percent, missing_items, step_status
from .deadline import (
    EntryNotWritable,
    announced_deadline,
    entry_is_writable,
    format_deadline,
    local,
)
from .forms import (
    STEP_FORMS,
    InviteForm,
    LateAccessForm,
    NominationForm,
    OrganisationFormSet,
    StartEntryForm,
    WithdrawForm,
)
from .models import Edition, EntryOrganisation, EntryVersion, Nomination, TeamInvitation
from .rules import can_manage_team, can_submit_entry, can_withdraw_entry, is_owner
from .selectors import (
    dashboard_entries,
    get_entry_for_entrant_or_404,
    open_editions,
    pending_invitations_for,
    team_of,
)
from .steps import CHECK_STEP_SLUG, STEPS, get_step, next_step, previous_step

# --- Dashboard -----------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request):
    entries = list(dashboard_entries(request.user))
    rows = []
    for entry in entries:
        rows.append(
            {
                "entry": entry,
                "is_owner": entry.owner_id == request.user.pk,
                "percent": completeness_percent(entry),
                "missing": len(missing_items(entry)),
                "deadline": local(entry.edition.closes_at),
                "writable": entry_is_writable(entry=entry, user=request.user),
            }
        )
    editions = open_editions()
    return render(
        request,
        "submissions/dashboard.html",
        {
            "rows": rows,
            "open_editions": editions,
            "start_form": StartEntryForm(editions=editions),
            "late_access_form": LateAccessForm(),
            "nominations": Nomination.objects.filter(nominated_by=request.user).select_related("edition", "entry"),
        },
    )


@login_required
@require_POST
def start_entry(request):
    editions = open_editions()
    form = StartEntryForm(request.POST, editions=editions)
    if form.is_valid():
        try:
            entry = services.start_entry(
                edition=form.cleaned_data["edition"], by=request.user, title=form.cleaned_data["title"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your entry has been created. You can now fill it in step by step."))
            return redirect("submissions:entry_step", pk=entry.pk, slug=STEPS[0].slug)
    return render(
        request,
        "submissions/start.html",
        {"start_form": form, "open_editions": editions},
        status=400,
    )


@login_required
def start_for_edition(request, year: int):
    """The "Meedoen" button of a call page: a short form to start an entry in that edition."""
    edition = get_object_or_404(Edition, year=year)
    editions = [e for e in open_editions() if e.pk == edition.pk]
    form = StartEntryForm(editions=editions)
    return render(
        request, "submissions/start.html", {"start_form": form, "open_editions": editions, "edition": edition}
    )


@login_required
@require_POST
def redeem_late_access(request):
    form = LateAccessForm(request.POST)
    if form.is_valid():
        try:
            code = services.redeem_late_access_code(code=form.cleaned_data["code"], by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Code accepted. Your own deadline is %(deadline)s.") % {"deadline": format_deadline(code.deadline)},
            )
            return redirect("submissions:dashboard")
    return render(request, "submissions/late_access.html", {"form": form}, status=400)


# --- Steps --------------------------------------------------------------------------------------


def _step_context(request, entry, step, **extra):
    status = step_status(entry)
    for s in status:
        s["url"] = s["step"].url(entry)
    indicator = [
        {
            "label": f"{s['step'].number}. {s['step'].label}",
            "url": s["url"],
            "state": "done" if s["complete"] else "todo",
            "current": s["step"] == step,
        }
        for s in status
    ]
    writable = entry_is_writable(entry=entry, user=request.user)
    context = {
        "entry": entry,
        "step": step,
        "steps": indicator,
        "status": status,
        "previous_step": previous_step(step),
        "next_step": next_step(step),
        "writable": writable,
        "is_owner": is_owner(request.user, entry),
        "deadline": local(announced_deadline(entry=entry, user=request.user)),
        "autosave_url": reverse("submissions:entry_autosave", kwargs={"pk": entry.pk, "slug": step.slug}),
    }
    if step.slug == "organisatie":
        context.update(
            {
                "team": team_of(entry),
                "invitations": pending_invitations_for(entry) if context["is_owner"] else [],
                "invite_form": extra.pop("invite_form", None) or InviteForm(),
                "can_manage_team": can_manage_team(request.user, entry),
            }
        )
    if step.slug == CHECK_STEP_SLUG:
        context.update(_check_context(request, entry, status))
    context.update(extra)
    return context


def _checklist(status) -> list[dict]:
    """Items for components/checklist.html: a done line per complete step, a line per missing item."""
    items = []
    for s in status:
        if s["step"].slug == CHECK_STEP_SLUG:
            continue
        step_label = f"{s['step'].number}. {s['step'].label}"
        if s["complete"]:
            items.append({"label": step_label, "done": True})
        for m in s["missing"]:
            url = s["url"] + (f"#id_{m.field}" if m.field and s["url"] else "")
            items.append({"label": m.message, "done": False, "url": url, "note": step_label})
    return items


def _check_context(request, entry, status):
    return {
        "checklist": _checklist(status),
        "missing": missing_items(entry),
        "can_submit": can_submit_entry(request.user, entry),
        "can_withdraw": can_withdraw_entry(request.user, entry),
        "receipts": entry.receipts.all()[:5],
        "datasets": entry.datasets.all(),
        "organisations": entry.organisations.all(),
    }


def _bound_forms(step, entry, data=None):
    form_class = STEP_FORMS[step.slug]
    form = form_class(data, instance=entry, prefix=None)
    formset = None
    if step.slug == "organisatie":
        formset = OrganisationFormSet(data, queryset=EntryOrganisation.objects.filter(entry=entry), prefix="org")
    return form, formset


def _save_step(request, entry, step, form, formset):
    """Validate and save. Returns (result or None, stale_entry or None); errors land on the form."""
    if not (form.is_valid() and (formset is None or formset.is_valid())):
        return None, None
    try:
        result = services.save_entry(
            entry=entry.pk,
            by=request.user,
            changes=form.changes(),
            organisations=formset.organisations() if formset is not None else None,
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleEntry as stale:
        form.add_error(
            None,
            _(
                "Someone else (or you, in another window) saved this entry in the meantime. "
                "Your text is still below and has NOT been saved yet. Compare it with the newer "
                "version next to it; when you save again, your text replaces the newer version."
            ),
        )
        return None, stale.current
    except EntryNotWritable as exc:
        form.add_error(None, exc)
        return None, None
    except ValidationError as exc:
        form.add_error(None, exc) if not hasattr(exc, "error_dict") else _add_errors(form, exc)
        return None, None
    return result, None


def _add_errors(form, exc):
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def entry_step(request, pk: int, slug: str):
    step = get_step(slug)
    entry = get_entry_for_entrant_or_404(request.user, pk)
    if step is None or not (step.is_form_step):
        raise Http404("No such step.")
    if slug == CHECK_STEP_SLUG:
        return render(request, "submissions/step_check.html", _step_context(request, entry, step))
    if request.method == "POST":
        form, formset = _bound_forms(step, entry, request.POST)
        result, stale = _save_step(request, entry, step, form, formset)
        if result is not None:
            if result.changed:
                messages.success(request, _("Saved."))
            target = next_step(step) if "save_next" in request.POST else step
            return redirect(target.url(entry) or step.url(entry))
        if stale is not None:
            # Keep the user's text; the next save may overwrite the newer version knowingly.
            form.data = form.data.copy()
            form.data["version"] = stale.version
        context = _step_context(request, entry, step, form=form, formset=formset, stale=stale)
        return render(request, "submissions/step_form.html", context, status=409 if stale else 400)
    form, formset = _bound_forms(step, entry)
    return render(
        request, "submissions/step_form.html", _step_context(request, entry, step, form=form, formset=formset)
    )


@login_required
@require_POST
def entry_autosave(request, pk: int, slug: str):
    """JSON endpoint for submissions-autosave.js: the same form and service as a normal save."""
    step = get_step(slug)
    entry = get_entry_for_entrant_or_404(request.user, pk)
    if step is None or slug not in STEP_FORMS:
        raise Http404("No such step.")
    form, formset = _bound_forms(step, entry, request.POST)
    result, stale = _save_step(request, entry, step, form, formset)
    if result is not None:
        return JsonResponse(
            {
                "status": "saved" if result.changed else "unchanged",
                "version": result.entry.version,
                "saved_at": local(timezone.now()).strftime("%H:%M:%S"),
            }
        )
    if stale is not None:
        return JsonResponse(
            {
                "status": "stale",
                "version": stale.version,
                "message": _("A newer version was saved elsewhere. Save this page to compare the two."),
            },
            status=409,
        )
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    if formset is not None and not formset.is_valid():
        errors["organisations"] = [str(e) for f in formset.errors for errs in f.values() for e in errs] + [
            str(e) for e in formset.non_form_errors()
        ]
    closed = any(
        e.code in {"deadline_passed", "entry_read_only", "edition_not_open", "edition_decided"}
        for e in form.non_field_errors().as_data()
    )
    return JsonResponse(
        {"status": "closed" if closed else "invalid", "errors": errors},
        status=403 if closed else 400,
    )


@login_required
@require_POST
def entry_submit(request, pk: int):
    entry = get_entry_for_entrant_or_404(request.user, pk)
    step = get_step(CHECK_STEP_SLUG)
    if not is_owner(request.user, entry):
        messages.error(request, _("Only the owner of the entry can submit it."))
        return redirect(step.url(entry))
    try:
        entry, receipt, created = services.submit_entry(entry=entry.pk, by=request.user)
    except ValidationError as exc:
        context = _step_context(request, entry, step)
        # Each missing item in the error summary links to where it is filled in, like the checklist below.
        links = {str(item["label"]): item.get("url", "") for item in context["checklist"] if not item["done"]}
        context["submit_errors"] = [{"text": message, "url": links.get(message, "")} for message in exc.messages]
        return render(request, "submissions/step_check.html", context, status=400)
    if created:
        messages.success(
            request,
            _("Your entry has been submitted. Receipt number: %(number)s. We sent you a confirmation e-mail.")
            % {"number": receipt.number},
        )
    else:
        messages.info(request, _("Your entry was already submitted. Nothing has changed since then."))
    return redirect(step.url(entry))


@login_required
def entry_withdraw(request, pk: int):
    entry = get_entry_for_entrant_or_404(request.user, pk)
    if not is_owner(request.user, entry):
        raise Http404("Only the owner withdraws.")
    form = WithdrawForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.withdraw_entry(entry=entry.pk, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your entry has been withdrawn."))
                return redirect("submissions:dashboard")
        status = 400
    return render(request, "submissions/withdraw.html", {"entry": entry, "form": form}, status=status)


@login_required
@require_GET
def entry_preview(request, pk: int):
    """How the entry would look as a public showcase page (nothing is published)."""
    entry = get_entry_for_entrant_or_404(request.user, pk)
    return render(
        request,
        "submissions/preview.html",
        {
            "entry": entry,
            "organisations": entry.organisations.all(),
            "datasets": entry.datasets.all(),
            "images": entry.images.all(),
        },
    )


@login_required
@require_GET
def entry_versions(request, pk: int):
    entry = get_entry_for_entrant_or_404(request.user, pk)
    versions = EntryVersion.objects.filter(entry=entry).select_related("created_by").order_by("-version")[:100]
    return render(request, "submissions/versions.html", {"entry": entry, "versions": versions})


# --- Team ---------------------------------------------------------------------------------------


@login_required
@require_POST
def entry_invite(request, pk: int):
    entry = get_entry_for_entrant_or_404(request.user, pk)
    step = get_step("organisatie")
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite_team_member(entry=entry.pk, by=request.user, email=form.cleaned_data["email"])
        except PermissionDenied:
            form.add_error(None, _("Only the owner of the entry can invite team members."))
        except ValidationError as exc:
            _add_errors(form, exc) if hasattr(exc, "error_dict") else form.add_error(None, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect(step.url(entry))
    entry_form, formset = _bound_forms(step, entry)
    context = _step_context(request, entry, step, form=entry_form, formset=formset, invite_form=form)
    return render(request, "submissions/step_form.html", context, status=400)


@login_required
@require_POST
def entry_invitation_revoke(request, pk: int, invitation_id: int):
    entry = get_entry_for_entrant_or_404(request.user, pk)
    invitation = get_object_or_404(TeamInvitation, pk=invitation_id, entry=entry)
    try:
        services.revoke_invitation(invitation=invitation, by=request.user)
    except PermissionDenied:
        raise Http404("Only the owner manages the team.") from None
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect(get_step("organisatie").url(entry))


@login_required
@require_POST
def entry_member_remove(request, pk: int, membership_id: int):
    entry = get_entry_for_entrant_or_404(request.user, pk)
    try:
        services.remove_team_member(entry=entry.pk, by=request.user, membership_id=membership_id)
    except PermissionDenied:
        raise Http404("Only the owner manages the team.") from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The team member has been removed."))
    return redirect(get_step("organisatie").url(entry))


@login_required
def accept_invitation(request, token: str):
    invitation = services.find_invitation(token)
    error = None
    if request.method == "POST":
        try:
            entry = services.accept_invitation(token=token, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("You are now in the team of “%(title)s”.") % {"title": entry.title})
            return redirect("submissions:entry_step", pk=entry.pk, slug=STEPS[0].slug)
    valid = invitation is not None and not invitation.accepted_at and not invitation.revoked_at
    valid = valid and invitation.expires_at > timezone.now()
    return render(
        request,
        "submissions/accept_invitation.html",
        {"invitation": invitation if valid else None, "error": error},
        status=400 if error or not valid else 200,
    )


# --- Nominations --------------------------------------------------------------------------------


@login_required
def nominate(request, year: int):
    edition = get_object_or_404(Edition, year=year)
    form = NominationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.nominate(
                        edition=edition,
                        by=request.user,
                        **{k: form.cleaned_data[k] or "" for k in form.Meta.fields},
                    )
            except ValidationError as exc:
                _add_errors(form, exc) if hasattr(exc, "error_dict") else form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Thank you. We have sent %(email)s an invitation to take part.")
                    % {"email": form.cleaned_data["nominee_email"]},
                )
                return redirect("submissions:dashboard")
        status = 400
    return render(request, "submissions/nominate.html", {"edition": edition, "form": form}, status=status)


@login_required
def nomination_respond(request, token: str):
    nomination = services.find_nomination(token)
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "decline":
                services.decline_nomination(token=token)
                messages.success(request, _("You have declined the nomination. We have deleted it."))
                return redirect("submissions:dashboard")
            entry = services.accept_nomination(token=token, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("You have accepted the nomination. Your entry is ready to fill in."))
            return redirect("submissions:entry_step", pk=entry.pk, slug=STEPS[0].slug)
    valid = nomination is not None and not nomination.accepted_at and nomination.expires_at > timezone.now()
    return render(
        request,
        "submissions/nomination_respond.html",
        {"nomination": nomination if valid else None, "error": error},
        status=400 if error or not valid else 200,
    )
