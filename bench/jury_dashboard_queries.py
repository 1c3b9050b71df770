"""Query count of the juror dashboard at 10 and at 300 assignments (they must be equal: no N+1).

Builds a throw-away SQLite database in a temporary folder (test settings), creates a juror with
10 and then 300 assignments (reviews in draft and final, one conflict, some undeclared), loads
`/jury/` as that juror through Django's test client and prints the number of SQL queries of the
second (warm) request. Prints figures; asserts nothing (tests/judging/test_dashboard_queries.py
is the guard).

    .venv/bin/python bench/jury_dashboard_queries.py [--sizes 10,300]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,300", help="comma-separated numbers of assignments")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    with tempfile.TemporaryDirectory(prefix="soda-bench-dashboard-") as folder:
        os.environ["DJANGO_SETTINGS_MODULE"] = "awardsite.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, setup_test_environment
        from django.urls import reverse

        settings.PRIVATE_MEDIA_ROOT = Path(folder) / "private"
        setup_test_environment()
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrated a fresh SQLite database in {time.perf_counter() - started:.1f} s")

        from tests.judging.factories import juror_with_assignments

        counts = {}
        for size in sizes:
            _jury, juror = juror_with_assignments(size)
            client = Client()
            client.force_login(juror)
            client.get(reverse("judging:dashboard"))  # warm: content types, site settings
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("judging:dashboard"))
            counts[size] = len(queries)
            print(f"juror dashboard, {size:>4} assignments: {len(queries)} queries (HTTP {response.status_code})")
        verdict = "equal" if len(set(counts.values())) == 1 else "NOT equal"
        print(f"query counts are {verdict}: {counts}")


if __name__ == "__main__":
    main()
