"""Scale-out run: two app servers share PostgreSQL, Redis and an S3-compatible server, with a worker.

Starts on loopback only:
- a local S3-compatible server (moto in server mode) with a public and a private bucket,
- a fresh PostgreSQL database with migrations and demo content (media on that S3 server),
- two gunicorn app servers on two ports (A and B), with Redis for cache and sessions,
- one task worker (`manage.py db_worker`, TASK_BACKEND=database),
then proves, and prints each check with PASS/FAIL:
1. a login made on A is valid on B (sessions in Redis);
2. a screenshot uploaded through A is served through B (private S3 bucket, presigned URL), and its
   bytes are the stored ones;
3. a showcase page cached on both servers keeps its cached copy when the database changes behind
   Wagtail's back, and publishing a page clears the cached copy on both (cache generation in Redis);
4. a task enqueued by the site is run by the worker.
Exits non-zero when a check fails. Everything stops by itself; nothing leaves 127.0.0.1.

    .venv/bin/python -m bench.scaleout
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
import time

import requests

from bench.harness import (
    PYTHON,
    ROOT,
    Site,
    free_port,
    machine_description,
    manage,
    postgres_database,
    prepare,
    site_env,
)

REDIS_URL = "redis://127.0.0.1:6379/12"
DEMO_PASSWORD = "demo-wachtwoord-2026"  # the printed demo password (awardsite/demo.py)
ENTRANT = "inzender@demo.soda.example"


class Browserless:
    """A tiny cookie-keeping client. Production cookies are Secure; on plain-HTTP loopback we send
    them ourselves (requests' jar would hold them back)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        response = requests.request(method, url, cookies=self.cookies, allow_redirects=False, timeout=30, **kwargs)
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)

    @staticmethod
    def csrf_from(html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not match:
            raise RuntimeError("no CSRF token on the page")
        return match.group(1)


def start_s3() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(endpoint, timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    import boto3

    s3 = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="eu-west-1"
    )
    for bucket in ("soda-public", "soda-private"):
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    return process, endpoint


def shell(env: dict, code: str) -> str:
    """Run Python in the site's environment; return its last printed line."""
    lines = manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()
    return lines[-1] if lines else ""


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def check_login_shared(a: Site, b: Site) -> tuple[bool, str, Browserless]:
    client = Browserless()
    page = client.get(a.url("/accounts/login/"))
    token = client.csrf_from(page.text)
    response = client.post(
        a.url("/accounts/login/"),
        data={"login": ENTRANT, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": a.url("/accounts/login/")},
    )
    if response.status_code != 302:
        return False, f"login on A answered {response.status_code}", client
    on_b = client.get(b.url("/account/"))
    ok = on_b.status_code == 200 and ENTRANT in on_b.text
    return ok, f"GET /account/ on B after logging in on A: {on_b.status_code}", client


def check_upload_shared(env: dict, a: Site, b: Site, client: Browserless) -> tuple[bool, str]:
    entry_id = shell(
        env,
        "from submissions.models import Entry;"
        f"print(Entry.objects.filter(owner__email='{ENTRANT}', state='draft').order_by('pk').first().pk)",
    )
    files_url = a.url(f"/inzendingen/{entry_id}/bestanden/")
    page = client.get(files_url)
    if page.status_code != 200:
        return False, f"files step on A answered {page.status_code}"
    response = client.post(
        files_url,
        data={
            "csrfmiddlewaretoken": client.csrf_from(page.text),
            "action": "add_image",
            "image-alt_text": "Kaart met de resultaten van de schaaltest",
            "image-caption": "schaaltest",
        },
        files={"image-file": ("schaaltest.png", png_bytes(), "image/png")},
        headers={"Referer": files_url},
    )
    if response.status_code not in (200, 302):
        return False, f"upload through A answered {response.status_code}"
    stored = json.loads(
        shell(
            env,
            "import json;from submissions.models import EntryImage;"
            f"i=EntryImage.objects.filter(entry_id={entry_id}, caption='schaaltest').order_by('-pk').first();"
            "print(json.dumps({'pk': i.pk, 'sha256': i.sha256, 'name': i.file.name}) if i else 'null')",
        )
    )
    if not stored:
        return False, "the upload through A was not stored"
    served = client.get(b.url(f"/bestanden/image/{stored['pk']}/"))
    if served.status_code != 302:
        return False, f"download through B answered {served.status_code}, expected a redirect to a signed URL"
    signed = served.headers["Location"]
    payload = requests.get(signed, timeout=30)
    digest = hashlib.sha256(payload.content).hexdigest()
    unsigned = requests.get(signed.split("?", 1)[0], timeout=30).status_code
    ok = payload.status_code == 200 and digest == stored["sha256"] and unsigned in (401, 403)
    return ok, (
        f"B redirected to a signed URL ({payload.status_code}), sha256 equal: {digest == stored['sha256']}, "
        f"same object without signature: {unsigned}"
    )


def check_cache_cleared_on_both(env: dict, a: Site, b: Site) -> tuple[bool, str]:
    found = shell(
        env,
        "from showcase.models import ShowcasePage;"
        "from showcase.selectors import public_showcase_pages;"
        "p=public_showcase_pages().order_by('pk').first();"
        "print(f'{p.pk} {p.url}' if p else '')",
    )
    if not found:
        return False, "no public showcase page in the demo"
    pk, path = found.split(" ", 1)
    first_a, first_b = requests.get(a.url(path), timeout=30), requests.get(b.url(path), timeout=30)
    # Change the title behind Wagtail's back: no signal, so the cached copies must stay.
    shell(env, f"from wagtail.models import Page;Page.objects.filter(pk={pk}).update(title='SCHAALTEST stil')")
    stale_a, stale_b = requests.get(a.url(path), timeout=30), requests.get(b.url(path), timeout=30)
    cached = "SCHAALTEST" not in stale_a.text and "SCHAALTEST" not in stale_b.text
    # Publish a new revision the normal way: the page_published signal clears the cache.
    shell(
        env,
        "from showcase.models import ShowcasePage;"
        f"p=ShowcasePage.objects.get(pk={pk});p.title='SCHAALTEST gepubliceerd';"
        "p.save_revision().publish()",
    )
    fresh_a, fresh_b = requests.get(a.url(path), timeout=30), requests.get(b.url(path), timeout=30)
    cleared = "SCHAALTEST gepubliceerd" in fresh_a.text and "SCHAALTEST gepubliceerd" in fresh_b.text
    ok = first_a.status_code == first_b.status_code == 200 and cached and cleared
    return ok, f"cached on both before publishing: {cached}; new title on both after publishing: {cleared}"


def check_worker(env: dict) -> tuple[bool, str]:
    result_id = shell(env, "from submissions.tasks import send_deadline_reminders_task as t;print(t.enqueue().id)")
    status = ""
    for _ in range(60):
        status = shell(
            env,
            f"from django_tasks_db.models import DBTaskResult;print(DBTaskResult.objects.get(id='{result_id}').status)",
        )
        if status in ("SUCCESSFUL", "FAILED"):
            break
        time.sleep(1)
    return status == "SUCCESSFUL", f"task {result_id} status: {status}"


def main() -> int:
    print(f"# Scale-out run on {machine_description()}")
    s3_process, endpoint = start_s3()
    media = ROOT / ".scaleout-media"
    media.mkdir(exist_ok=True)  # the worker's log; the site's files go to the S3 server
    env = site_env(
        database_url=postgres_database("soda_bench_scaleout"),
        media=media,
        extra={
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": f"scaleout{int(time.time())}",
            "PAGE_CACHE_SECONDS": "300",
            "TASK_BACKEND": "database",
            "AWS_STORAGE_BUCKET_NAME": "soda-public",
            "AWS_PRIVATE_STORAGE_BUCKET_NAME": "soda-private",
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_S3_REGION_NAME": "eu-west-1",
        },
    )
    worker = None
    servers: list[Site] = []
    try:
        prepare(env)
        worker_log = open(media / "worker.log", "w")  # noqa: SIM115 - closed with the worker
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.5"],
            cwd=ROOT,
            env=env,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        )
        servers = [Site(env=env).start(), Site(env=env).start()]
        a, b = servers
        print(f"app server A on {a.url('/')}, B on {b.url('/')}, S3 on {endpoint}, Redis {REDIS_URL}")
        checks = []
        ok, detail, client = check_login_shared(a, b)
        checks.append(("login on A is valid on B", ok, detail))
        checks.append(("file uploaded through A is served through B", *check_upload_shared(env, a, b, client)))
        checks.append(("publishing clears the cached page on both", *check_cache_cleared_on_both(env, a, b)))
        checks.append(("the worker runs queued tasks", *check_worker(env)))
    finally:
        for server in servers:
            server.stop()
        if worker:
            worker.terminate()
            worker.wait(timeout=15)
            worker_log.close()
        s3_process.terminate()
        s3_process.wait(timeout=15)
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
