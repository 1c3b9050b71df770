"""Who may do what with an entry: named predicates (the `rules` package), used by views and selectors.

Identity predicates (is_owner, is_team_member, is_secretariaat, is_assigned_juror) say WHO the user
is for the entry; the `can_*` predicates add what the entry's state and the deadline allow
(`submissions.deadline`). A view first finds the entry through `selectors` (404 for strangers),
then checks a `can_*` predicate (a read-only page or a clear refusal for the rest).

Registered as permissions too: `user.has_perm("submissions.may_edit_entry", entry)` etc.
"""

import rules

from awardsite.roles import SECRETARIAAT, user_in_group

from .deadline import entry_is_writable
from .enums import EntryState


@rules.predicate
def is_owner(user, entry) -> bool:
    return bool(user and user.is_authenticated and entry is not None and entry.owner_id == user.pk)


@rules.predicate
def is_team_member(user, entry) -> bool:
    """A co-entrant (the owner is not a member; see `is_entrant`). Uses prefetched memberships."""
    if not (user and user.is_authenticated and entry is not None):
        return False
    cache = getattr(entry, "_prefetched_objects_cache", {})
    if "memberships" in cache:
        return any(m.user_id == user.pk for m in cache["memberships"])
    return entry.memberships.filter(user_id=user.pk).exists()


@rules.predicate
def is_secretariaat(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user_in_group(user, SECRETARIAAT)))


@rules.predicate
def is_assigned_juror(user, entry) -> bool:
    from judging.access import juror_may_view_entry

    return bool(user and user.is_authenticated and juror_may_view_entry(user, entry))


@rules.predicate
def is_writable_now(user, entry) -> bool:
    """State, edition and deadline (with grace and the user's late-access code) allow a write."""
    return entry_is_writable(entry=entry, user=user)


@rules.predicate
def is_withdrawable(user, entry) -> bool:
    return entry.state in (
        EntryState.DRAFT,
        EntryState.SUBMITTED,
        EntryState.ELIGIBLE,
        EntryState.INELIGIBLE,
        EntryState.LONGLIST,
        EntryState.SHORTLIST,
    ) and not (entry.edition.decision_signed_at or entry.edition.results_published_at)


is_entrant = is_owner | is_team_member

can_view_entry = is_entrant | is_secretariaat | is_assigned_juror
can_edit_entry = is_entrant & is_writable_now
can_submit_entry = is_owner & is_writable_now
can_manage_team = is_owner & is_writable_now
can_withdraw_entry = is_owner & is_withdrawable

# Object permissions, named "may_*" so they never clash with Django's model permissions
# ("submissions.change_entry") that the Wagtail admin uses.
rules.add_perm("submissions.may_view_entry", can_view_entry)
rules.add_perm("submissions.may_edit_entry", can_edit_entry)
rules.add_perm("submissions.may_submit_entry", can_submit_entry)
rules.add_perm("submissions.may_manage_entry_team", can_manage_team)
rules.add_perm("submissions.may_withdraw_entry", can_withdraw_entry)
