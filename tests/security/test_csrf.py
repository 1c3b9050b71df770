"""Every POST needs a CSRF token: the URL patterns of our apps, allauth and Wagtail's page serving
are walked, and each is POSTed to without a token by a logged-in user of the role the area is for.

The answer must come from Django's CSRF check (403, before the view runs) or, for the read-only
API (Django REST framework views are CSRF-exempt for Django and check the token themselves for a
logged-in session), from REST framework's own CSRF refusal or a 405. Anything else means a view
would act on a forged cross-site POST.
"""

import re

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.http import HttpResponseForbidden
from django.test import Client
from django.urls import get_resolver

from awardsite.roles import INZENDERS, JURY
from tests.judging.decision_fixtures import fresh_mfa_session
from tests.judging.factories import make_user

pytestmark = pytest.mark.django_db

CSRF_MARKER = "csrf-check-refused-this-request"
OUR_MODULES = ("awardsite.", "submissions.", "judging.", "showcase.", "allauth.")
PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>")


def csrf_failure_marker(request, reason=""):
    """Stands in for Django's CSRF failure page so the test knows who said 403."""
    return HttpResponseForbidden(f"{CSRF_MARKER}: {reason}")


def _sample(match: re.Match) -> str:
    converter, name = match.group(1), match.group(2)
    if converter == "int" or name.endswith(("pk", "_id")) or name == "year":
        return "2027" if name == "year" else "1"
    return "xls" if name == "fmt" else "abc"


def post_paths() -> list[str]:
    """One concrete path per URL pattern of our apps, allauth and Wagtail's page serving."""
    paths = []
    for func, regex, _namespace, _name in extract_views_from_urlpatterns(get_resolver().url_patterns):
        module = getattr(func, "__module__", "") or ""
        if not module.startswith(OUR_MODULES):
            continue
        route = simplify_regex(regex)
        paths.append(PLACEHOLDER.sub(_sample, route).replace("<uidb36>-<key>", "1-abc"))
    paths += ["/", "/toegankelijkheid/", "/en/"]  # Wagtail's page serving (HomePage, StandardPage)
    return sorted(set(paths))


def _client_for(path: str, users: dict) -> Client:
    client = Client(enforce_csrf_checks=True)
    if path.startswith("/admin/"):
        fresh_mfa_session(client, users["admin"])
    elif path.startswith("/jury/"):
        fresh_mfa_session(client, users["juror"])
    else:
        client.force_login(users["entrant"])
    return client


@pytest.fixture
def users(settings):
    settings.CSRF_FAILURE_VIEW = "tests.security.test_csrf.csrf_failure_marker"
    from awardsite.demo import load as load_site

    load_site(out=__import__("io").StringIO())  # home page and statement pages to POST to
    return {
        "entrant": make_user(INZENDERS),
        "juror": make_user(JURY, mfa=True),
        "admin": make_user(mfa=True, is_staff=True, is_superuser=True),
    }


def test_every_view_refuses_a_post_without_csrf_token(users):
    paths = post_paths()
    assert len(paths) > 100, "the URL walk found too few patterns: is it still walking the resolver?"
    let_through = []
    for path in paths:
        response = _client_for(path, users).post(path, {"title": "forged"})
        body = response.content.decode(errors="replace")
        refused_by_csrf = response.status_code == 403 and (CSRF_MARKER in body or "CSRF Failed" in body)
        if not (refused_by_csrf or response.status_code == 405):
            let_through.append((path, response.status_code))
    assert not let_through, f"POST without a CSRF token was not refused by the CSRF check: {let_through}"


def test_the_same_post_with_a_token_gets_past_the_csrf_check(users):
    """The counter-check: the 403 above is the token, not the role (the user may post here)."""
    client = _client_for("/mijn-inzendingen/", users)
    client.get("/mijn-inzendingen/")
    token = client.cookies["csrftoken"].value
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    jury_client = _client_for("/jury/", users)
    jury_client.get("/jury/")
    token = jury_client.cookies["csrftoken"].value
    response = jury_client.post("/jury/", {"csrfmiddlewaretoken": token})
    assert CSRF_MARKER not in response.content.decode(errors="replace")
