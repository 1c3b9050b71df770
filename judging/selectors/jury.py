"""Who is on which jury, in which role."""

from awardsite.roles import user_in_group
from submissions.rules import is_secretariaat

from ..enums import JuryRole, MembershipState
from ..models import JuryMembership


def accepted_membership(user, edition) -> JuryMembership | None:
    if user is None or not user.is_authenticated or edition is None:
        return None
    cache = user.__dict__.setdefault("_soda_jury_memberships", {})
    key = edition.pk if hasattr(edition, "pk") else edition
    if key not in cache:
        cache[key] = JuryMembership.objects.filter(user=user, edition_id=key, state=MembershipState.ACCEPTED).first()
    return cache[key]


def is_jury_member(user, edition) -> bool:
    return accepted_membership(user, edition) is not None


def is_chair(user, edition) -> bool:
    membership = accepted_membership(user, edition)
    return membership is not None and membership.role == JuryRole.CHAIR


def is_staff_of_award(user) -> bool:
    """The Secretariaat (and superusers) run the award and see the whole register."""
    return is_secretariaat(user)


def is_juror(user) -> bool:
    return user_in_group(user, "Jury")


def memberships_of(user):
    """All memberships of a user (for the dashboard), newest edition first."""
    return (
        JuryMembership.objects.filter(user=user)
        .exclude(state=MembershipState.REMOVED)
        .select_related("edition")
        .order_by("-edition__year")
    )


def jurors_of(edition):
    """Accepted members of an edition's jury, who can be assigned."""
    return (
        JuryMembership.objects.filter(edition=edition, state=MembershipState.ACCEPTED)
        .select_related("user")
        .order_by("user__last_name", "user__email")
    )
