"""Jury membership: the Secretariaat invites, the juror accepts or declines."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awardsite.audit import record_event
from awardsite.roles import JURY

from ..enums import JuryRole, MembershipState
from ..models import JuryMembership
from ..tasks import send_jury_invitation


@transaction.atomic
def invite_juror(*, edition, user, role: str, by) -> JuryMembership:
    """Invite `user` to the jury of `edition`. Membership implies the Jury group (and so MFA)."""
    if role not in JuryRole.values:
        raise ValidationError({"role": _("Choose chair or member.")})
    if role == JuryRole.CHAIR:
        other_chair = (
            JuryMembership.objects.filter(edition=edition, role=JuryRole.CHAIR)
            .exclude(user=user)
            .exclude(state__in=[MembershipState.DECLINED, MembershipState.REMOVED])
            .select_related("user")
            .first()
        )
        if other_chair:
            raise ValidationError(
                {
                    "role": _("%(name)s is already the chair of this jury. An edition has one chair.")
                    % {"name": other_chair.user}
                }
            )
    membership, created = JuryMembership.objects.select_for_update().get_or_create(
        edition=edition, user=user, defaults={"role": role, "invited_by": by}
    )
    if not created:
        if membership.state in (MembershipState.INVITED, MembershipState.ACCEPTED):
            if membership.role == role:
                raise ValidationError({"user": _("%(name)s is already on this jury.") % {"name": user}})
            membership.role = role
            membership.save(update_fields=["role"])
            record_event(
                actor=by, action="jury.role_changed", obj=membership, edition_year=edition.year, data={"role": role}
            )
            return membership
        membership.role = role
        membership.state = MembershipState.INVITED
        membership.invited_by = by
        membership.invited_at = timezone.now()
        membership.accepted_at = None
        membership.save()
    user.groups.add(Group.objects.get_or_create(name=JURY)[0])
    user.__dict__.pop("_soda_group_names", None)
    record_event(actor=by, action="jury.invited", obj=membership, edition_year=edition.year, data={"role": role})
    transaction.on_commit(lambda: send_jury_invitation.enqueue(membership.pk))
    return membership


@transaction.atomic
def respond_to_invitation(*, membership: JuryMembership, accept: bool, by) -> JuryMembership:
    membership = JuryMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id != by.pk:
        raise ValidationError(_("This invitation is not yours."))
    if membership.state != MembershipState.INVITED:
        raise ValidationError(_("You have already answered this invitation."))
    membership.state = MembershipState.ACCEPTED if accept else MembershipState.DECLINED
    membership.accepted_at = timezone.now() if accept else None
    membership.save(update_fields=["state", "accepted_at"])
    by.__dict__.pop("_soda_jury_memberships", None)
    record_event(
        actor=by,
        action="jury.accepted" if accept else "jury.declined",
        obj=membership,
        edition_year=membership.edition.year,
    )
    return membership


@transaction.atomic
def remove_juror(*, membership: JuryMembership, by, reason: str) -> JuryMembership:
    """Take a juror off the jury. Their reviews stay (history) but they lose access at once."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for taking this juror off the jury.")})
    membership = JuryMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.state == MembershipState.REMOVED:
        raise ValidationError(_("This juror has already been taken off the jury."))
    membership.state = MembershipState.REMOVED
    membership.save(update_fields=["state"])
    record_event(
        actor=by,
        action="jury.removed",
        obj=membership,
        edition_year=membership.edition.year,
        data={"reason": reason},
    )
    return membership
