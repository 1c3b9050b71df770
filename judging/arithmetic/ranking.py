"""Competition ranking with a tie-break rule, and the note that explains each tie.

The ranking is generic: it takes a primary score per entry and, unless the rule is ``shared``, a
secondary key per entry (both "higher ranks first"; callers negate keys where lower is better).
Entries equal on the primary score are tied; the secondary key orders them; entries still equal
share the rank (1, 2, 2, 4). Within a shared rank the list order follows the entry id, which is a
display order only, not a ranking.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .inputs import Id, TieBreakRule, id_sort_key

_RULE_WORDS = {
    TieBreakRule.MEDIAN: "the higher median ranks first",
    TieBreakRule.FIRST_CRITERION: "the higher mean on the first (heaviest) criterion ranks first",
    TieBreakRule.FEWER_LOW_SCORES: "the lower spread between jurors ranks first",
    TieBreakRule.SHARED: "tied entries share the place",
}


@dataclass(frozen=True, slots=True)
class TieInfo:
    """How a tie on the score was handled for one entry. ``None`` on entries without a tie.

    The English ``note`` is for logs and the command line; screens build their own translated text
    from the fields.
    """

    rule: TieBreakRule
    tied_with: tuple[Id, ...]
    """Other entries with exactly the same score."""
    shares_rank_with: tuple[Id, ...]
    """Entries that still share this entry's rank after the rule (empty when the rule settled it)."""
    rank: int

    @property
    def resolved(self) -> bool:
        return not self.shares_rank_with

    @property
    def note(self) -> str:
        others = ", ".join(str(e) for e in self.tied_with)
        rule_words = f"tie-break rule '{self.rule.value}' ({_RULE_WORDS[self.rule]})"
        if self.rule is TieBreakRule.SHARED:
            return f"Same score as {others}; {rule_words}: shares place {self.rank}."
        if self.resolved:
            return f"Same score as {others}; {rule_words} puts it in place {self.rank}."
        sharing = ", ".join(str(e) for e in self.shares_rank_with)
        return f"Same score as {others}; {rule_words} does not separate it from {sharing}: shares place {self.rank}."


@dataclass(frozen=True, slots=True)
class Placement:
    entry_id: Id
    rank: int
    """Competition rank: 1 + the number of entries placed strictly higher."""
    position: int
    """1-based place in the listed order (unique; within a shared rank by entry id)."""
    tie: TieInfo | None


def rank_entries(
    primary: Mapping[Id, Any],
    secondary: Mapping[Id, Any] | None,
    rule: TieBreakRule,
    *,
    explain_ties: bool = True,
) -> dict[Id, Placement]:
    """Rank entries by ``primary`` (higher first), breaking ties by ``secondary`` (higher first).

    ``secondary`` is ignored for ``TieBreakRule.SHARED``. Values only need to be totally ordered and
    comparable with ``==`` (exact ``Fraction`` or rounded ``float``). With ``explain_ties=False`` no
    ``TieInfo`` is built (the leave-one-out runs only need the ranks).
    """
    tie_keys = secondary if rule is not TieBreakRule.SHARED else None

    def full_key(entry: Id) -> tuple[Any, Any]:
        return (primary[entry], tie_keys[entry] if tie_keys is not None else 0)

    # Python's sort is stable, also with reverse=True: equal keys keep the entry-id order.
    order = sorted(sorted(primary, key=id_sort_key), key=full_key, reverse=True)
    keys = [full_key(entry) for entry in order]
    placements: dict[Id, Placement] = {}
    group_start = 0
    while group_start < len(order):
        group_end = group_start
        while group_end < len(order) and keys[group_end][0] == keys[group_start][0]:
            group_end += 1
        group = order[group_start:group_end]
        rank_start = group_start
        for index in range(group_start, group_end):
            if keys[index] != keys[rank_start]:
                rank_start = index
            entry = order[index]
            tie = None
            if explain_ties and len(group) > 1:
                tie = TieInfo(
                    rule=rule,
                    tied_with=tuple(e for e in group if e != entry),
                    shares_rank_with=tuple(
                        e for i, e in enumerate(group, start=group_start) if e != entry and keys[i] == keys[index]
                    ),
                    rank=rank_start + 1,
                )
            placements[entry] = Placement(entry_id=entry, rank=rank_start + 1, position=index + 1, tie=tie)
        group_start = group_end
    return placements
