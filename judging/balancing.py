"""Automatic assignment of jurors to entries: a pure function, no Django.

The problem: every entry gets `k` jurors, no juror is assigned to an entry they have a conflict
with, and the number of entries per juror (the load) differs by at most one between jurors.
Assignments that already have a review are kept as they are (`locked`); other existing
assignments are kept when a balanced plan exists that keeps them all.

It is solved as a feasible flow with lower bounds:

    source --[k]--> entry --[0..1]--> juror --[L..L+1]--> sink

where L = floor(total / jurors). A locked pair has lower bound 1 on its edge. When no plan
exists, `ImpossibleAssignment.reason` says why in words (and `code` says which check failed).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

INFINITY = 10**9


class ImpossibleAssignment(Exception):
    """No plan meets the rules. `code` names the check that failed; `reason` explains it; `subject`
    is the entry or juror it concerns, if one."""

    def __init__(self, code: str, reason: str, subject: Hashable | None = None):
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.subject = subject


@dataclass(frozen=True)
class AssignmentPlan:
    pairs: frozenset[tuple[Hashable, Hashable]]  # (entry, juror)
    loads: dict[Hashable, int] = field(hash=False)
    kept: frozenset[tuple[Hashable, Hashable]] = frozenset()
    added: frozenset[tuple[Hashable, Hashable]] = frozenset()
    removed: frozenset[tuple[Hashable, Hashable]] = frozenset()

    def jurors_of(self, entry) -> set:
        return {j for e, j in self.pairs if e == entry}


class _Flow:
    """Dinic's maximum flow on a small graph (nodes are ints)."""

    def __init__(self, size: int):
        self.graph: list[list[list[int]]] = [[] for _ in range(size)]  # edge: [to, cap, rev_index]

    def add_edge(self, u: int, v: int, cap: int) -> list[int]:
        forward = [v, cap, len(self.graph[v])]
        backward = [u, 0, len(self.graph[u])]
        self.graph[u].append(forward)
        self.graph[v].append(backward)
        return forward

    def max_flow(self, s: int, t: int) -> int:
        total = 0
        while True:
            level = [-1] * len(self.graph)
            level[s] = 0
            queue = deque([s])
            while queue:
                u = queue.popleft()
                for v, cap, _ in self.graph[u]:
                    if cap > 0 and level[v] < 0:
                        level[v] = level[u] + 1
                        queue.append(v)
            if level[t] < 0:
                return total
            pointer = [0] * len(self.graph)
            while True:
                pushed = self._push(s, t, INFINITY, level, pointer)
                if not pushed:
                    break
                total += pushed

    def _push(self, s: int, t: int, limit: int, level: list[int], pointer: list[int]) -> int:
        # Iterative DFS along the level graph, so deep graphs cannot hit the recursion limit.
        path: list[list[int]] = []
        u = s
        while True:
            if u == t:
                pushed = min(edge[1] for edge in path) if path else limit
                pushed = min(pushed, limit)
                for edge in path:
                    edge[1] -= pushed
                    self.graph[edge[0]][edge[2]][1] += pushed
                return pushed
            edges = self.graph[u]
            advanced = False
            while pointer[u] < len(edges):
                edge = edges[pointer[u]]
                if edge[1] > 0 and level[edge[0]] == level[u] + 1:
                    path.append(edge)
                    u = edge[0]
                    advanced = True
                    break
                pointer[u] += 1
            if not advanced:
                if not path:
                    return 0
                level[u] = -1  # dead end: never try this node again in this phase
                edge = path.pop()
                u = self.graph[edge[0]][edge[2]][0]
                pointer[u] += 1


