"""Demo jury data (runs after submissions.demo, before showcase.demo). Idempotent.

For the four past demo editions (2022-2025): jury memberships (the demo chair
voorzitter@demo.soda.example, the demo jurors and two fictional jurors), conflict declarations
(a few real conflicts), a longlist and a final round (closed), assignments, final reviews whose
scores agree with the entries' outcome, discussion notes, the final ranking, a signed decision with
its prize split (2022: equal split among three winners, one of them a consortium of two
organisations sharing 60/40; 2023: winner takes all plus an honourable mention; 2024: 50/30/20;
2025: in proportion to the score with a floor, plus an honourable mention), payments and approved
feedback letters. For the open edition (2027): jury memberships only.

Decisions are made with the real services (ranking, draft, sign), so entry states follow the
decision; on a later run the signed decision is kept and the entry states are brought back in line
with it (submissions.demo resets them).
"""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from awardsite.demo import ensure_user
from awardsite.roles import JURY, SECRETARIAAT
from awardsite.users import User
from submissions.enums import EntryState
from submissions.models import Edition, Entry

from .enums import (
    DecisionState,
    FeedbackState,
    JuryRole,
    MembershipState,
    ReviewState,
    RevisionAction,
    RoundKind,
    RoundState,
    ScoreVisibility,
)
from .models import (
    Assignment,
    ConflictDeclaration,
    Decision,
    DiscussionNote,
    FeedbackLetter,
    FinalRanking,
    JuryMembership,
    Payment,
    Review,
    ReviewRevision,
    Round,
    Score,
)
from .services import decisions as services

AMS = ZoneInfo("Europe/Amsterdam")
CHAIR = "voorzitter@demo.soda.example"
DEMO_JURORS = ["jurylid@demo.soda.example", "jurylid2@demo.soda.example", "jurylid3@demo.soda.example"]
FICTIONAL_JURORS = [
    ("jury-fatima@demo.soda.example", "Fatima", "Fictief", "Stichting Datawijs (demo)"),
    ("jury-pieter@demo.soda.example", "Pieter", "Fictief", "Provincie Verwegen (demo)"),
]
PAST_YEARS = (2022, 2023, 2024, 2025)
OPEN_YEAR = 2027

# Per past edition: the prize rule and its parameters, how many winners, honourable mentions (by
# final rank), and which juror declares a conflict with which nominee (index in the shortlist).
PLANS = {
    2022: {"rule": "equal", "winners": 3, "mentions": [], "conflict": ("jurylid2@demo.soda.example", 3)},
    2023: {"rule": "winner-takes-all", "winners": 1, "mentions": [2], "conflict": ("jurylid3@demo.soda.example", 1)},
    2024: {
        "rule": "ranked",
        "winners": 3,
        "mentions": [],
        "shares": (Decimal(50), Decimal(30), Decimal(20)),
        "conflict": ("jurylid@demo.soda.example", 2),
    },
    2025: {
        "rule": "proportional",
        "winners": 2,
        "mentions": [3],
        "floor": Decimal("5000.00"),
        "cap": Decimal("15000.00"),
        "conflict": ("jurylid2@demo.soda.example", 0),
    },
}
# Quality of the nominees (index in the shortlist) and of the other longlist entries.
NOMINEE_QUALITY = [9, 8, 7, 6]
LONGLIST_QUALITY = [5, 4]
JUROR_OFFSET = [0, -1, 1, 0, -1, 1]  # strict and mild jurors: calibration has something to do


def _at(year, month, day, hour=12):
    return datetime(year, month, day, hour, 0, tzinfo=AMS)


def _jurors() -> tuple[User, list[User]]:
    for email, first, last, organisation in FICTIONAL_JURORS:
        ensure_user(
            email=email,
            first_name=first,
            last_name=last,
            organisation=organisation,
            groups=[JURY],
            is_staff=False,
            needs_mfa=True,
        )
    chair = User.objects.get(email=CHAIR)
    members = list(User.objects.filter(email__in=DEMO_JURORS + [f[0] for f in FICTIONAL_JURORS]).order_by("email"))
    return chair, members


