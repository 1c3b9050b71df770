"""The whole submission with the keyboard alone: log in, start an entry, fill every step, add a
dataset, give consents and submit, moving only with Tab and Shift+Tab, pressing Enter and Space on
buttons, checkboxes and radios, typing text into fields and choosing in a list with the arrow keys.
No mouse clicks. Every element that gets focus must show a visible focus indicator."""

import io

import pytest
from django.core.management import call_command

from awardsite.demo import DEMO_PASSWORD
from submissions.enums import EntryState
from submissions.models import Entry, SubmissionReceipt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "inzender@demo.soda.example"

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {
    tag: el.tagName.toLowerCase(), name: el.getAttribute('name') || '', id: el.id || '',
    text: (el.innerText || el.value || '').trim().slice(0, 40), visible: outline || shadow,
  };
}"""


class Keyboard:
    """Moves focus with Tab / Shift+Tab only and records every focused element without a visible
    focus indicator."""

    def __init__(self, page):
        self.page = page
        self.invisible: list[dict] = []
        self.steps = 0

    def _focused(self):
        state = self.page.evaluate(FOCUS_STATE)
        if state and not state["visible"]:
            self.invisible.append({"url": self.page.url, **state})
        return state

    def tab_to(self, selector: str, *, backwards: bool = False, limit: int = 250) -> None:
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(limit):
            self.page.keyboard.press(key)
            self.steps += 1
            self._focused()
            if self.page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} not reached with {key} on {self.page.url}")

    def type_into(self, selector: str, text: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.type(text)

    def choose(self, selector: str, presses: int = 1) -> None:
        """A <select>: focus it with Tab, move the choice with the arrow key."""
        self.tab_to(selector)
        for _ in range(presses):
            self.page.keyboard.press("ArrowDown")

    def press_on(self, selector: str, key: str = "Enter", *, navigates: bool = True) -> None:
        self.tab_to(selector)
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
        else:
            self.page.keyboard.press(key)

    def check(self, selector: str) -> None:
        self.tab_to(selector)
        if not self.page.evaluate("() => document.activeElement.checked"):
            self.page.keyboard.press("Space")


def test_whole_submission_with_the_keyboard_alone_and_focus_always_visible(page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    base = live_server.url
    kb = Keyboard(page)
    page.goto(f"{base}/accounts/login/")

    kb.type_into("input[name=login]", EMAIL)
    kb.type_into("input[name=password]", DEMO_PASSWORD)
    kb.press_on("main form button[type=submit]")

    # From the home page to "my entries" by following the link with the keyboard.
    kb.press_on("a[href$='/mijn-inzendingen/']")
    kb.type_into("form[action$='/mijn-inzendingen/nieuw/'] input[name=title]", "Toetsenbordkaart")
    kb.press_on("form[action$='/mijn-inzendingen/nieuw/'] button[type=submit]")
    entry = Entry.objects.filter(owner__email=EMAIL, title="Toetsenbordkaart").get()

    # 1. Organisation and team
    kb.choose("select[name=category]")
    kb.type_into("input[name='org-0-name']", "Toetsenbordlab")
    kb.choose("select[name='org-0-org_type']")
    kb.press_on("button[name=save_next]")

    # 2. The application (Shift+Tab back from the themes to prove the way back works too)
    kb.type_into("textarea[name=summary]", "Een kaart die u met het toetsenbord bedient.")
    kb.type_into("textarea[name=societal_question]", "Kan iedereen de kaart gebruiken?")
    kb.type_into("textarea[name=description]", "Alle functies werken zonder muis.")
    kb.choose("select[name=application_type]")
    kb.choose("select[name=maturity]")
    kb.check("input[name=themes][value=verkeer]")
    kb.tab_to("select[name=maturity]", backwards=True)
    kb.press_on("button[name=save_next]")

    # 3. Data used: a dataset filled in by hand
    assert page.url.endswith(f"/inzendingen/{entry.pk}/data/")
    kb.type_into("input[name='manual-title']", "Wegenbestand")
    kb.type_into("input[name='manual-publisher']", "Rijkswaterstaat")
    kb.tab_to("select[name='manual-licence_id']")  # the first licence (CC0) is already chosen
    kb.check("input[name='manual-claims_dutch_government']")
    kb.press_on("form:has(input[name='manual-title']) button[type=submit]")
    assert entry.datasets.count() == 1

    # 4. Impact and plans (by the step indicator's link, with the keyboard)
    kb.press_on(f"a[href$='/inzendingen/{entry.pk}/stap/impact/']")
    kb.type_into("textarea[name=impact_evidence]", "Vijftig mensen met een beperking testten de kaart.")
    kb.type_into("textarea[name=prize_plan]", "Meer gemeenten aansluiten.")
    kb.press_on("button[name=save_next]")

    # 5. Images and attachments are optional: on to the consents
    kb.press_on(f"a[href$='/inzendingen/{entry.pk}/stap/toestemming/']")
    kb.check("input[name=consent_terms]")
    kb.check("input[name=consent_publish]")
    kb.press_on("button[name=save_next]")

    # 7. Check and submit
    assert page.url.endswith(f"/inzendingen/{entry.pk}/stap/controleren/")
    kb.press_on(f"form[action$='/inzendingen/{entry.pk}/indienen/'] button[type=submit]")
    entry.refresh_from_db()
    assert entry.state == EntryState.SUBMITTED
    assert SubmissionReceipt.objects.get(entry=entry).number in page.locator("main").inner_text()
    assert not kb.invisible, f"focus not visible on {len(kb.invisible)} element(s): {kb.invisible[:10]}"
