"""Security baseline: check --deploy, secret key, headers, cookies, CSP (strict on the site, looser on
Wagtail's admin), security.txt expiry."""

import json
import os
import secrets
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings as django_settings

from awardsite.views import security_txt_expiry
from tests.factories import UserFactory

from .factories import log_in, user_with_role

ROOT = django_settings.BASE_DIR
SECURITY_NAMES = [
    "DEBUG",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
]


def _production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY", "DEBUG"))}
    env.update(
        DJANGO_SETTINGS_MODULE="awardsite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="soda.example.nl",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def _run(args, env):
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_check_deploy_is_clean_under_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("key", ["", "too-short-key"])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    result = _run(["manage.py", "check"], _production_env(SECRET_KEY=key))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.fixture(scope="module")
def production_values():
    """The security settings exactly as awardsite.settings.production computes them."""
    code = (
        "import importlib, json; m = importlib.import_module('awardsite.settings.production'); "
        f"print(json.dumps({{n: getattr(m, n) for n in {SECURITY_NAMES!r}}}))"
    )
    result = _run(["-c", code], _production_env())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production_security(settings, production_values):
    for name, value in production_values.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    return production_values


def test_production_values_are_strict(production_values):
    assert production_values["DEBUG"] is False
    assert production_values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production_values["SECURE_SSL_REDIRECT"] is True
    for name in SECURITY_NAMES:
        if name.endswith(("_SECURE", "_HTTPONLY")):
            assert production_values[name] is True, name


@pytest.mark.django_db
def test_security_headers_on_a_page(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-inline" not in directives["style-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_style_attributes(client):
    import re

    for url in ["/accounts/login/", "/accounts/signup/", "/en/accounts/login/", "/accounts/password/reset/"]:
        html = client.get(url).content.decode()
        inline = [m for m in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html) if "application/json" not in m]
        assert inline == [], url
        assert " style=" not in html, url
        assert " onclick=" not in html.lower(), url


@pytest.mark.django_db
def test_hsts_and_secure_cookies_under_production_settings(client, production_security):
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csrf = response.cookies[django_settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["httponly"]
    user = UserFactory()
    response = client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"}, secure=True)
    session = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_under_production_settings(client, production_security):
    response = client.get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_wagtail_admin_gets_the_looser_admin_policy_only(client):
    log_in(client, user_with_role("Redactie", mfa=True))
    response = client.get("/admin/pages/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp
    assert "object-src 'none'" in csp
    assert "script-src" not in csp  # Wagtail's inline scripts must run
    # ... and the public site is not affected by the admin exception.
    assert "script-src 'self'" in client.get("/account/")["Content-Security-Policy"]


# --- security.txt (RFC 9116) -------------------------------------------------------------------


def test_security_txt_does_not_expire_within_30_days():
    """Fails 30 days before the configured expiry: renew SECURITY_TXT_EXPIRES (at most a year ahead)."""
    remaining = security_txt_expiry() - datetime.now(UTC)
    assert remaining > timedelta(days=30), f"security.txt expires in {remaining.days} days: renew SECURITY_TXT_EXPIRES"


def test_security_txt_expiry_is_at_most_a_year_ahead():
    assert security_txt_expiry() - datetime.now(UTC) < timedelta(days=366)


def test_security_txt_expiry_check_fails_for_a_near_date(settings):
    settings.SECURITY_TXT_EXPIRES = (datetime.now(UTC) + timedelta(days=29)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with pytest.raises(AssertionError, match="renew SECURITY_TXT_EXPIRES"):
        test_security_txt_does_not_expire_within_30_days()


@pytest.mark.django_db
def test_security_txt_has_the_rfc_9116_fields(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line)
    assert fields["Contact"].startswith(("mailto:", "https://"))
    assert fields["Expires"].endswith("Z")
    datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ")
    assert fields["Canonical"].endswith("/.well-known/security.txt")
    assert fields["Preferred-Languages"] == "nl, en"
