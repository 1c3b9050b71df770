"""Shared plumbing for the benchmarks: a prepared database, gunicorn on loopback, a load loop.

Everything stays on this machine (127.0.0.1) and stops by itself: every loop is bounded in
requests and in seconds. Figures are printed, never asserted.

    from bench.harness import Site, measure
    with Site.prepared(name="visitor") as site:       # migrate + load_demo into its own database
        print(measure(site.url("/"), seconds=10, concurrency=8))
"""

from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine_description() -> str:
    cpus = os.cpu_count()
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        memory = 0
    return f"{platform.system()} {platform.machine()}, {cpus} cores, {memory:.0f} GiB RAM, Python {platform.python_version()}"


def site_env(*, database_url: str, media: Path, extra: dict | None = None) -> dict:
    """Production settings on loopback: no TLS redirect, no HSTS, console mail, immediate tasks."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "awardsite.settings.production",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media / "public"),
        "PRIVATE_MEDIA_ROOT": str(media / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TASK_BACKEND": "immediate",
        "LOG_LEVEL": "ERROR",
    }
    env.update(extra or {})
    return env


def manage(env: dict, *args: str, quiet: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def postgres_database(name: str) -> str:
    """A fresh PostgreSQL database on the local server; returns its URL."""
    import psycopg

    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def prepare(env: dict) -> None:
    """Migrate, collect static files (production settings use a manifest) and load demo content."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "compilemessages", "--ignore=.venv", "-v0")
    manage(env, "load_demo")


@dataclass
class Site:
    env: dict
    port: int = field(default_factory=free_port)
    workers: int = 2
    process: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> Site:
        self.process = subprocess.Popen(
            [
                PYTHON, "-m", "gunicorn", "awardsite.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.workers),
                "--threads", "4",
                "--access-logfile", "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                "--log-level", "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url("/healthz/live"), timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not come up within 60 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()

    @classmethod
    @contextmanager
    def prepared(cls, *, name: str, postgres: bool = True, extra_env: dict | None = None, workers: int = 2):
        """A site with its own database (PostgreSQL by default), migrated and with demo content."""
        media = Path("/tmp") / f"soda-bench-{name}"
        database_url = postgres_database(f"soda_bench_{name}") if postgres else f"sqlite:///{media}/db.sqlite3"
        media.mkdir(parents=True, exist_ok=True)
        env = site_env(database_url=database_url, media=media, extra=extra_env)
        prepare(env)
        site = cls(env=env, workers=workers).start()
        try:
            yield site
        finally:
            site.stop()


@dataclass
class Result:
    label: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    def row(self) -> str:
        return (
            f"| {self.label} | {self.rps:.1f} | {self.percentile(50):.1f} | {self.percentile(95):.1f} "
            f"| {self.errors} | {self.requests} |"
        )


TABLE_HEADER = "| what | req/s | p50 ms | p95 ms | errors | requests |\n|---|---|---|---|---|---|"


def measure(urls: str | list[str], *, label: str = "", seconds: float = 10.0, concurrency: int = 8,
            max_requests: int = 100_000, headers: dict | None = None) -> Result:  # fmt: skip
    """GET the urls (round robin) from `concurrency` threads for `seconds`; count non-2xx as errors."""
    targets = [urls] if isinstance(urls, str) else list(urls)
    latencies: list[float] = []
    errors = 0
    count = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker(offset: int) -> None:
        nonlocal errors, count
        i = offset
        while time.monotonic() < stop_at:
            with lock:
                if count >= max_requests:
                    return
                count += 1
            url = targets[i % len(targets)]
            i += 1
            request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
            started = time.perf_counter()
            ok = False
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    response.read()
                    ok = 200 <= response.status < 300
            except (urllib.error.URLError, ConnectionError, OSError):
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors += 1

    began = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(label or targets[0], len(latencies), errors, time.monotonic() - began, latencies)


def median_rps(results: list[Result]) -> float:
    return statistics.median(result.rps for result in results)
