"""The XSS corpus and a judged edition whose every text field carries it, shared by the server-level
test (tests/security/test_xss.py) and the browser test (tests/browser/test_xss_browser.py).

How the payloads get in: entries' text fields are written as `submissions.services.save_entry`
stores them (plain text as typed, `description` through `sanitize_html`); the edition is past its
deadline by then, so the service itself would refuse (that rule is tested in tests/submissions).
Organisations, datasets and image texts as the entrant forms store them. Review motivations and
comments, discussion notes, feedback letters and the decision's jury and award motivations go
through the judging services. The winner's showcase page is made by showcase.services from the entry.
"""

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")

# Entry fields with the longest value the entrant forms accept (None: no limit).
ENTRY_TEXT_FIELDS = {
    "summary": 600,
    "societal_question": 2000,
    "description": None,
    "other_data": 2000,
    "impact_evidence": 4000,
    "prize_plan": 2000,
    "lessons_learned": 4000,
    "source_code_licence": 100,
}


def load_payloads() -> list[str]:
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


def pack(payloads: list[str], limit: int | None, parts: int) -> list[str]:
    """Spread the payloads over `parts` values of at most `limit` characters, round-robin so each
    value gets a mix. Payloads longer than the limit are cut to it (as the form's max_length would
    refuse them whole, the cut start is what could get through)."""
    values = [""] * parts
    for index, payload in enumerate(payloads):
        slot = index % parts
        piece = payload if limit is None else payload[:limit]
        joined = f"{values[slot]}\n{piece}" if values[slot] else piece
        if limit is None or len(joined) <= limit:
            values[slot] = joined
        else:
            # find a slot with room, else start over in the emptiest one
            for other in range(parts):
                candidate = f"{values[other]}\n{piece}" if values[other] else piece
                if len(candidate) <= limit:
                    values[other] = candidate
                    break
    return values


