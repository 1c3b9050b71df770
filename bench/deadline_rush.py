"""Deadline rush: ~150 entrants autosaving every few seconds for two minutes against gunicorn on
PostgreSQL on this machine. Prints errors (must be 0), lost writes (must be 0) and save latency.

    .venv/bin/python -m bench.deadline_rush            # 150 clients, 120 s
    BENCH_CLIENTS=50 BENCH_SECONDS=30 .venv/bin/python -m bench.deadline_rush

What it does:
1. A fresh PostgreSQL database (`soda_bench_deadline_rush`), migrated, with the demo content (so
   the open 2027 edition exists); gunicorn on a free loopback port (production settings).
2. Creates N entrants (verified e-mail) with one draft each, and logs them in: one through the real
   allauth login form (proving that path), the rest by a session created on the server, because
   the login form is rate-limited per IP address (a security feature we keep on).
3. Each client loads its "Impact and plans" step once (CSRF token, version), then posts to the
   autosave endpoint every 3–6 s with new text and the version it last got back, exactly as
   submissions-autosave.js does. Bounded by time and by a maximum number of saves per client.
4. Compares the database with the last acknowledged save of every client: the text of the last
   save the server answered 200 must be the text in the database (a lost write otherwise), and
   the stored version must be the one the server returned.
"""

from __future__ import annotations

import http.cookies
import json
import os
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.harness import Site, machine_description, manage, postgres_database, site_env

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "150"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "120"))
MAX_SAVES_PER_CLIENT = 200
CLIENT_TIMEOUT = 120
INTERVAL = (3.0, 6.0)  # seconds between autosaves of one client
PASSWORD = "rush-wachtwoord-2026"  # noqa: S105 - bench users only, in a throw-away database

SETUP = """
import json
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from importlib import import_module
from awardsite.users import User
from submissions.models import Edition, Entry

store = import_module(settings.SESSION_ENGINE).SessionStore
edition = Edition.objects.get(year=2027)
out = []
for i in range({clients}):
    email = f"rush{{i:03d}}@bench.soda.example"
    user, _ = User.objects.get_or_create(email=email, defaults={{"first_name": "Rush", "last_name": str(i)}})
    user.set_password("{password}")
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={{"verified": True, "primary": True}})
    entry, _ = Entry.objects.get_or_create(edition=edition, owner=user, defaults={{"title": f"Rush {{i}}"}})
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    out.append({{"email": email, "entry": entry.pk, "session": session.session_key}})
print("JSON" + json.dumps(out))
"""

FINAL = """
import json
from submissions.models import Entry
rows = Entry.objects.filter(owner__email__startswith="rush").values("pk", "impact_evidence", "version")
print("JSON" + json.dumps(list(rows)))
"""


def _json_from(output: str):
    return json.loads(output[output.index("JSON") + 4 :])


