"""Server level: the XSS corpus in every text field of entries and reviews renders as text on every
page that shows them; no executable markup reaches the HTML (see tests/security/xss_corpus.py)."""

import pytest
from django.test import Client

from tests.judging.decision_fixtures import fresh_mfa_session

from .xss_corpus import build_xss_site, injected_markup, load_payloads

pytestmark = [
    pytest.mark.django_db,
    # Wagtail's AbstractImage.generate_rendition_file never closes its SpooledTemporaryFile (a
    # Wagtail bug; tests/showcase ignores the same warning).
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
    ),
]


def test_corpus_has_more_than_200_distinct_payloads():
    payloads = load_payloads()
    assert len(payloads) > 200 and len(set(payloads)) == len(payloads)


def test_the_finder_sees_injected_markup():
    """The check must be able to fail: raw payloads are flagged."""
    assert injected_markup("<p><img src=x onerror=alert(1)></p>")
    assert injected_markup('<a href=" javascript:alert(1)">x</a>')
    assert injected_markup("<body><script>alert(1)</script></body>")
    assert not injected_markup(
        '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script src="/static/js/soda.js" defer></script>'
    )


def test_no_page_renders_executable_markup_from_the_corpus():
    from awardsite.demo import load as load_site
    from showcase.demo import ensure_indexes

    load_site(out=__import__("io").StringIO())
    from awardsite.pages import HomePage

    ensure_indexes(HomePage.objects.first())
    site = build_xss_site()
    clients = {"visitor": Client()}
    for role in ("entrant", "juror", "chair", "decided_chair", "admin"):
        client = Client()
        user = getattr(site, role)
        if role == "entrant":
            client.force_login(user)
        else:
            fresh_mfa_session(client, user)
        clients[role] = client
    problems = {}
    for label, (role, path) in site.pages.items():
        response = clients[role].get(path)
        assert response.status_code == 200, f"{label}: {path} answered {response.status_code}"
        found = injected_markup(response.content.decode())
        if found:
            problems[label] = found[:5]
    assert not problems, f"executable markup from the corpus reached the HTML: {problems}"
