"""Judging models, split by who looks after them.

- `jury`: jury membership, rounds, conflicts of interest, assignments, reviews, scores and their
  history (the core jury workflow).
- `decisions`: deliberation, decisions, awards, payments, feedback letters.
"""

from .decisions import *  # noqa: F401,F403
from .jury import (  # noqa: F401
    Assignment,
    ConflictDeclaration,
    JuryMembership,
    Review,
    ReviewRevision,
    Round,
    Score,
)
