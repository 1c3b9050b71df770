"""Time ``judging.arithmetic.rank_edition`` on a large round: 500 entries x 15 jurors x 6 criteria.

Two panels: every juror scores every entry (7,500 reviews, 45,000 scores: the worst case), and
each entry scored by 5 of the 15 jurors in a balanced rotation (2,500 reviews: how a jury
usually works, and where calibration matters). Weights are Decimals like the database gives,
scores whole numbers on 1-10 with a per-juror bias. Leave-one-juror-out stability (15 extra
runs) is included. Prints figures; asserts nothing.

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


def build(
    entries: int, jurors: int, criteria: int, per_entry: int | None = None, seed: int = 2026
) -> tuple[list[CriterionInput], list[ReviewInput]]:
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
        for e in range(entries)
        for j in (range(jurors) if per_entry is None else [(e * per_entry + i) % jurors for i in range(per_entry)])
    ]
    return rubric, reviews


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--jurors", type=int, default=15)
    parser.add_argument("--criteria", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for per_entry in (None, 5):
        rubric, reviews = build(args.entries, args.jurors, args.criteria, per_entry)
        panel = "every juror scores every entry" if per_entry is None else f"{per_entry} jurors per entry"
        print(
            f"rank_edition: {args.entries} entries x {args.jurors} jurors x {args.criteria} criteria, {panel} "
            f"= {len(reviews)} reviews, leave-one-juror-out included ({args.jurors} extra runs)"
        )
        for rule in TieBreakRule:
            timings, cpu = [], []
            for _ in range(args.repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                result = rank_edition(reviews, rubric, rule, top_n=10)
                timings.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            print(
                f"  tie-break {rule.value:<17} best {min(timings):.3f} s wall ({min(cpu):.3f} s CPU), "
                f"median {statistics.median(timings):.3f} s "
                f"({len(result.entries)} ranked; {len(result.entering_top_n)} enter and "
                f"{len(result.leaving_top_n)} leave the top 10 after calibration)"
            )


if __name__ == "__main__":
    main()