def _memberships(edition, chair, members) -> None:
    accepted = edition.opens_at
    for user, role in [(chair, JuryRole.CHAIR)] + [(m, JuryRole.MEMBER) for m in members]:
        JuryMembership.objects.get_or_create(
            edition=edition,
            user=user,
            defaults={"role": role, "state": MembershipState.ACCEPTED, "invited_at": accepted, "accepted_at": accepted},
        )


def _rounds(edition) -> tuple[Round, Round]:
    year = edition.year
    longlist, _ = Round.objects.get_or_create(
        edition=edition,
        kind=RoundKind.LONGLIST,
        defaults={
            "opens_at": _at(year, 2, 20),
            "closes_at": _at(year, 3, 20, 17),
            "state": RoundState.CLOSED,
            "opened_at": _at(year, 2, 20),
            "closed_at": _at(year, 3, 20, 17),
            "score_visibility": ScoreVisibility.AFTER_ROUND_CLOSES,
            "reviews_per_entry": 3,
            "top_n": 4,
        },
    )
    final, _ = Round.objects.get_or_create(
        edition=edition,
        kind=RoundKind.FINAL,
        defaults={
            "opens_at": _at(year, 3, 25),
            "closes_at": _at(year, 4, 15, 17),
            "state": RoundState.CLOSED,
            "opened_at": _at(year, 3, 25),
            "closed_at": _at(year, 4, 15, 17),
            "score_visibility": ScoreVisibility.AFTER_OWN_FINAL,
            "reviews_per_entry": 6,
            "top_n": 3,
        },
    )
    return longlist, final


def _review(*, juror, entry, round_, quality: int, offset: int, criteria, when) -> None:
    assignment, _ = Assignment.objects.get_or_create(juror=juror, entry=entry, round=round_)
    if Review.objects.filter(assignment=assignment).exists():
        return
    review = Review.objects.create(
        assignment=assignment,
        juror=juror,
        entry=entry,
        round=round_,
        state=ReviewState.FINAL,
        submitted_at=when,
        comment="Heldere inzending; de jury heeft de toelichting gelezen en besproken.",
    )
    values = {}
    for index, criterion in enumerate(criteria):
        wobble = (entry.pk + index) % 3 - 1  # -1, 0 or +1 per criterion, the same every run
        value = max(criterion.scale_min, min(criterion.scale_max, quality + offset + wobble))
        Score.objects.create(
            review=review,
            criterion=criterion,
            value=value,
            scale_min=criterion.scale_min,
            scale_max=criterion.scale_max,
            motivation="Toelichting van het jurylid (demo).",
        )
        values[str(criterion.pk)] = {"value": value, "motivation": "Toelichting van het jurylid (demo)."}
    ReviewRevision.objects.create(
        review=review,
        version=1,
        action=RevisionAction.SUBMIT,
        state=ReviewState.FINAL,
        scores=values,
        comment=review.comment,
        saved_by=juror,
        saved_at=when,
    )