def plan_assignments(
    *,
    entries: Iterable[Hashable],
    jurors: Iterable[Hashable],
    k: int,
    conflicts: Iterable[tuple[Hashable, Hashable]] = (),
    locked: Iterable[tuple[Hashable, Hashable]] = (),
    existing: Iterable[tuple[Hashable, Hashable]] = (),
) -> AssignmentPlan:
    """Plan a balanced assignment. Pairs are (entry, juror).

    - `conflicts`: pairs that may never be assigned.
    - `locked`: pairs that must stay (they have a review). A locked pair with a conflict does not
      count (the juror's scores never count) and is left out of the plan and the loads.
    - `existing`: other current pairs; kept if a balanced plan keeps them all, otherwise the plan
      is made again around the locked pairs only.
    An entry with more locked pairs than `k` keeps them all and gets no more.
    """
    entries = list(dict.fromkeys(entries))
    jurors = list(dict.fromkeys(jurors))
    conflicts = set(conflicts)
    entry_set, juror_set = set(entries), set(jurors)
    locked = {p for p in locked if p not in conflicts and p[0] in entry_set and p[1] in juror_set}
    existing = {p for p in existing if p not in conflicts and p[0] in entry_set and p[1] in juror_set} - locked

    if k < 1:
        raise ImpossibleAssignment("k", "The number of jurors per entry must be at least 1.")
    if not entries:
        return AssignmentPlan(pairs=frozenset(), loads=dict.fromkeys(jurors, 0), removed=frozenset(existing))
    if not jurors:
        raise ImpossibleAssignment("no_jurors", "There are no jurors to assign.")
    if k > len(jurors):
        raise ImpossibleAssignment(
            "too_few_jurors",
            f"Each entry needs {k} jurors, but the jury has only {len(jurors)}.",
        )
    for entry in entries:
        available = sum(1 for j in jurors if (entry, j) not in conflicts)
        if available < k:
            raise ImpossibleAssignment(
                "entry_conflicts",
                f"Entry {entry} needs {k} jurors, but only {available} have no conflict of interest with it.",
                subject=entry,
            )

    try:
        pairs = _solve(entries, jurors, k, conflicts, locked | existing, locked)
    except ImpossibleAssignment:
        if not existing:
            raise
        pairs = _solve(entries, jurors, k, conflicts, locked, locked)

    loads = dict.fromkeys(jurors, 0)
    for _, juror in pairs:
        loads[juror] += 1
    previous = locked | existing
    return AssignmentPlan(
        pairs=frozenset(pairs),
        loads=loads,
        kept=frozenset(pairs & previous),
        added=frozenset(pairs - previous),
        removed=frozenset(existing - pairs),
    )


def _solve(entries, jurors, k, conflicts, fixed, locked) -> set[tuple[Hashable, Hashable]]:
    """Pairs in `fixed` must be in the plan; `locked` ones may raise an entry's demand above k."""
    demand = {e: max(k, sum(1 for p in locked if p[0] == e)) for e in entries}
    total = sum(demand.values())
    low = total // len(jurors)
    high = low if total % len(jurors) == 0 else low + 1
    fixed_load = dict.fromkeys(jurors, 0)
    for _, juror in fixed:
        fixed_load[juror] += 1
    for juror, load in fixed_load.items():
        if load > high:
            raise ImpossibleAssignment(
                "juror_overloaded",
                f"Juror {juror} already has {load} entries with a review; a balanced load is at most {high}.",
                subject=juror,
            )

    # Nodes: 0 source, 1 sink, 2 super source, 3 super sink, then entries, then jurors.
    source, sink, super_source, super_sink = 0, 1, 2, 3
    entry_node = {e: 4 + i for i, e in enumerate(entries)}
    juror_node = {j: 4 + len(entries) + i for i, j in enumerate(jurors)}
    flow = _Flow(4 + len(entries) + len(jurors))
    excess = [0] * (4 + len(entries) + len(jurors))

    def add_bounded(u, v, lower, upper):
        if lower:
            excess[v] += lower
            excess[u] -= lower
        return flow.add_edge(u, v, upper - lower) if upper > lower else None

    for entry in entries:
        add_bounded(source, entry_node[entry], demand[entry], demand[entry])
    pair_edges = {}
    for entry in entries:
        for juror in jurors:
            pair = (entry, juror)
            if pair in conflicts:
                continue
            if pair in fixed:
                add_bounded(entry_node[entry], juror_node[juror], 1, 1)
            else:
                pair_edges[pair] = add_bounded(entry_node[entry], juror_node[juror], 0, 1)
    for juror in jurors:
        add_bounded(juror_node[juror], sink, low, high)
    flow.add_edge(sink, source, INFINITY)

    required = 0
    for node, amount in enumerate(excess):
        if amount > 0:
            flow.add_edge(super_source, node, amount)
            required += amount
        elif amount < 0:
            flow.add_edge(node, super_sink, -amount)
    if flow.max_flow(super_source, super_sink) != required:
        raise ImpossibleAssignment(
            "unbalanced",
            "No assignment gives every entry "
            f"{k} jurors with loads of {low} to {high} entries per juror while respecting the "
            "conflicts of interest and the assignments that already have a review. Add jurors, "
            "lower the number of jurors per entry, or assign some entries by hand.",
        )
    return set(fixed) | {pair for pair, edge in pair_edges.items() if edge is not None and edge[1] == 0}
