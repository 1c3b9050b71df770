"""Load figures for the visitor mix and the jury dashboard, each beside two baselines measured in
the same run on the same site: a plain Wagtail page (the privacy statement) and a minimal Django
view (`/healthz/live`).

One site (gunicorn, 2 workers x 4 threads, PostgreSQL, demo content) on loopback; every run is
bounded in time. Prints a Markdown table (requests per second, p50/p95 latency, errors) that
`bench/RESULTS.md` records.

    .venv/bin/python -m bench.load [--seconds 10] [--concurrency 8] [--cached]
"""

from __future__ import annotations

import argparse
import sys

from bench.harness import TABLE_HEADER, Site, machine_description, manage, measure


def shell(env: dict, code: str) -> str:
    lines = manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()
    return lines[-1] if lines else ""


def visitor_urls(env: dict) -> dict[str, list[str]]:
    """Real paths from the demo site, found through the same selectors the site uses."""
    code = (
        "import json\n"
        "from showcase.models import ShowcaseIndexPage, GuideIndexPage\n"
        "from showcase.selectors import public_showcase_pages, public_guides\n"
        "index = ShowcaseIndexPage.objects.live().first()\n"
        "guides = GuideIndexPage.objects.live().first()\n"
        "pages = [p.url for p in public_showcase_pages().order_by('pk')[:10]]\n"
        "guide_pages = [g.url for g in public_guides().order_by('pk')[:3]]\n"
        "print(json.dumps({'index': index.url if index else None, 'guides': guides.url if guides else None,"
        " 'pages': pages, 'guide_pages': guide_pages}))"
    )
    import json

    found = json.loads(shell(env, code))
    index = found["index"] or "/voorbeelden/"
    return {
        "home page": ["/"],
        "showcase index, filtered": [
            index,
            f"{index}?award=winner",
            f"{index}?theme=verkeer&sort=year",
            f"{index}?page=2",
        ],
        "showcase pages": found["pages"] or [index],
        "search": ["/zoeken/?q=data", "/zoeken/?q=verkeer", "/zoeken/?q=gemeente"],
        "guides": [found["guides"] or "/handreikingen/", *found["guide_pages"]],
        "visitor mix (all of the above)": [],
    }


def juror_cookie(env: dict) -> str:
    """A logged-in session of the demo juror (MFA is set up for demo jurors)."""
    code = (
        "from django.test import Client\n"
        "from awardsite.users import User\n"
        "c = Client()\n"
        "c.force_login(User.objects.get(email='jurylid@demo.soda.example'))\n"
        "print(c.cookies['sessionid'].value)"
    )
    return f"sessionid={shell(env, code)}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per measurement")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--cached", action="store_true", help="PAGE_CACHE_SECONDS=300 with Redis")
    args = parser.parse_args(argv)
    extra = {"PAGE_CACHE_SECONDS": "300", "REDIS_URL": "redis://127.0.0.1:6379/13"} if args.cached else {}
    name = "load_cached" if args.cached else "load"
    print(f"# Load run on {machine_description()}")
    print(f"gunicorn 2 workers x 4 threads, PostgreSQL, {args.concurrency} client threads, {args.seconds:.0f} s each,")
    print(f"page cache {'on (Redis)' if args.cached else 'off'}; client and server share the machine.\n")
    with Site.prepared(name=name, extra_env=extra) as site:
        groups = visitor_urls(site.env)
        groups["visitor mix (all of the above)"] = [u for urls in list(groups.values())[:-1] for u in urls]
        cookie = juror_cookie(site.env)
        rows = [
            measure(site.url("/healthz/live"), label="baseline: minimal Django view", seconds=args.seconds,
                    concurrency=args.concurrency),
            measure(site.url("/privacy/"), label="baseline: plain Wagtail page", seconds=args.seconds,
                    concurrency=args.concurrency),
        ]  # fmt: skip
        for label, urls in groups.items():
            rows.append(
                measure([site.url(u) for u in urls], label=label, seconds=args.seconds, concurrency=args.concurrency)
            )
        rows.append(
            measure(site.url("/jury/"), label="jury dashboard (logged-in juror)", seconds=args.seconds,
                    concurrency=args.concurrency, headers={"Cookie": cookie})
        )  # fmt: skip
    plain = rows[1].rps or 1
    print(TABLE_HEADER.replace("| requests |", "| requests | vs plain Wagtail page |") + "---|")
    for row in rows:
        print(f"{row.row()} {row.rps / plain:.2f} |")
    return 1 if any(row.errors for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