class Client:
    def __init__(self, site: Site, info: dict):
        self.site = site
        self.entry = info["entry"]
        self.cookies = {"sessionid": info["session"]}
        self.version = None
        self.csrf = None
        self.acked_text = None
        self.acked_version = None
        self.unacked_since_ack: list[str] = []  # sent after the last ack, answer lost or refused
        self.stale = 0
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.saves = 0

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _remember_cookies(self, response) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value

    def open_step(self) -> None:
        url = self.site.url(f"/inzendingen/{self.entry}/stap/impact/")
        request = urllib.request.Request(url, headers={"Cookie": self._cookie_header()})  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            html = response.read().decode()
            self._remember_cookies(response)
        self.csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        self.version = int(re.search(r'name="version" value="(\d+)"', html).group(1))

    def autosave(self, n: int) -> None:
        text = f"Entry {self.entry}, save {n}: {random.random():.12f}"  # noqa: S311 - bench text
        body = urllib.parse.urlencode({"version": self.version, "impact_evidence": text, "prize_plan": ""}).encode()
        request = urllib.request.Request(  # noqa: S310
            self.site.url(f"/inzendingen/{self.entry}/stap/impact/autosave/"),
            data=body,
            headers={
                "Cookie": self._cookie_header(),
                "X-CSRFToken": self.csrf,
                "X-Requested-With": "XMLHttpRequest",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        started = time.perf_counter()
        self.unacked_since_ack.append(text)
        try:
            # A browser's fetch() waits; so does this client (a long queue shows up as latency).
            with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT) as response:  # noqa: S310
                data = json.loads(response.read())
        except urllib.error.HTTPError as error:
            if error.code == 409:
                # Only possible after this client gave up on an earlier request that the server did
                # apply: reload the step, as a user would after the "newer version" message.
                self.stale += 1
                self.open_step()
            else:
                self.errors.append(f"HTTP {error.code}")
            return
        except (urllib.error.URLError, ConnectionError, OSError) as error:
            self.errors.append(type(error).__name__)
            return
        finally:
            self.latencies.append(time.perf_counter() - started)
        self.saves += 1
        self.version = data["version"]
        self.acked_text = text
        self.acked_version = data["version"]
        self.unacked_since_ack = []

    def run(self, stop_at: float) -> None:
        try:
            self.open_step()
        except Exception as error:  # noqa: BLE001 - counted as an error of this client
            self.errors.append(f"open: {error}")
            return
        time.sleep(random.uniform(0, 3))  # noqa: S311 - spread the clients
        n = 0
        while time.monotonic() < stop_at and n < MAX_SAVES_PER_CLIENT:
            n += 1
            self.autosave(n)
            time.sleep(random.uniform(*INTERVAL))  # noqa: S311


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def login_through_form(site: Site, email: str) -> bool:
    """One real login through the allauth form (GET for CSRF, POST credentials, then a page).

    Cookies are carried by hand: production settings mark them Secure, and urllib's cookie jar
    (rightly) does not send Secure cookies over plain http on loopback."""
    opener = urllib.request.build_opener(_NoRedirect)
    client = Client(site, {"entry": 0, "session": ""})
    client.cookies = {}

    def call(path, data=None):
        request = urllib.request.Request(  # noqa: S310
            site.url(path), data=data, headers={"Cookie": client._cookie_header(), "Referer": site.url("/")}
        )
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as redirect:
            response = redirect
        with response:
            client._remember_cookies(response)
            return response.status, response.read().decode(errors="replace")

    _status, html = call("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}).encode()
    status, _html = call("/accounts/login/", body)
    if status != 302:
        return False
    status, html = call("/mijn-inzendingen/")
    return status == 200 and "csrfmiddlewaretoken" in html


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000 if ordered else float("nan")


@contextmanager
def prepared_site():
    """Like `Site.prepared`, plus collectstatic (production settings use the manifest storage)."""
    media = Path("/tmp/soda-bench-deadline_rush")
    media.mkdir(parents=True, exist_ok=True)
    # Redis for cache and sessions, as in production (DB 3 of the local server: this bench's own).
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    env = site_env(
        database_url=postgres_database("soda_bench_deadline_rush"), media=media, extra={"REDIS_URL": redis_url}
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    site = Site(env=env, workers=2).start()
    try:
        yield site
    finally:
        site.stop()


def main() -> None:
    print(f"Deadline rush: {CLIENTS} entrants, {SECONDS:.0f} s, autosave every {INTERVAL[0]:.0f}-{INTERVAL[1]:.0f} s")
    print(f"Machine: {machine_description()}")
    with prepared_site() as site:
        infos = _json_from(manage(site.env, "shell", "-c", SETUP.format(clients=CLIENTS, password=PASSWORD)))
        form_login_ok = login_through_form(site, infos[0]["email"])
        clients = [Client(site, info) for info in infos]
        stop_at = time.monotonic() + SECONDS
        started = time.monotonic()
        threads = [threading.Thread(target=c.run, args=(stop_at,), daemon=True) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=SECONDS + 120)
        elapsed = time.monotonic() - started
        final = {row["pk"]: row for row in _json_from(manage(site.env, "shell", "-c", FINAL))}
    errors = [e for c in clients for e in c.errors]
    # A lost write: the database does not hold the last acknowledged text, nor a text this client
    # sent after it (a request whose answer the client did not wait for may still have landed).
    lost = [
        c.entry
        for c in clients
        if c.acked_text is not None
        and final[c.entry]["impact_evidence"] not in [c.acked_text, *c.unacked_since_ack]
        or (final[c.entry]["impact_evidence"] == c.acked_text and final[c.entry]["version"] != c.acked_version)
    ]
    latencies = [x for c in clients for x in c.latencies]
    saves = sum(c.saves for c in clients)
    print(f"Login through the allauth form: {'ok' if form_login_ok else 'FAILED'}")
    print(f"Acknowledged saves: {saves} in {elapsed:.0f} s ({saves / elapsed:.1f}/s)")
    print(f"Errors: {len(errors)}" + (f" ({', '.join(sorted(set(errors))[:5])})" if errors else ""))
    print(f"Stale-version refusals (409, after a client timeout): {sum(c.stale for c in clients)}")
    print(f"Lost writes: {len(lost)}" + (f" (entries {lost[:10]})" if lost else ""))
    print(f"Save latency: p50 {percentile(latencies, 50):.0f} ms, p95 {percentile(latencies, 95):.0f} ms, "
          f"max {max(latencies) * 1000 if latencies else float('nan'):.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
