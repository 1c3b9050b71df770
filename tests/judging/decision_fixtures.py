"""A final round with scores, ready for deliberation and a decision (judging-decision tests)."""

import time
from dataclasses import dataclass
from decimal import Decimal

from judging.enums import RoundKind, RoundState
from judging.services.decisions import PrizeSettings, RankingRowInput, record_final_ranking, save_decision_draft
from submissions.enums import EntryState
from tests.factories import EntryOrganisationFactory

from .factories import RoundFactory, assign, build_jury, declare, final_review, make_user

# Scores per entry per juror (3 criteria each): entry 1 best, entry 3 worst.
SCORES = {0: [9, 8, 9], 1: [7, 7, 8], 2: [5, 6, 6]}


@dataclass
class Final:
    jury: object
    edition: object
    round: object
    chair: object
    jurors: list
    entries: list
    conflicted_juror: object
    secretariaat: object
    entrant: object


def build_final(*, conflict_on: int = 2) -> Final:
    """Three shortlisted entries scored in a closed final round by the chair and three jurors.
    Juror 0 declared a conflict with entry `conflict_on` (and did not score it)."""
    jury = build_jury(entries=3, jurors=3, entry_state=EntryState.SHORTLIST, round_state=RoundState.CLOSED)
    final = RoundFactory(edition=jury.edition, kind=RoundKind.FINAL, state=RoundState.CLOSED)
    conflicted = jury.jurors[0]
    EntryOrganisationFactory(entry=jury.entries[0], name="Gemeente Voorbeeld")  # a consortium of two
    for index, entry in enumerate(jury.entries):
        for juror in [jury.chair, *jury.jurors]:
            if juror == conflicted and index == conflict_on:
                declare(juror, entry, conflict=True)
                continue
            declare(juror, entry)
            final_review(assign(juror, entry, final), SCORES[index])
    from awardsite.roles import INZENDERS, SECRETARIAAT

    return Final(
        jury=jury,
        edition=jury.edition,
        round=final,
        chair=jury.chair,
        jurors=jury.jurors,
        entries=jury.entries,
        conflicted_juror=conflicted,
        secretariaat=make_user(SECRETARIAAT, mfa=True, is_staff=True),
        entrant=make_user(INZENDERS),
    )


def record_ranking(final: Final):
    rows = [RankingRowInput(entry_id=e.pk, rank=i + 1) for i, e in enumerate(final.entries)]
    return record_final_ranking(edition=final.edition, by=final.chair, rows=rows)


def draft(final: Final, *, rule="ranked", winners=3, shares=(Decimal(50), Decimal(30), Decimal(20))):
    ranking = record_ranking(final)
    return save_decision_draft(
        edition=final.edition,
        by=final.chair,
        ranking=ranking,
        winner_count=winners,
        settings=PrizeSettings(rule=rule, shares=shares if rule == "ranked" else None),
        motivation="De jury koos unaniem voor deze inzendingen.",
        award_motivations={final.entries[0].pk: "Vernieuwend en bruikbaar."},
    )


def fresh_mfa_session(client, user):
    """Log in and mark a second factor as entered just now (as allauth does after a TOTP code)."""
    client.force_login(user)
    session = client.session
    session["account_authentication_methods_user"] = str(user.pk)
    session["account_authentication_methods"] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
    session.save()
