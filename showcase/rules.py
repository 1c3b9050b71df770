"""Who may do what in the showcase (predicates of the `rules` package)."""

import rules

from awardsite.roles import REDACTIE, SECRETARIAAT, user_in_group


@rules.predicate
def is_secretariaat(user) -> bool:
    return user_in_group(user, SECRETARIAAT)


@rules.predicate
def is_redactie(user) -> bool:
    return user_in_group(user, REDACTIE)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


#: Turn a consented entry into a draft showcase page.
can_create_showcase_page = is_superuser | is_secretariaat | is_redactie
#: Lift the embargo of an edition's results.
can_publish_results = is_superuser | is_secretariaat

rules.add_perm("showcase.create_showcase_page", can_create_showcase_page)
rules.add_perm("showcase.publish_results", can_publish_results)
