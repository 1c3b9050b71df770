"""axe-core scan (WCAG 2.1 A and AA rules) of every public template, the entrant screens and the jury
screens, in both languages. Each test scans all its pages and reports every violation at once."""

import io
import json

import pytest
from django.core.management import call_command

from .axe_scan import axe_violations
from .helpers import click_and_wait, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Wagtail's AbstractImage.generate_rendition_file never closes its SpooledTemporaryFile (a
    # Wagtail bug; tests/showcase ignores the same warning).
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
    ),
]

LANGUAGES = ("", "/en")


def scan(page, label: str, found: dict) -> None:
    violations = axe_violations(page)
    if violations:
        found[label] = violations


def report(found: dict) -> str:
    return f"axe found WCAG 2.1 A/AA violations on {len(found)} page(s):\n{json.dumps(found, indent=1)}"


def public_paths() -> list[str]:
    from showcase.models import GuidePage
    from showcase.selectors import public_datasets, public_showcase_pages

    showcase = public_showcase_pages().order_by("pk").first()
    guide = GuidePage.objects.live().order_by("pk").first()
    dataset = public_datasets()[0]["key"]
    return [
        "/",
        "/meedoen/",
        "/voorbeelden/",
        f"/voorbeelden/?year={showcase.year}&theme=natuur-en-milieu&sort=title",
        "/voorbeelden/?q=geen-enkel-voorbeeld-heet-zo",
        showcase.url,
        "/voorbeelden/datasets/",
        f"/voorbeelden/datasets/{dataset}/",
        "/voorbeelden/uitslagen/",
        "/handreikingen/",
        guide.url,
        "/zoeken/?q=kaart",
        "/zoeken/?q=geen-enkel-resultaat-heet-zo",
        "/zoeken/",
        "/open-data/",
        "/toegankelijkheid/",
        "/privacy/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/deze-pagina-bestaat-niet/",
    ]


