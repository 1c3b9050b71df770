"""What the judging app tells other apps about jurors' access to entries.

Contract (used by submissions.selectors / submissions.rules and by file downloads):
- `filter_entries_for_juror(user, queryset)`: the entries of `queryset` that `user` may see as a
  juror: in the Jury group (so MFA is enforced), an accepted member of the entry's jury, the entry
  in a state that takes part in the competition, assigned to the entry in a round of its edition
  that has opened (the chair: the entry is in such a round at all), a declaration "no conflict"
  for the entry, hence no conflict.
- `juror_may_view_entry(user, entry)`: the same question for one entry.

Everything else is denied: a conflicted juror gets 404 for that entry on every path.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from awardsite.roles import JURY, user_in_group
from submissions.enums import COMPETING_STATES

from .enums import JuryRole, MembershipState, RoundState


def _opened_round_q(prefix: str, now) -> Q:
    return Q(**{f"{prefix}state__in": [RoundState.OPEN, RoundState.CLOSED], f"{prefix}opens_at__lte": now})


def filter_entries_for_juror(user, queryset):
    # The Jury group is what makes the MFA middleware demand a second factor: a member without it
    # (e.g. taken out of the group by hand) gets no jury access at all.
    if user is None or not getattr(user, "is_authenticated", False) or not user_in_group(user, JURY):
        return queryset.none()
    from .models import Assignment, ConflictDeclaration, JuryMembership

    now = timezone.now()
    member = JuryMembership.objects.filter(user=user, edition=OuterRef("edition"), state=MembershipState.ACCEPTED)
    chair = member.filter(role=JuryRole.CHAIR)
    assigned_to_user = Assignment.objects.filter(
        _opened_round_q("round__", now), juror=user, entry=OuterRef("pk"), round__edition=OuterRef("edition")
    )
    in_opened_round = Assignment.objects.filter(
        _opened_round_q("round__", now), entry=OuterRef("pk"), round__edition=OuterRef("edition")
    )
    declared_free = ConflictDeclaration.objects.filter(juror=user, entry=OuterRef("pk"), has_conflict=False)
    return queryset.filter(
        Exists(member),
        Exists(declared_free),
        Exists(assigned_to_user) | (Exists(chair) & Exists(in_opened_round)),
        state__in=COMPETING_STATES,
    )


def juror_may_view_entry(user, entry) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or entry is None or entry.pk is None:
        return False
    if entry.state not in COMPETING_STATES:
        return False
    from submissions.models import Entry

    return filter_entries_for_juror(user, Entry.objects.filter(pk=entry.pk)).exists()
