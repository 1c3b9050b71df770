"""Object permissions of the judging app as named predicates (the `rules` package).

Identity and access (jury workflow):
- `is_secretariaat(user)`: the Secretariaat or a superuser.
- `is_jury_member(user, edition)`, `is_jury_chair(user, edition)`: an ACCEPTED membership.
- `may_view_entry_as_juror(user, entry)`: the access contract (judging.access).
- `may_review(user, assignment)`: the assignee, who may see the entry, while the round takes scores.

Registered as permissions too: `user.has_perm("judging.review_assignment", assignment)`.
Views first find objects through selectors (404 for anyone who may not see them).
"""

import rules

from submissions.rules import is_secretariaat as _is_secretariaat

from .access import juror_may_view_entry
from .selectors.jury import is_chair
from .selectors.jury import is_jury_member as _is_jury_member


@rules.predicate
def is_secretariaat(user) -> bool:
    return _is_secretariaat(user)


@rules.predicate
def is_jury_member(user, edition) -> bool:
    return bool(user and user.is_authenticated and _is_jury_member(user, edition))


@rules.predicate
def is_jury_chair(user, edition) -> bool:
    return bool(user and user.is_authenticated and is_chair(user, edition))


@rules.predicate
def may_view_entry_as_juror(user, entry) -> bool:
    return juror_may_view_entry(user, entry)


@rules.predicate
def is_assignee(user, assignment) -> bool:
    return bool(user and user.is_authenticated and assignment is not None and assignment.juror_id == user.pk)


@rules.predicate
def assignment_entry_visible(user, assignment) -> bool:
    return assignment is not None and juror_may_view_entry(user, assignment.entry)


@rules.predicate
def round_takes_scores(user, assignment) -> bool:
    return assignment is not None and assignment.round.accepts_scores()


may_review = is_assignee & assignment_entry_visible & round_takes_scores

rules.add_perm("judging.view_entry_as_juror", may_view_entry_as_juror)
rules.add_perm("judging.review_assignment", may_review)
rules.add_perm("judging.manage_jury", is_secretariaat)
