"""Showcase throughput: requests per second of the showcase index, a showcase page and a search,
each as a ratio to a plain Wagtail StandardPage of the same site, measured in the same run,
without and with the showcase response cache.

    .venv/bin/python bench/showcase_bench.py [--pages 1000] [--seconds 8] [--workers 2] [--threads 4]

It builds its own SQLite database (/tmp/soda-showcase-bench.sqlite3, reused when it already has the
pages), serves it with gunicorn on a free loopback port and prints a table. Targets: ratio >= 0.5
uncached, >= 1.0 cached. With REDIS_URL set the cached run uses Redis (shared by the workers),
otherwise each worker's local memory. Bounded: about 2 x 4 x --seconds plus set-up.
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_PATH = Path("/tmp/soda-showcase-bench.sqlite3")
MEDIA = Path("/tmp/soda-showcase-bench-media")
BASE_ENV = {
    "DJANGO_SETTINGS_MODULE": "awardsite.settings.dev",
    "DEBUG": "0",
    "DATABASE_URL": f"sqlite:///{DB_PATH}",
    "MEDIA_ROOT": str(MEDIA),
    "PRIVATE_MEDIA_ROOT": str(MEDIA / "private"),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "LOG_LEVEL": "ERROR",
}


def fill(pages: int) -> None:
    """Migrate and fill the bench database (runs in a child process with BASE_ENV)."""
    code = f"""
import django, datetime
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.utils import timezone
from awardsite.demo import ensure_pages
from awardsite.pages import StandardPage
from showcase.models import ShowcaseIndexPage, ShowcasePage, ShowcaseYearPage, ShowcaseOrganisation, ShowcaseDataset
from showcase.models import GuideIndexPage
from submissions.models import Edition
home = ensure_pages()
if not StandardPage.objects.filter(slug="over-de-award").exists():
    page = StandardPage(title="Over de award", slug="over-de-award", intro="Een gewone pagina om mee te vergelijken.",
                        body=[("paragraph", "<p>" + "Open data helpt de samenleving. " * 40 + "</p>")])
    home.add_child(instance=page); page.save_revision().publish()
index = ShowcaseIndexPage.objects.first()
if index is None:
    index = ShowcaseIndexPage(title="Voorbeelden", slug="voorbeelden"); home.add_child(instance=index)
    index.save_revision().publish()
if not GuideIndexPage.objects.exists():
    g = GuideIndexPage(title="Handreikingen", slug="handreikingen"); home.add_child(instance=g); g.save_revision().publish()
now = timezone.now()
SUMMARIES = [
    "Een toepassing die buurtcijfers en bereikbaarheid combineert voor bewoners.",
    "Laat zien waar het veilig fietsen is, met ongevallendata van de overheid.",
    "Vergelijkt de luchtkwaliteit per straat met metingen van het RIVM.",
    "Helpt huurders hun woning te vergelijken met gegevens uit de BAG.",
    "Toont de wachttijden in de zorg per regio.",
    "Maakt de begroting van de gemeente begrijpelijk voor inwoners.",
    "Voorspelt wateroverlast met hoogtekaarten en neerslagdata.",
    "Geeft scholieren inzicht in opleidingen en de arbeidsmarkt.",
    "Brengt bomen en groen in de wijk in kaart.",
    "Volgt de voortgang van wegwerkzaamheden in de provincie.",
]
themes = ["bestuur", "zorg-en-gezondheid", "verkeer", "natuur-en-milieu", "huisvesting"]
orgs = ["government", "market", "civil_society", "research", "media"]
for year in range(2016, 2026):
    edition, _ = Edition.objects.get_or_create(year=year, defaults=dict(
        title=f"SODA {{year}}", opens_at=now - datetime.timedelta(days=400), closes_at=now - datetime.timedelta(days=300),
        jury_deadline=now - datetime.timedelta(days=250), ceremony_at=now - datetime.timedelta(days=200)))
    Edition.objects.filter(pk=edition.pk).update(decision_signed_at=now - datetime.timedelta(days=210),
                                                 results_published_at=now - datetime.timedelta(days=200))
    edition.refresh_from_db()
    yp = ShowcaseYearPage.objects.filter(edition=edition).first()
    if yp is None:
        yp = ShowcaseYearPage(title=f"Uitslag {{year}}", slug=str(year), edition=edition)
        index.add_child(instance=yp); yp.save_revision().publish()
    per_year = {pages} // 10
    have = ShowcasePage.objects.child_of(yp).count()
    for n in range(have, per_year):
        i = (year - 2016) * per_year + n
        p = ShowcasePage(title=f"Toepassing {{i:04d}} open data", slug=f"toepassing-{{i}}", live=True,
                         summary=SUMMARIES[i % len(SUMMARIES)],
                         description="<p>" + "Uitleg over de toepassing en de data. " * 30 + "</p>",
                         award_kind=["winner", "nominee", "other"][i % 3], award_label="Winnaar",
                         themes=[themes[i % 5]], application_type="website",
                         first_published_at=now, last_published_at=now)
        p.organisations = [ShowcaseOrganisation(name=f"Organisatie {{i}}", org_type=orgs[i % 5])]
        p.datasets = [ShowcaseDataset(title="Kerncijfers wijken en buurten", ckan_name="kerncijfers-wijken-en-buurten",
                                      licence_title="CC-0")]
        yp.add_child(instance=p)
print("pages:", ShowcasePage.objects.count())
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **BASE_ENV}, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not come up at {url}")


def measure(url: str, seconds: float, threads: int) -> tuple[float, int]:
    """Requests per second over `seconds` with `threads` clients; also the number of errors."""
    counts, errors = [0] * threads, [0] * threads
    stop = time.monotonic() + seconds

    def client(n):
        while time.monotonic() < stop:
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    if response.status == 200:
                        counts[n] += 1
                    else:
                        errors[n] += 1
            except OSError:
                errors[n] += 1

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    start = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / (time.monotonic() - start), sum(errors)


def run_mode(*, cached: bool, args, paths) -> dict:
    port = free_port()
    env = {**os.environ, **BASE_ENV, "PAGE_CACHE_SECONDS": "300" if cached else "0"}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "awardsite.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + paths["standard page"])
        results = {}
        for name, path in paths.items():
            for _ in range(3):  # warm-up (renditions, caches, connections)
                urllib.request.urlopen(base + path, timeout=30).read()
            results[name] = measure(base + path, args.seconds, args.threads)
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    started = time.monotonic()
    fill(args.pages)
    paths = {
        "standard page": "/over-de-award/",
        "showcase index": "/voorbeelden/",
        "showcase page": "/voorbeelden/2020/toepassing-450/",
        "search": "/zoeken/?q=buurtcijfers",
    }
    print(f"pages={args.pages} workers={args.workers} threads={args.threads} seconds/url={args.seconds}")
    print(f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'local memory per worker'}; database: SQLite")
    print(f"{'mode':9} {'url':15} {'req/s':>8} {'ratio':>6} {'errors':>6}  target")
    for cached in (False, True):
        results = run_mode(cached=cached, args=args, paths=paths)
        baseline = results["standard page"][0] or 1e-9
        for name, (rps, errors) in results.items():
            ratio = rps / baseline
            target = "" if name == "standard page" else (">= 1.0" if cached else ">= 0.5")
            mode = "cached" if cached else "uncached"
            print(f"{mode:9} {name:15} {rps:8.1f} {ratio:6.2f} {errors:6d}  {target}")
    print(f"total time: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