def _past_edition(edition: Edition, chair: User, members: list[User], secretariaat: User | None, out) -> None:
    plan = PLANS[edition.year]
    _memberships(edition, chair, members)
    longlist_round, final_round = _rounds(edition)
    criteria = list(edition.criteria.order_by("sort_order", "id"))
    entries = list(Entry.objects.filter(edition=edition).order_by("pk"))
    decision = Decision.objects.filter(edition=edition, state=DecisionState.SIGNED).first()
    ranking_entries = (
        list(decision.ranking.rows.order_by("rank").values_list("entry_id", flat=True)) if decision else []
    )
    if ranking_entries:
        nominees = [Entry.objects.get(pk=pk) for pk in ranking_entries]
    else:
        by_state = {state: [e for e in entries if e.state == state] for state in EntryState.values}
        nominees = (
            by_state[EntryState.WINNER] + by_state[EntryState.HONOURABLE_MENTION] + by_state[EntryState.NOT_SELECTED]
        )[:4]
    nominee_ids = {e.pk for e in nominees}
    others = [e for e in entries if e.state == EntryState.LONGLIST and e.pk not in nominee_ids][:2]
    everyone = [chair, *members]
    conflict_email, conflict_index = plan["conflict"]
    conflicted = (
        (User.objects.get(email=conflict_email), nominees[conflict_index]) if len(nominees) > conflict_index else None
    )

    # Conflict declarations: every juror about every entry they judge; one real conflict.
    for juror in everyone:
        for entry in [*nominees, *others]:
            is_conflict = conflicted is not None and (juror, entry) == conflicted
            ConflictDeclaration.objects.get_or_create(
                juror=juror,
                entry=entry,
                defaults={
                    "edition": edition,
                    "round": longlist_round,
                    "has_conflict": is_conflict,
                    "reason": "Ik heb als adviseur aan dit project meegewerkt." if is_conflict else "",
                    "declared_at": longlist_round.opens_at,
                },
            )

    # Longlist: three jurors per entry (the chair and two members, rotating), no conflicts.
    for index, entry in enumerate([*nominees, *others]):
        quality = NOMINEE_QUALITY[index] if index < len(nominees) else LONGLIST_QUALITY[index - len(nominees)]
        picked = [everyone[0], everyone[1 + index % len(members)], everyone[1 + (index + 2) % len(members)]]
        for juror in picked:
            if conflicted and (juror, entry) == conflicted:
                juror = everyone[1 + (index + 4) % len(members)]
            _review(
                juror=juror,
                entry=entry,
                round_=longlist_round,
                quality=quality,
                offset=JUROR_OFFSET[everyone.index(juror) % len(JUROR_OFFSET)],
                criteria=criteria,
                when=_at(edition.year, 3, 10 + index),
            )
    # Final round: every juror without a conflict scores every nominee.
    for index, entry in enumerate(nominees):
        for position, juror in enumerate(everyone):
            if conflicted and (juror, entry) == conflicted:
                continue
            _review(
                juror=juror,
                entry=entry,
                round_=final_round,
                quality=NOMINEE_QUALITY[index],
                offset=JUROR_OFFSET[position % len(JUROR_OFFSET)],
                criteria=criteria,
                when=_at(edition.year, 4, 5 + index),
            )

    # Deliberation notes (once).
    if not DiscussionNote.objects.filter(entry__edition=edition).exists() and nominees:
        DiscussionNote.objects.create(
            entry=nominees[0],
            author=chair,
            text="Alle juryleden noemen de maatschappelijke impact overtuigend. Voorstel: winnaar.",
            created_at=_at(edition.year, 4, 16, 10),
        )
        DiscussionNote.objects.create(
            entry=nominees[-1],
            author=members[0] if (members[0], nominees[-1]) != conflicted else members[1],
            text="Sterk idee, maar nog weinig gebruikers. Misschien volgend jaar opnieuw insturen?",
            created_at=_at(edition.year, 4, 16, 11),
        )

    if decision is None:
        decision = _decide(edition, chair, nominees, plan)
        out.write(f"  {edition.year}: decision signed ({decision.get_prize_rule_display()}).")
    else:
        services.apply_decision_to_entries(decision=decision, by=chair)
    _payments(edition, decision, secretariaat)
    _feedback(edition, decision, chair, nominees)