def test_public_templates_have_no_wcag_violations_in_both_languages(page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    found = {}
    for prefix in LANGUAGES:
        for path in public_paths():
            page.goto(f"{live_server.url}{prefix}{path}")
            scan(page, f"{prefix}{path}", found)
        # Forms with validation errors: login and signup.
        page.goto(f"{live_server.url}{prefix}/accounts/signup/")
        page.fill("input[name=email]", "geen-adres")
        click_and_wait(page, "main form button[type=submit]")
        scan(page, f"{prefix}/accounts/signup/ (errors)", found)
    assert not found, report(found)


def test_entrant_screens_have_no_wcag_violations_in_both_languages(page, live_server):
    from awardsite.users import User
    from submissions.models import Edition
    from submissions.services import start_entry

    call_command("load_demo", stdout=io.StringIO())
    entrant = User.objects.get(email="inzender@demo.soda.example")
    edition = Edition.objects.order_by("-year").first()
    entry = start_entry(edition=edition, by=entrant, title="Toegankelijkheidstoets")
    base, found = live_server.url, {}
    log_in(page, base, entrant.email)
    steps = ["stap/organisatie/", "stap/toepassing/", "data/", "stap/impact/", "bestanden/", "stap/toestemming/"]
    for prefix in LANGUAGES:
        page.goto(f"{base}{prefix}/mijn-inzendingen/")
        scan(page, f"{prefix} dashboard", found)
        for step in steps:
            page.goto(f"{base}{prefix}/inzendingen/{entry.pk}/{step}")
            scan(page, f"{prefix} step {step}", found)
        page.goto(f"{base}{prefix}/inzendingen/{entry.pk}/stap/controleren/")
        scan(page, f"{prefix} check and submit", found)
        click_and_wait(page, f"form[action$='/inzendingen/{entry.pk}/indienen/'] button[type=submit]")
        scan(page, f"{prefix} check and submit (incomplete, errors)", found)
        page.goto(f"{base}{prefix}/inzendingen/{entry.pk}/voorbeeld/")
        scan(page, f"{prefix} preview", found)
        # A step form with validation errors: an empty title and a licence without source code.
        page.goto(f"{base}{prefix}/inzendingen/{entry.pk}/stap/toepassing/")
        page.fill("input[name=title]", "")
        page.fill("input[name=source_code_licence]", "MIT")
        click_and_wait(page, "button[name=save]")
        scan(page, f"{prefix} application step (errors)", found)
        page.goto(f"{base}{prefix}/inzendingen/{entry.pk}/stap/organisatie/")
        page.fill("input[name=org-0-website]", "geen adres")
        click_and_wait(page, "button[name=save]")
        scan(page, f"{prefix} organisation step (errors)", found)
    assert not found, report(found)


def test_jury_and_chair_screens_have_no_wcag_violations_in_both_languages(browser, page, live_server):
    from awardsite.roles import SECRETARIAAT
    from judging.services.assignments import assign_juror
    from tests.judging.decision_fixtures import build_final, draft
    from tests.judging.factories import TEST_TOTP_SECRET, build_jury, make_user

    jury = build_jury(entries=2, jurors=1)
    juror = jury.jurors[0]
    secretariaat = make_user(SECRETARIAAT, mfa=True, is_staff=True)
    for entry in jury.entries:
        assign_juror(round_=jury.round, entry=entry, juror=juror, by=secretariaat)
    final = build_final()
    draft(final)
    base, found = live_server.url, {}
    log_in(page, base, juror.email, password="correct-horse-battery", totp=True, totp_secret=TEST_TOTP_SECRET)
    round_url = f"/jury/rondes/{jury.round.pk}/"
    first, second = jury.entries
    for prefix in LANGUAGES:
        page.goto(f"{base}{prefix}/jury/")
        scan(page, f"{prefix} jury dashboard", found)
        page.goto(f"{base}{prefix}{round_url}belangen/")
        scan(page, f"{prefix} conflict declaration", found)
        if prefix == "":
            # Declaring a conflict without a reason shows errors; then declare for real.
            page.check(f"input[name=choice_{first.pk}][value=yes]")
            page.check(f"input[name=choice_{second.pk}][value=no]")
            click_and_wait(page, f"form:has(input[name=choice_{first.pk}]) button[type=submit]")
            scan(page, "conflict declaration (errors)", found)
            page.check(f"input[name=choice_{first.pk}][value=no]")
            page.check(f"input[name=choice_{second.pk}][value=no]")
            click_and_wait(page, f"form:has(input[name=choice_{first.pk}]) button[type=submit]")
        page.goto(f"{base}{prefix}{round_url}")
        scan(page, f"{prefix} round entries", found)
        page.goto(f"{base}{prefix}{round_url}inzendingen/{first.pk}/")
        scan(page, f"{prefix} juror entry view", found)
        page.goto(f"{base}{prefix}{round_url}inzendingen/{first.pk}/beoordelen/")
        scan(page, f"{prefix} review form", found)
        click_and_wait(page, "button[name=submit]")
        scan(page, f"{prefix} review form (errors)", found)

    chair = browser.new_context(locale="nl-NL").new_page()
    try:
        log_in(
            chair, base, final.chair.email, password="correct-horse-battery", totp=True, totp_secret=TEST_TOTP_SECRET
        )
        year = final.edition.year
        for prefix in LANGUAGES:
            for path in ("rangschikking/", "eindrangschikking/", "prijzengeld/?winner_count=3", "besluit/", "beraad/",
                         f"beraad/{final.entries[0].pk}/", "juryrapport/"):  # fmt: skip
                chair.goto(f"{base}{prefix}/jury/edities/{year}/{path}")
                scan(chair, f"{prefix} chair {path}", found)
    finally:
        chair.context.close()
    assert not found, report(found)


def test_the_scan_reports_a_known_violation(page):
    """The scan must be able to fail: an image without alt text and an unlabelled field."""
    page.set_content('<html lang="nl"><head><title>x</title></head><body><main><h1>x</h1>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>')  # fmt: skip
    rules = {violation["rule"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= rules
