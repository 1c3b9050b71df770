"""Time ``judging.arithmetic.rank_edition`` on a large round: 500 entries x 15 jurors x 6 criteria.

Every juror scores every entry (7,500 reviews, 45,000 scores), weights are Decimals like the
database gives, scores are whole numbers on 1-10 with a per-juror bias, so calibration has work to
do. Leave-one-juror-out stability (15 extra runs) is included. Prints figures; asserts nothing.

    .venv/bin/python bench/rank_bench.py [--entries 500] [--jurors 15] [--criteria 6] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judging.arithmetic import CriterionInput, ReviewInput, TieBreakRule, rank_edition  # noqa: E402


def build(entries: int, jurors: int, criteria: int, seed: int = 2026):
    rng = random.Random(seed)
    rubric = [
        CriterionInput(id=c, weight=Decimal(rng.choice(["1.00", "1.50", "2.00", "0.50"]))) for c in range(criteria)
    ]
    quality = [rng.uniform(3, 9) for _ in range(entries)]
    bias = [rng.uniform(-1.5, 1.5) for _ in range(jurors)]
    reviews = [
        ReviewInput(
            juror_id=j,
            entry_id=e,
            scores={c: min(10, max(1, round(quality[e] + bias[j] + rng.gauss(0, 1)))) for c in range(criteria)},
        )
        for j in range(jurors)
        for e in range(entries)
    ]
    return rubric, reviews


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--jurors", type=int, default=15)
    parser.add_argument("--criteria", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rubric, reviews = build(args.entries, args.jurors, args.criteria)
    print(
        f"rank_edition: {args.entries} entries x {args.jurors} jurors x {args.criteria} criteria "
        f"= {len(reviews)} reviews, leave-one-juror-out included ({args.jurors} extra runs)"
    )
    for rule in TieBreakRule:
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = rank_edition(reviews, rubric, rule, top_n=10)
            timings.append(time.perf_counter() - started)
        print(
            f"  tie-break {rule.value:<17} best {min(timings):.3f} s, median {statistics.median(timings):.3f} s "
            f"({len(result.entries)} entries ranked, {len(result.entering_top_n)} enter / "
            f"{len(result.leaving_top_n)} leave the top 10 after calibration)"
        )


if __name__ == "__main__":
    main()