def _decide(edition, chair, nominees, plan) -> Decision:
    rows = [services.RankingRowInput(entry_id=e.pk, rank=i + 1) for i, e in enumerate(nominees)]
    ranking = services.record_final_ranking(edition=edition, by=chair, rows=rows)
    # Demo history reads as it happened: the ranking a few days before signing, not at load time.
    FinalRanking.objects.filter(pk=ranking.pk).update(recorded_at=_at(edition.year, 4, 18, 14))
    mentions = [nominees[rank - 1].pk for rank in plan["mentions"] if rank <= len(nominees)]
    motivations = {
        nominees[0].pk: (
            "De jury is onder de indruk van hoe deze toepassing open overheidsdata gebruikt om een echte vraag "
            "van inwoners te beantwoorden. Het team toont met cijfers aan dat de toepassing wordt gebruikt."
        )
    }
    for pk in mentions:
        motivations[pk] = "Een eervolle vermelding voor een origineel idee dat nog moet groeien."
    draft = services.save_decision_draft(
        edition=edition,
        by=chair,
        ranking=ranking,
        winner_count=plan["winners"],
        settings=services.PrizeSettings(
            rule=plan["rule"],
            shares=plan.get("shares"),
            floor=plan.get("floor"),
            cap=plan.get("cap"),
        ),
        motivation=(
            f"De jury van SODA {edition.year} beoordeelde alle inzendingen op de criteria van deze editie. "
            "Na twee rondes en een gezamenlijk beraad kwam de jury unaniem tot dit besluit."
        ),
        award_motivations=motivations,
        honourable_mention_ids=mentions,
    )
    Decision.objects.filter(pk=draft.pk).update(created_at=_at(edition.year, 4, 19, 10))  # still a draft here
    draft.refresh_from_db()
    return services.sign_decision(decision=draft, by=chair, fresh_mfa=True, at=_at(edition.year, 4, 20, 15))


def _payments(edition, decision, secretariaat) -> None:
    if secretariaat is None:
        return
    for number, share in enumerate(decision.awards.all().prefetch_related("shares"), start=1):
        for part in share.shares.all():
            if part.amount > 0 and not Payment.objects.filter(share=part).exists():
                services.record_payment(
                    share=part,
                    by=secretariaat,
                    amount=part.amount,
                    paid_on=(edition.ceremony_at + timedelta(days=21)).date(),
                    reference=f"BZK-SODA-{edition.year}-{number:02d}{part.sort_order + 1}",
                )


def _feedback(edition, decision, chair, nominees) -> None:
    for entry in nominees:
        if FeedbackLetter.objects.filter(entry=entry).exists():
            continue
        award = decision.awards.filter(entry=entry).first()
        text = (
            f"Beste team van {entry.title},\n\nDank voor uw inzending voor SODA {edition.year}. "
            + (
                "De jury feliciteert u met de prijs. "
                if award is not None and award.amount > 0
                else "U stond op de shortlist; de jury waardeert uw werk. "
            )
            + "De jury vond het gebruik van open data sterk. Een tip: laat nog duidelijker zien wie uw "
            "toepassing gebruikt en wat het hen oplevert.\n\nMet vriendelijke groet,\nde jury"
        )
        FeedbackLetter.objects.create(
            entry=entry,
            text=text,
            state=FeedbackState.SENT,
            drafted_by=chair,
            approved_by=chair,
            approved_at=decision.signed_at,
            sent_at=decision.signed_at + timedelta(days=7),
        )
        Entry.objects.filter(pk=entry.pk).update(jury_feedback=text)


def load(*, out) -> None:
    chair, members = _jurors()
    secretariaat = User.objects.filter(email="secretariaat@demo.soda.example", groups__name=SECRETARIAAT).first()
    for year in PAST_YEARS:
        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            continue
        _past_edition(edition, chair, members, secretariaat, out)
    edition = Edition.objects.filter(year=OPEN_YEAR).first()
    if edition is not None:
        _memberships(edition, chair, members)
    out.write(
        f"Judging demo: jury data and signed decisions for {len(PAST_YEARS)} past editions "
        f"({', '.join(str(year) for year in PAST_YEARS)})."
    )
