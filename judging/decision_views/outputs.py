"""The printable jury report (jury and Secretariaat; no juror names, no conflicted scores) and the
score exports (CSV and XLSX; the Secretariaat only, each one recorded in the audit log)."""

import csv
import io
from fractions import Fraction

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from awardsite.audit import record_event
from submissions.models import Criterion

from ..arithmetic import CriterionInput, ReviewInput, Rubric, validate_rubric, weighted_total
from ..enums import RoundKind
from ..models import Review
from ..selectors import decisions as sel
from ..selectors.jury import is_chair, is_staff_of_award
from ..selectors.scores import reviews_visible_to
from .common import deliberation_entry_or_404, edition_or_404, jury_edition_or_404


def _report_context(request, edition, *, only_entry=None):
    decision = sel.current_decision(edition)
    language = get_language() or "nl"
    awards = sel.explained_awards(sel.decision_with_awards(decision), language) if decision else []
    hidden = sel.conflicted_entry_ids(request.user, edition)
    # Jurors see the (anonymised) score summary only once the decision is signed: before that the
    # round's score-visibility setting rules, and only the chair and the Secretariaat see totals.
    show_scores = decision is not None or is_chair(request.user, edition) or is_staff_of_award(request.user)
    final_round = sel.round_of(edition, RoundKind.FINAL)
    result, rows = sel.ranking_overview(request.user, final_round) if show_scores else (None, [])
    if only_entry is not None:
        rows = [row for row in rows if row.entry.pk == only_entry.pk]
        awards = [a for a in awards if a.award.entry_id == only_entry.pk]
    awards = [a for a in awards if a.award.entry_id not in hidden]
    return {
        "edition": edition,
        "decision": decision,
        "awards": awards,
        "result": result,
        "rows": rows,
        "only_entry": only_entry,
        "hidden_count": len(hidden),
        "show_scores": show_scores,
    }


@login_required
def report(request, year):
    edition = jury_edition_or_404(request.user, year, secretariaat=True)
    return render(request, "judging/decision/report.html", _report_context(request, edition))


@login_required
def report_entry(request, year, entry_pk):
    """The report's data about one entry; 404 for a juror with a conflict of interest."""
    edition = jury_edition_or_404(request.user, year, secretariaat=True)
    if is_staff_of_award(request.user):
        entry = edition.entries.filter(pk=entry_pk).first()
        if entry is None:
            raise Http404("No entry found.")
    else:
        entry = deliberation_entry_or_404(request.user, edition, entry_pk)
    return render(request, "judging/decision/report.html", _report_context(request, edition, only_entry=entry))


def _export_rows(user, edition):
    criteria = list(Criterion.objects.filter(edition=edition).order_by("sort_order", "id"))
    rubric: Rubric | None = None
    if criteria:
        rubric = validate_rubric(
            [CriterionInput(id=c.pk, weight=c.weight, scale_min=c.scale_min, scale_max=c.scale_max) for c in criteria]
        )
    reviews = (
        reviews_visible_to(user, Review.objects.filter(round__edition=edition))
        .select_related("juror", "entry", "round")
        .prefetch_related("scores")
        .order_by("round__opens_at", "entry__title", "entry_id", "juror__email")
    )
    header = [
        _("Round"),
        _("Entry number"),
        _("Entry"),
        _("Juror"),
        _("Submitted at"),
        *[c.name for c in criteria],
        _("Weighted total"),
    ]
    rows = []
    for review in reviews:
        values = {s.criterion_id: s.value for s in review.scores.all()}
        total = ""
        if rubric is not None and all(values.get(c.pk) is not None for c in criteria):
            exact = weighted_total(ReviewInput(review.juror_id, review.entry_id, values), rubric)
            total = f"{float(Fraction(exact)):.3f}"
        rows.append(
            [
                review.round.get_kind_display(),
                review.entry_id,
                review.entry.title,
                review.juror.email,
                review.submitted_at.isoformat() if review.submitted_at else "",
                *[values.get(c.pk, "") if values.get(c.pk) is not None else "" for c in criteria],
                total,
            ]
        )
    return header, rows


def _secretariaat_edition_or_404(request, year):
    if not is_staff_of_award(request.user):
        raise Http404("No export found.")
    return edition_or_404(year)


@login_required
def export_scores_csv(request, year):
    edition = _secretariaat_edition_or_404(request, year)
    header, rows = _export_rows(request.user, edition)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    record_event(
        actor=request.user, action="scores.exported", obj=edition, edition_year=edition.year,
        data={"format": "csv", "rows": len(rows)},
    )  # fmt: skip
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="soda-{edition.year}-scores.csv"'
    return response


@login_required
def export_scores_xlsx(request, year):
    from openpyxl import Workbook

    edition = _secretariaat_edition_or_404(request, year)
    header, rows = _export_rows(request.user, edition)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Scores")[:31]
    sheet.append(header)
    for row in rows:
        sheet.append([_safe_cell(v) for v in row])
    output = io.BytesIO()
    workbook.save(output)
    record_event(
        actor=request.user, action="scores.exported", obj=edition, edition_year=edition.year,
        data={"format": "xlsx", "rows": len(rows)},
    )  # fmt: skip
    response = HttpResponse(
        output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="soda-{edition.year}-scores.xlsx"'
    return response


def _safe_cell(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
