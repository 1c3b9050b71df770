"""The PostgreSQL pass of `make test`.

Concurrency tests (row locks, racing submits, parallel review saves) are marked
`@pytest.mark.postgres` and need PostgreSQL. When the main pass ran on SQLite, this script runs
those tests again on PostgreSQL (TEST_POSTGRES_URL, default the local server). Without a reachable
PostgreSQL it prints a visible SKIP, except under CI (CI=true), where that is a failure.
"""

import os
import subprocess
import sys

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/soda_test"


def main(argv: list[str]) -> int:
    main_url = os.environ.get("DATABASE_URL", "")
    if main_url.startswith(("postgres://", "postgresql://")):
        print("postgres pass: the main pass already ran on PostgreSQL.")
        return 0
    url = os.environ.get("TEST_POSTGRES_URL", DEFAULT_URL)
    in_ci = os.environ.get("CI", "").lower() == "true"
    try:
        import psycopg

        conninfo = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(conninfo, connect_timeout=3):
            pass
    except Exception as error:  # noqa: BLE001 - any failure means: no PostgreSQL here
        message = f"PostgreSQL not reachable at {url} ({error.__class__.__name__})"
        if in_ci:
            print(f"postgres pass: FAILED: {message}; CI needs PostgreSQL.", file=sys.stderr)
            return 1
        print(f"postgres pass: SKIPPED: {message}. Start PostgreSQL or set TEST_POSTGRES_URL.")
        return 0
    env = {**os.environ, "DATABASE_URL": url}
    print(f"postgres pass: running the @pytest.mark.postgres tests on {url}")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "postgres", "--create-db", *argv], env=env, check=False
    )
    if result.returncode == 5:
        print("postgres pass: no PostgreSQL-only tests collected.")
        return 0
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