def carriers_needed(payloads: list[str]) -> int:
    """How many entries it takes for every limited field of 600 characters or more to carry every
    payload once (the 100-character licence field and the 150-character title carry what fits in
    that many entries: a few payloads each)."""
    needed = 1
    for limit in ENTRY_TEXT_FIELDS.values():
        if limit and limit >= 600:
            total = sum(min(len(p), limit) + 1 for p in payloads)
            needed = max(needed, -(-total // int(limit * 0.9)))
    return needed


@dataclass
class XssSite:
    payloads: list[str]
    entrant: object
    juror: object
    chair: object
    admin: object
    round: object
    edition: object
    carriers: list
    showcase_url: str
    decided_chair: object  # chair of the edition whose signed decision carries the corpus
    decided_year: int = 0
    pages: dict = field(default_factory=dict)  # label -> (role, path)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def build_xss_site() -> XssSite:
    from django.core.files.base import ContentFile

    from awardsite.roles import INZENDERS, SECRETARIAAT
    from awardsite.sanitize import sanitize_html
    from judging.enums import JuryRole, RoundKind, RoundState
    from judging.services.assignments import assign_juror
    from judging.services.decisions import (
        add_discussion_note,
        save_feedback_letter,
    )
    from judging.services.reviews import ScoreInput, save_review
    from submissions.enums import EntryState
    from submissions.models import Entry, EntryDataset, EntryImage, EntryOrganisation
    from tests.factories import CriterionFactory, EntryFactory
    from tests.judging.factories import MembershipFactory, RoundFactory, closed_edition, declare, make_user

    payloads = load_payloads()
    count = carriers_needed(payloads)
    edition = closed_edition()
    criteria = [CriterionFactory(edition=edition, name=f"Criterium {i}", sort_order=i) for i in range(1, 3)]
    round_ = RoundFactory(edition=edition, kind=RoundKind.FINAL, state=RoundState.OPEN)
    chair = MembershipFactory(edition=edition, role=JuryRole.CHAIR).user
    juror = MembershipFactory(edition=edition).user
    entrant = make_user(INZENDERS)
    secretariaat = make_user(SECRETARIAAT, mfa=True, is_staff=True)
    admin = make_user(mfa=True, is_staff=True, is_superuser=True)

    values = {name: pack(payloads, limit, count) for name, limit in ENTRY_TEXT_FIELDS.items()}
    titles = pack(payloads, 150, count)
    carriers = []
    for index in range(count):
        entry = EntryFactory(edition=edition, owner=entrant, state=EntryState.SHORTLIST, title=titles[index][:150])
        fields = {name: values[name][index] for name in ENTRY_TEXT_FIELDS}
        fields["description"] = sanitize_html(fields["description"])
        Entry.objects.filter(pk=entry.pk).update(consent_publish=True, **fields)
        chunk = payloads[index::count]
        for order, payload in enumerate(chunk[:4]):
            EntryOrganisation.objects.create(entry=entry, name=payload[:200], org_type="market", sort_order=order)
        for payload in chunk[4:8]:
            EntryDataset.objects.create(
                entry=entry, title=payload[:300], publisher=payload[:300], how_used=payload[:1000], source="manual"
            )
        if chunk[8:9]:
            image = EntryImage(entry=entry, alt_text=chunk[8][:250], caption=(chunk[9] if chunk[9:] else "")[:300])
            image.file.save("x.png", ContentFile(_png()), save=False)
            image.save()
        for person in (chair, juror):
            assignment = assign_juror(round_=round_, entry=entry, juror=person, by=secretariaat)
            declare(person, entry)
            motivations = pack(chunk, 4000, len(criteria))
            save_review(
                assignment=assignment,
                by=person,
                scores=[
                    ScoreInput(criterion_id=c.pk, value=7, motivation=m or "x")
                    for c, m in zip(criteria, motivations, strict=True)
                ],
                comment="\n".join(chunk)[:4000],
                submit=True,
                expected_version=0,
            )
        add_discussion_note(entry=entry, by=chair, text="Notitie:\n" + "\n".join(chunk))
        save_feedback_letter(entry=entry, by=chair, text=("Feedback:\n" + "\n".join(chunk))[:8000])
        carriers.append(Entry.objects.get(pk=entry.pk))

    showcase_url, decided = _showcase_page_with_payloads(payloads, secretariaat)
    site = XssSite(payloads, entrant, juror, chair, admin, round_, edition, carriers, showcase_url, decided.chair)
    site.decided_year = decided.edition.year
    site.pages = _pages(site)
    return site


def _showcase_page_with_payloads(payloads, secretariaat) -> str:
    """A winner (signed decision, published results) whose texts carry the corpus, made into a
    published showcase page by showcase.services."""
    from awardsite.sanitize import sanitize_html
    from judging.services.decisions import PrizeSettings, save_decision_draft, sign_decision
    from showcase.services import create_showcase_page_from_entry, publish_results
    from submissions.models import Entry
    from tests.judging.decision_fixtures import build_final, record_ranking

    final = build_final()
    winner = final.entries[0]
    Entry.objects.filter(pk=winner.pk).update(
        consent_publish=True,
        title=payloads[0][:150],
        summary=pack(payloads, 600, 1)[0],
        societal_question=pack(payloads, 2000, 1)[0],
        description=sanitize_html("\n".join(payloads)),
        impact_evidence=pack(payloads, 4000, 1)[0],
        lessons_learned=pack(list(reversed(payloads)), 4000, 1)[0],
    )
    decision = save_decision_draft(
        edition=final.edition,
        by=final.chair,
        ranking=record_ranking(final),
        winner_count=1,
        settings=PrizeSettings(rule="winner-takes-all"),
        motivation="Motivatie:\n" + pack(payloads, 8000, 1)[0],
        award_motivations={winner.pk: "Prijs:\n" + pack(list(reversed(payloads)), 4000, 1)[0]},
    )
    sign_decision(decision=decision, by=final.chair, fresh_mfa=True)
    publish_results(edition=final.edition, by=secretariaat)
    page = create_showcase_page_from_entry(entry=Entry.objects.get(pk=winner.pk), by=secretariaat)
    page.save_revision(user=secretariaat).publish()
    page.refresh_from_db()
    return page.url, final


def _pages(site: XssSite) -> dict:
    year, round_pk = site.edition.year, site.round.pk
    pages = {
        "entrant dashboard": ("entrant", "/mijn-inzendingen/"),
        "jury round list": ("juror", f"/jury/rondes/{round_pk}/"),
        "chair ranking overview": ("chair", f"/jury/edities/{year}/rangschikking/"),
        "chair deliberation": ("chair", f"/jury/edities/{year}/beraad/"),
        "admin entry list": ("admin", "/admin/inzendingen/"),
        "showcase page": ("visitor", site.showcase_url),
        "signed decision": ("decided_chair", f"/jury/edities/{site.decided_year}/besluit/"),
        "jury report": ("decided_chair", f"/jury/edities/{site.decided_year}/juryrapport/"),
        "prize calculator": ("decided_chair", f"/jury/edities/{site.decided_year}/prijzengeld/"),
        "admin decisions": ("admin", f"/admin/besluiten/{site.decided_year}/"),
        "showcase index": ("visitor", "/voorbeelden/"),
        "search": ("visitor", "/zoeken/?q=alert"),
    }
    for entry in site.carriers:
        pk = entry.pk
        pages[f"entry preview {pk}"] = ("entrant", f"/inzendingen/{pk}/voorbeeld/")
        pages[f"entrant read-only view {pk}"] = ("entrant", f"/inzendingen/{pk}/stap/controleren/")
        pages[f"juror entry view {pk}"] = ("juror", f"/jury/rondes/{round_pk}/inzendingen/{pk}/")
        pages[f"juror review form {pk}"] = ("juror", f"/jury/rondes/{round_pk}/inzendingen/{pk}/beoordelen/")
        pages[f"chair notes {pk}"] = ("chair", f"/jury/edities/{year}/beraad/{pk}/")
        pages[f"chair feedback {pk}"] = ("chair", f"/jury/edities/{year}/beraad/{pk}/feedback/")
        pages[f"admin entry detail {pk}"] = ("admin", f"/admin/inzendingen/{pk}/")
    return pages


# --- What counts as executable injected markup ------------------------------------------------

DANGEROUS_TAGS = {"iframe", "object", "embed", "applet", "base", "frameset", "frame", "portal", "link", "meta"}
URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcdoc",
    "lowsrc",
    "dynsrc",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")


class InjectionFinder(HTMLParser):
    """Collects markup a payload could have smuggled in. The site's own pages carry none of it:
    no inline scripts or handlers (CSP forbids them), no javascript:/data: URLs, no frames."""

    def __init__(self, *, allow_head_links: bool = True):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_head = False
        self.in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRS and value:
                squeezed = "".join(value.split()).lower()
                if squeezed.startswith(BAD_SCHEMES):
                    self.found.append(f"<{tag} {name}={value[:40]}>")
            if name == "style" and value and ("expression(" in value or "url(" in value):
                self.found.append(f"<{tag} style={value[:40]}>")
        if tag == "script":
            src = attrs.get("src") or ""
            kind = attrs.get("type") or ""
            own = src.startswith(("/static/", "/admin/jsi18n/"))
            if not (own or kind in ("application/ld+json", "application/json")):
                self.found.append(f"<script {src[:40]}>")
        if tag in DANGEROUS_TAGS and not (self.in_head and tag in {"link", "meta", "base"}):
            self.found.append(f"<{tag}>")
        if tag == "style" and not self.in_head:
            self.found.append("<style> in body")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def injected_markup(html: str) -> list[str]:
    finder = InjectionFinder()
    finder.feed(html)
    return finder.found
