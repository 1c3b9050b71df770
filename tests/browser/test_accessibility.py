"""axe-core scan (WCAG 2.1 A and AA rules) of the public templates, in both languages.

The proof work of issue 6 extends PUBLIC_PATHS and adds the entrant and juror screens.
"""

import io

import pytest
from django.core.management import call_command

from .axe_scan import assert_no_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLIC_PATHS = [
    "/",
    "/toegankelijkheid/",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/deze-pagina-bestaat-niet/",
]


def test_public_templates_have_no_wcag_violations_in_both_languages(page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    for prefix in ("", "/en"):
        for path in PUBLIC_PATHS:
            page.goto(f"{live_server.url}{prefix}{path}")
            assert_no_violations(page, f"{prefix}{path}")
