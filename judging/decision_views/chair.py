"""The chair's screens: ranking overview and shortlist, final ranking, prize-split calculator,
decision, signing (fresh MFA) and superseding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awardsite.mfa import fresh_mfa_required, has_fresh_mfa
from submissions.enums import EntryState
from submissions.models import Entry

from .. import prize
from ..decision_forms import (
    CalculatorForm,
    DecisionDraftForm,
    FinalRankingForm,
    ShortlistForm,
    SignForm,
    SupersedeForm,
)
from ..enums import DecisionState, PrizeRule, RankingBasis, RoundKind
from ..models import Decision
from ..selectors import decisions as sel
from ..services import decisions as services
from .common import chair_edition_or_404, form_errors_from

DECIDED_OR_NOMINATED = [
    EntryState.SHORTLIST,
    EntryState.WINNER,
    EntryState.HONOURABLE_MENTION,
]


@login_required
def ranking_overview(request, year):
    """Raw and calibrated rankings side by side per round, with rank moves, disagreement flags and
    leave-one-out stability; the shortlist is chosen here, helped by the top N."""
    edition = chair_edition_or_404(request.user, year)
    rounds = []
    for kind in (RoundKind.LONGLIST, RoundKind.FINAL):
        round_ = sel.round_of(edition, kind)
        result, rows = sel.ranking_overview(request.user, round_)
        rounds.append({"round": round_, "result": result, "rows": rows})
    longlist = list(
        Entry.objects.filter(
            edition=edition, state__in=[EntryState.ELIGIBLE, EntryState.LONGLIST, EntryState.SHORTLIST]
        )
        .exclude(pk__in=sel.conflicted_entry_ids(request.user, edition))
        .order_by("title", "pk")
    )
    top = {row.entry.pk for row in rounds[0]["rows"] if row.result.in_top_n_raw or row.result.in_top_n_calibrated}
    shortlisted = [str(e.pk) for e in longlist if e.state == EntryState.SHORTLIST]
    shortlist_form = ShortlistForm(
        choices=[(str(e.pk), e.title) for e in longlist],
        initial={"entries": shortlisted or [str(pk) for pk in top]},
    )
    return render(
        request,
        "judging/decision/overview.html",
        {
            "edition": edition,
            "rounds": rounds,
            "shortlist_form": shortlist_form,
            "eligible_count": Entry.objects.filter(edition=edition, state=EntryState.ELIGIBLE).count(),
            "signed": edition.decision_signed_at is not None,
        },
    )


@login_required
@require_POST
def place_on_longlist(request, year):
    edition = chair_edition_or_404(request.user, year)
    try:
        count = services.place_eligible_on_longlist(edition=edition, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s entries are on the longlist.") % {"count": count})
    return redirect("judging:decision_overview", year=edition.year)


@login_required
@require_POST
def select_shortlist(request, year):
    edition = chair_edition_or_404(request.user, year)
    candidates = Entry.objects.filter(
        edition=edition, state__in=[EntryState.ELIGIBLE, EntryState.LONGLIST, EntryState.SHORTLIST]
    ).exclude(pk__in=sel.conflicted_entry_ids(request.user, edition))
    form = ShortlistForm(request.POST, choices=[(str(e.pk), e.title) for e in candidates])
    if form.is_valid():
        try:
            services.select_shortlist(
                edition=edition, by=request.user, entry_ids=[int(pk) for pk in form.cleaned_data["entries"]]
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The nominees have been chosen."))
            return redirect("judging:decision_overview", year=edition.year)
    for error in form.errors.get("entries", []) + form.non_field_errors():
        messages.error(request, error)
    return redirect("judging:decision_overview", year=edition.year)


def _nominees(edition, user):
    return list(
        Entry.objects.filter(edition=edition, state__in=DECIDED_OR_NOMINATED + [EntryState.NOT_SELECTED])
        .filter(pk__in=_final_round_entry_ids(edition))
        .exclude(pk__in=sel.conflicted_entry_ids(user, edition))
        .order_by("title", "pk")
    )


def _final_round_entry_ids(edition):
    """Nominees: the entries on the shortlist now, or in a recorded ranking of this edition."""
    from ..models import FinalRankingRow

    ids = set(Entry.objects.filter(edition=edition, state=EntryState.SHORTLIST).values_list("pk", flat=True))
    ids |= set(FinalRankingRow.objects.filter(ranking__edition=edition).values_list("entry_id", flat=True))
    return ids


@login_required
def final_ranking(request, year):
    edition = chair_edition_or_404(request.user, year)
    nominees = _nominees(edition, request.user)
    basis = request.POST.get("basis") or request.GET.get("basis") or RankingBasis.CALIBRATED
    if basis not in RankingBasis.values:
        basis = RankingBasis.CALIBRATED
    arithmetic = sel.arithmetic_ranks(edition, basis)
    latest = sel.latest_ranking(edition)
    initial = {row.entry_id: row.rank for row in latest.rows.all()} if latest else {}
    initial_ranks = {e.pk: initial.get(e.pk, arithmetic.get(e.pk, (None,))[0]) for e in nominees}
    form = FinalRankingForm(
        request.POST or None, entries=nominees, initial_ranks=initial_ranks, initial={"basis": basis}
    )
    if request.method == "POST" and form.is_valid():
        rows = [
            services.RankingRowInput(
                entry_id=e.pk,
                rank=form.cleaned_data[f"rank_{e.pk}"],
                departure_reason=form.cleaned_data.get(f"reason_{e.pk}", ""),
            )
            for e in nominees
        ]
        try:
            services.record_final_ranking(edition=edition, by=request.user, rows=rows, basis=form.cleaned_data["basis"])
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The final ranking has been recorded."))
            return redirect("judging:decision_calculator", year=edition.year)
    return render(
        request,
        "judging/decision/final_ranking.html",
        {
            "edition": edition,
            "form": form,
            "rows": [(entry, rank, reason, arithmetic.get(entry.pk)) for entry, rank, reason in form.rows()],
            "latest": latest,
            "basis": basis,
        },
    )


def _calculator_columns(ranking, winner_count, pot, params) -> list[sel.CalculatorColumn]:
    language = get_language() or "nl"
    columns = []
    options = [
        (PrizeRule.WINNER_TAKES_ALL, {}),
        (PrizeRule.EQUAL, {}),
        (
            PrizeRule.RANKED,
            {"shares": params.get("shares") or (prize.Decimal(50), prize.Decimal(30), prize.Decimal(20))},
        ),
        (PrizeRule.PROPORTIONAL, {"floor": params.get("floor"), "cap": params.get("cap")}),
    ]
    for rule, extra in options:
        settings = services.PrizeSettings(rule=rule, unit=params["unit"], **extra)
        try:
            split = services.calculate_split(ranking=ranking, winner_count=winner_count, pot=pot, settings=settings)
        except prize.PrizeSplitError as error:
            columns.append(
                sel.CalculatorColumn(
                    rule=rule, label=PrizeRule(rule).label, split=None, error=prize.error_text(error, language)
                )
            )
        else:
            columns.append(
                sel.CalculatorColumn(
                    rule=rule,
                    label=PrizeRule(rule).label,
                    split=split,
                    error="",
                    texts=tuple(prize.explain_split(split, language)),
                    language=language,
                )
            )
    return columns


@login_required
def calculator(request, year):
    """Several rules side by side for the same winners, each amount explained in words and split
    among the entry's organisations; below it, the draft decision with the chosen rule."""
    edition = chair_edition_or_404(request.user, year)
    ranking = sel.latest_ranking(edition)
    if ranking is None:
        messages.info(request, _("Record the final ranking first."))
        return redirect("judging:decision_final_ranking", year=edition.year)
    conflicted = sel.conflicted_entry_ids(request.user, edition)
    ranked_entries = [row.entry for row in ranking.rows.all() if row.entry_id not in conflicted]
    # First view: three winners, so the default shares by place (50,30,20) fit and no rule opens with an error.
    params_form = CalculatorForm(request.GET or None, initial={"winner_count": 3, "unit": "0.01", "shares": "50,30,20"})
    params = {"unit": prize.CENT, "shares": None, "floor": None, "cap": None}
    winner_count = 3
    if request.GET and params_form.is_valid():
        params.update({k: params_form.cleaned_data[k] for k in ("unit", "shares", "floor", "cap")})
        winner_count = params_form.cleaned_data["winner_count"]
    winner_count = min(winner_count, max(1, len(ranking.rows.all())))
    columns = _calculator_columns(ranking, winner_count, edition.prize_pot, params)
    draft = sel.draft_decision(edition)
    initial = {
        "winner_count": winner_count,
        "unit": str(params["unit"]),
        "shares": ",".join(str(s) for s in params["shares"]) if params["shares"] else "50,30,20",
        "floor": params["floor"] or "",
        "cap": params["cap"] or "",
        "rule": draft.prize_rule if draft else PrizeRule.WINNER_TAKES_ALL,
        "motivation": draft.motivation if draft else "",
    }
    if draft:
        for award in draft.awards.all():
            initial[f"motivation_{award.entry_id}"] = award.motivation
        initial["honourable_mentions"] = [
            str(a.entry_id) for a in draft.awards.all() if a.label == "honourable_mention"
        ]
    form = DecisionDraftForm(request.POST or None, entries=ranked_entries, initial=initial, prefix="decision")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        settings = services.PrizeSettings(
            rule=data["rule"],
            unit=data["unit"],
            shares=data["shares"],
            floor=data["floor"],
            cap=data["cap"],
            manual_amounts=form.manual_amounts() or None,
        )
        try:
            services.save_decision_draft(
                edition=edition,
                by=request.user,
                ranking=ranking,
                winner_count=data["winner_count"],
                settings=settings,
                motivation=data["motivation"],
                award_motivations=form.award_motivations(),
                honourable_mention_ids=[int(pk) for pk in data["honourable_mentions"]],
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The draft decision has been saved. Check it and sign it."))
            return redirect("judging:decision_detail", year=edition.year)
    return render(
        request,
        "judging/decision/calculator.html",
        {
            "edition": edition,
            "ranking": ranking,
            "params_form": params_form,
            "columns": columns,
            "form": form,
            "winner_count": winner_count,
            "current": sel.current_decision(edition),
            "draft": draft,
        },
    )


@login_required
def decision_detail(request, year):
    edition = chair_edition_or_404(request.user, year)
    draft = sel.draft_decision(edition)
    current = sel.current_decision(edition)
    return render(
        request,
        "judging/decision/decision.html",
        {
            "edition": edition,
            "draft": sel.decision_with_awards(draft) if draft else None,
            "current": sel.decision_with_awards(current) if current else None,
            "draft_awards": sel.explained_awards(draft, get_language() or "nl") if draft else [],
            "current_awards": sel.explained_awards(current, get_language() or "nl") if current else [],
            "history": sel.decision_history(edition).annotate(award_count=Count("awards")),
            "sign_form": SignForm(),
            "supersede_form": SupersedeForm(),
            "language": get_language() or "nl",
        },
    )


@login_required
@require_POST
def sign(request, year, pk):
    """Signing needs a second factor entered just now (awardsite.mfa): without one, the POST is
    parked, the chair enters a code, and the POST is replayed. Anyone but the chair gets 404 first."""
    edition = chair_edition_or_404(request.user, year)
    decision = get_object_or_404(Decision, pk=pk, edition=edition)
    return _sign_with_fresh_mfa(request, edition=edition, decision=decision)


@fresh_mfa_required
def _sign_with_fresh_mfa(request, *, edition, decision):
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that you sign the decision."))
        return redirect("judging:decision_detail", year=edition.year)
    try:
        services.sign_decision(decision=decision, by=request.user, fresh_mfa=has_fresh_mfa(request))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The decision has been signed. It can no longer change."))
    return redirect("judging:decision_detail", year=edition.year)


@login_required
@require_POST
def supersede(request, year, pk):
    edition = chair_edition_or_404(request.user, year)
    decision = get_object_or_404(Decision, pk=pk, edition=edition, state=DecisionState.SIGNED)
    form = SupersedeForm(request.POST)
    if form.is_valid():
        try:
            services.start_superseding_decision(decision=decision, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(
                request,
                _(
                    "A new draft decision has been started. The signed decision stays in force until you sign the new one."
                ),
            )
            return redirect("judging:decision_calculator", year=edition.year)
    draft = sel.draft_decision(edition)
    return render(
        request,
        "judging/decision/decision.html",
        {
            "edition": edition,
            "draft": sel.decision_with_awards(draft) if draft else None,
            "current": sel.decision_with_awards(decision),
            "draft_awards": sel.explained_awards(draft, get_language() or "nl") if draft else [],
            "current_awards": sel.explained_awards(decision, get_language() or "nl"),
            "history": sel.decision_history(edition).annotate(award_count=Count("awards")),
            "sign_form": SignForm(),
            "supersede_form": form,
            "language": get_language() or "nl",
        },
        status=400,
    )
