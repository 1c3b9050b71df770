"""Conflict-of-interest declarations. A juror declares for every entry of a round before seeing any.

A declared conflict cannot be taken back by the juror (ask the Secretariaat to check it); a
"no conflict" can later become a conflict. A conflicted juror loses access to the entry at once
and their scores for it stop counting (judging.selectors.scores)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awardsite.audit import record_event

from ..models import ConflictDeclaration, Round
from ..selectors.conflicts import automatic_flags, entries_to_declare


@dataclass(frozen=True)
class DeclarationInput:
    entry_id: int
    has_conflict: bool
    reason: str = ""


@transaction.atomic
def declare_conflicts(*, juror, round_: Round, declarations: list[DeclarationInput]) -> list[ConflictDeclaration]:
    """Record the juror's declarations for entries of the round. Errors are raised per entry as
    a ValidationError keyed by entry id; nothing is saved then."""
    entries = {e.pk: e for e in entries_to_declare(juror, round_)}
    flags = automatic_flags(juror, entries.values())
    existing = {
        d.entry_id: d
        for d in ConflictDeclaration.objects.select_for_update().filter(juror=juror, entry_id__in=list(entries))
    }
    errors = {}
    for item in declarations:
        if item.entry_id not in entries:
            errors[str(item.entry_id)] = _("This entry is not part of your declaration.")
        elif item.has_conflict and not item.reason.strip():
            errors[str(item.entry_id)] = _("Describe the conflict of interest in a few words.")
        elif (previous := existing.get(item.entry_id)) and previous.has_conflict and not item.has_conflict:
            errors[str(item.entry_id)] = _(
                "You declared a conflict of interest for this entry earlier. Ask the secretariat if this was a mistake."
            )
    if errors:
        raise ValidationError(errors)

    saved = []
    now = timezone.now()
    for item in declarations:
        entry = entries[item.entry_id]
        previous = existing.get(item.entry_id)
        reason = item.reason.strip() if item.has_conflict else ""
        if previous and previous.has_conflict == item.has_conflict and previous.reason == reason:
            saved.append(previous)
            continue
        if previous:
            previous.has_conflict = item.has_conflict
            previous.reason = reason
            previous.round = round_
            previous.declared_at = now
            previous.save()
            declaration = previous
        else:
            declaration = ConflictDeclaration.objects.create(
                juror=juror,
                entry=entry,
                edition_id=round_.edition_id,
                round=round_,
                has_conflict=item.has_conflict,
                reason=reason,
                auto_flagged=item.entry_id in flags,
                declared_at=now,
            )
        record_event(
            actor=juror,
            action="conflict.declared" if item.has_conflict else "conflict.none_declared",
            obj=declaration,
            edition_year=round_.edition.year,
            data={"entry": entry.pk, "round": round_.pk, "auto_flagged": declaration.auto_flagged, "reason": reason},
        )
        saved.append(declaration)
    juror.__dict__.pop("_soda_jury_memberships", None)
    return saved


@transaction.atomic
def reopen_declaration(*, declaration: ConflictDeclaration, by, reason: str) -> None:
    """The Secretariaat takes back a declaration made by mistake (e.g. a conflict ticked for the
    wrong entry). The juror then declares for that entry again; the audit log keeps what it was."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for reopening this declaration.")})
    declaration = ConflictDeclaration.objects.select_for_update().select_related("edition").get(pk=declaration.pk)
    record_event(
        actor=by,
        action="conflict.reopened",
        obj=declaration,
        edition_year=declaration.edition.year,
        data={
            "juror": declaration.juror_id,
            "entry": declaration.entry_id,
            "had_conflict": declaration.has_conflict,
            "declared_reason": declaration.reason,
            "reason": reason.strip(),
        },
    )
    declaration.delete()
