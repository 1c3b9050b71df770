"""Factories and a ready-made jury for the jury-workflow tests."""

from dataclasses import dataclass, field
from datetime import timedelta

import factory
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone

from awardsite.roles import INZENDERS, JURY, REDACTIE, SECRETARIAAT
from judging.enums import JuryRole, MembershipState, ReviewState, RoundKind, RoundState, ScoreVisibility
from judging.models import Assignment, ConflictDeclaration, JuryMembership, Review, Round, Score
from submissions.enums import EntryState
from tests.factories import (
    CriterionFactory,
    EditionFactory,
    EntryFactory,
    EntryOrganisationFactory,
    UserFactory,
)

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - test only


def make_user(*groups: str, mfa: bool = False, **kwargs):
    user = UserFactory(**kwargs)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    if mfa:
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def closed_edition(**kwargs):
    """An edition whose call closed a week ago (so entries are being judged)."""
    now = timezone.now()
    defaults = {
        "opens_at": now - timedelta(days=60),
        "closes_at": now - timedelta(days=7),
        "jury_deadline": now + timedelta(days=30),
        "ceremony_at": now + timedelta(days=60),
    }
    defaults.update(kwargs)
    return EditionFactory(**defaults)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    edition = factory.SubFactory(EditionFactory)
    kind = RoundKind.LONGLIST
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    state = RoundState.OPEN
    score_visibility = ScoreVisibility.AFTER_ROUND_CLOSES
    reviews_per_entry = 2


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryMembership

    edition = factory.SubFactory(EditionFactory)
    user = factory.LazyFunction(lambda: make_user(JURY, mfa=True))
    role = JuryRole.MEMBER
    state = MembershipState.ACCEPTED
    accepted_at = factory.LazyFunction(timezone.now)


def declare(juror, entry, *, conflict=False, reason="Ik werk daar."):
    return ConflictDeclaration.objects.create(
        juror=juror, entry=entry, edition=entry.edition, has_conflict=conflict, reason=reason if conflict else ""
    )


def final_review(assignment, values, *, state=ReviewState.FINAL):
    """A review with a score per criterion of the edition (values in rubric order)."""
    review = Review.objects.create(
        assignment=assignment,
        juror=assignment.juror,
        entry=assignment.entry,
        round=assignment.round,
        state=state,
        submitted_at=timezone.now() if state == ReviewState.FINAL else None,
    )
    for criterion, value in zip(assignment.entry.edition.criteria.all(), values, strict=True):
        Score.objects.create(
            review=review,
            criterion=criterion,
            value=value,
            scale_min=criterion.scale_min,
            scale_max=criterion.scale_max,
            motivation="Goed onderbouwd.",
        )
    return review


@dataclass
class Jury:
    """An edition being judged: a longlist round, three criteria, a chair and jurors, entries."""

    edition: object
    round: object
    criteria: list
    chair: object
    jurors: list
    entries: list
    users: dict = field(default_factory=dict)


def build_jury(
    *,
    entries: int = 2,
    jurors: int = 3,
    visibility=ScoreVisibility.AFTER_ROUND_CLOSES,
    round_state=RoundState.OPEN,
    entry_state=EntryState.ELIGIBLE,
) -> Jury:
    edition = closed_edition()
    criteria = [
        CriterionFactory(edition=edition, name="Innovatie", weight=2, sort_order=1),
        CriterionFactory(edition=edition, name="Impact", weight=1, sort_order=2),
        CriterionFactory(edition=edition, name="Gebruik van open data", weight=1, sort_order=3),
    ]
    round_ = RoundFactory(edition=edition, score_visibility=visibility, state=round_state)
    chair = MembershipFactory(edition=edition, role=JuryRole.CHAIR).user
    members = [MembershipFactory(edition=edition).user for _ in range(jurors)]
    made = []
    for index in range(entries):
        entry = EntryFactory(edition=edition, state=entry_state, title=f"Inzending {index + 1}")
        EntryOrganisationFactory(entry=entry, name=f"Datalab {index + 1}")
        made.append(entry)
    return Jury(edition=edition, round=round_, criteria=criteria, chair=chair, jurors=members, entries=made)


def assign(juror, entry, round_):
    return Assignment.objects.create(juror=juror, entry=entry, round=round_)


ROLE_GROUPS = {"jury": JURY, "secretariaat": SECRETARIAAT, "redactie": REDACTIE, "inzender": INZENDERS}


def juror_with_assignments(count: int):
    """One juror (declared, some reviews draft, some final, one conflict) with `count` assignments
    in an open round, built in bulk so hundreds stay quick. Returns (jury, juror)."""
    from submissions.models import Entry

    jury = build_jury(entries=0, jurors=1)
    juror = jury.jurors[0]
    owner = UserFactory()
    entries = Entry.objects.bulk_create(
        [
            Entry(edition=jury.edition, owner=owner, title=f"Inzending {i:04d}", state=EntryState.ELIGIBLE)
            for i in range(count)
        ]
    )
    assignments = Assignment.objects.bulk_create(
        [Assignment(juror=juror, entry=entry, round=jury.round) for entry in entries]
    )
    ConflictDeclaration.objects.bulk_create(
        [
            ConflictDeclaration(
                juror=juror,
                entry=entry,
                edition=jury.edition,
                has_conflict=index == 0,
                reason="Oud-collega" if index == 0 else "",
            )
            for index, entry in enumerate(entries)
            if index % 5 != 4  # every fifth entry still undeclared
        ]
    )
    now = timezone.now()
    Review.objects.bulk_create(
        [
            Review(
                assignment=assignment,
                juror=juror,
                entry_id=assignment.entry_id,
                round=jury.round,
                state=ReviewState.FINAL if index % 3 == 0 else ReviewState.DRAFT,
                submitted_at=now if index % 3 == 0 else None,
            )
            for index, assignment in enumerate(assignments)
            if index % 5 in (1, 2)
        ]
    )
    return jury, juror
