"""Journey (a): an entrant registers, verifies the e-mail address, writes an entry over two sittings,
adds a dataset from the catalogue (the local CKAN stand-in), uploads a screenshot, gives consents,
submits and gets the receipt on the page and by e-mail (receipt number and content hash)."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from submissions.enums import EntryState
from submissions.models import Entry, SubmissionReceipt
from tests.submissions.ckan_standin import CkanStandIn

from .helpers import click_and_wait, log_out, png_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "nieuwe.inzender@example.org"
PASSWORD = "Lang-en-sterk-wachtwoord-2026"
DATASET_URL = "https://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten-2023"


@pytest.fixture
def ckan(settings):
    server = CkanStandIn().start()
    settings.CKAN_BASE_URL = server.base_url
    yield server
    server.stop()


def _log_in(page, base):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    click_and_wait(page, "main form button[type=submit]")


def test_entrant_registers_writes_over_two_sittings_and_submits(page, live_server, ckan, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    base = live_server.url
    mail.outbox.clear()

    # Register, then verify the address with the link from the e-mail.
    page.goto(f"{base}/accounts/signup/")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    click_and_wait(page, "main form button[type=submit]")
    assert "/accounts/confirm-email/" in page.url
    (verification,) = [m for m in mail.outbox if EMAIL in m.to]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", verification.body).group(0)
    page.goto(base + "/accounts/" + link.split("/accounts/", 1)[1])
    click_and_wait(page, "main form button[type=submit]")

    # First sitting: start an entry, fill the organisation step and part of the application step.
    _log_in(page, base)
    page.goto(f"{base}/mijn-inzendingen/")
    page.fill("form[action$='/mijn-inzendingen/nieuw/'] input[name=title]", "Speelplekkenkaart")
    click_and_wait(page, "form[action$='/mijn-inzendingen/nieuw/'] button[type=submit]")
    entry = Entry.objects.get(owner__email=EMAIL)
    assert page.url.endswith(f"/inzendingen/{entry.pk}/stap/organisatie/")
    page.select_option("select[name=category]", index=1)
    page.fill("input[name=org-0-name]", "Datalab Speelplek")
    page.select_option("select[name=org-0-org_type]", index=1)
    click_and_wait(page, "button[name=save_next]")
    page.fill("textarea[name=summary]", "Een kaart van veilige speelplekken in de buurt.")
    page.fill("textarea[name=societal_question]", "Waar kunnen kinderen veilig buiten spelen?")
    click_and_wait(page, "button[name=save]")
    log_out(page)

    # Second sitting: what was typed is still there; continue where we left off.
    _log_in(page, base)
    page.goto(f"{base}/inzendingen/{entry.pk}/stap/toepassing/")
    assert page.input_value("textarea[name=summary]") == "Een kaart van veilige speelplekken in de buurt."
    page.fill("textarea[name=description]", "De kaart combineert buurtcijfers met de ligging van speeltuinen.")
    page.select_option("select[name=application_type]", index=1)
    page.select_option("select[name=maturity]", index=1)
    page.check("input[name=themes][value=verkeer]")
    click_and_wait(page, "button[name=save_next]")

    # Data used: a dataset from the catalogue, by its address (the CKAN stand-in answers).
    assert page.url.endswith(f"/inzendingen/{entry.pk}/data/")
    page.fill("input[name='byurl-url']", DATASET_URL)
    page.fill("textarea[name='byurl-how_used']", "Aantal kinderen per buurt.")
    click_and_wait(page, "form:has(input[name='byurl-url']) button[type=submit]")
    assert entry.datasets.count() == 1 and ckan.requests >= 1

    page.goto(f"{base}/inzendingen/{entry.pk}/stap/impact/")
    page.fill("textarea[name=impact_evidence]", "Twaalf scholen gebruiken de kaart.")
    page.fill("textarea[name=prize_plan]", "De kaart uitbreiden naar heel Nederland.")
    page.fill("textarea[name=lessons_learned]", "Begin klein en vraag ouders wat zij willen.")
    click_and_wait(page, "button[name=save_next]")

    # Images: a screenshot made with Pillow, with its alt text.
    assert page.url.endswith(f"/inzendingen/{entry.pk}/bestanden/")
    page.set_input_files("input[name='image-file']", png_file(tmp_path / "kaart.png"))
    page.fill("input[name='image-alt_text']", "Kaart met speelplekken in Utrecht")
    click_and_wait(page, "form:has(input[name='image-file']) button[type=submit]")
    assert entry.images.count() == 1

    page.goto(f"{base}/inzendingen/{entry.pk}/stap/toestemming/")
    for name in ("consent_terms", "consent_publish", "consent_case_study", "consent_contact"):
        page.check(f"input[name={name}]")
    click_and_wait(page, "button[name=save_next]")

    # Check and submit; the receipt is on the page and in the e-mail.
    assert page.url.endswith(f"/inzendingen/{entry.pk}/stap/controleren/")
    mail.outbox.clear()
    click_and_wait(page, f"form[action$='/inzendingen/{entry.pk}/indienen/'] button[type=submit]")
    entry.refresh_from_db()
    assert entry.state == EntryState.SUBMITTED
    receipt = SubmissionReceipt.objects.get(entry=entry)
    assert receipt.number in page.locator("main").inner_text()
    (confirmation,) = [m for m in mail.outbox if EMAIL in m.to]
    assert receipt.number in confirmation.body
    assert receipt.content_hash in confirmation.body and len(receipt.content_hash) == 64
