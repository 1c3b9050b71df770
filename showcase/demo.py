"""Demo content of the showcase: indexes, workflows, published results of the past editions,
showcase pages for their winners and nominees (with generated illustrations) and three guides.

Idempotent. Tolerates a missing submissions or judging demo: what is not there is skipped.
"""

import datetime
import io
import random

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw

from awardsite.images import CustomImage
from awardsite.pages import HomePage
from awardsite.users import User
from submissions.models import Edition

from .models import GuideIndexPage, GuidePage, ShowcaseImage, ShowcaseIndexPage, ShowcasePage
from .selectors import entries_ready_for_showcase, public_showcase_pages
from .services import (
    create_showcase_page_from_entry,
    ensure_editor_permissions,
    ensure_editorial_workflows,
    ensure_year_page,
    publish_results,
)

PALETTES = [
    ((0, 84, 125), (150, 200, 230), (240, 180, 40)),
    ((120, 40, 90), (230, 170, 200), (60, 160, 120)),
    ((30, 100, 60), (170, 220, 180), (200, 80, 40)),
    ((70, 60, 140), (200, 195, 240), (230, 140, 30)),
]


def illustration_png(seed: int) -> bytes:
    """A simple, illustrative chart-and-map picture (no text), different per seed."""
    rng = random.Random(seed)
    dark, light, accent = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (1200, 675), (250, 250, 248))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1200, 70), fill=dark)
    # A "map" of blocks on the left
    for row in range(6):
        for col in range(6):
            shade = rng.random()
            colour = tuple(int(light[i] * (1 - shade) + dark[i] * shade) for i in range(3))
            draw.rectangle((60 + col * 80, 110 + row * 85, 130 + col * 80, 185 + row * 85), fill=colour)
    # A bar chart on the right
    for n in range(8):
        height = rng.randint(60, 420)
        draw.rectangle((640 + n * 62, 600 - height, 686 + n * 62, 600), fill=accent if n % 3 == 0 else dark)
    draw.line((620, 600, 1150, 600), fill=(40, 40, 40), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def demo_image(*, title: str, seed: int) -> CustomImage:
    alt = f"Illustratie bij {title}: een kaart met gekleurde vlakken en een staafdiagram."
    existing = CustomImage.objects.filter(title=f"Demo: {title}").first()
    if existing:
        return existing
    image = CustomImage(
        title=f"Demo: {title}",
        alt_text=alt,
        file=ImageFile(io.BytesIO(illustration_png(seed)), name=f"demo-{seed}.png"),
    )
    image.save()
    return image


def ensure_indexes(home: HomePage) -> tuple[ShowcaseIndexPage, GuideIndexPage]:
    showcase = ShowcaseIndexPage.objects.first()
    if showcase is None:
        showcase = ShowcaseIndexPage(
            title="Voorbeelden",
            slug="voorbeelden",
            intro=(
                "Winnaars, genomineerden en andere goede voorbeelden van de award: toepassingen die open "
                "overheidsdata gebruiken voor een maatschappelijke vraag. Filter op jaar, thema of soort organisatie."
            ),
        )
        home.add_child(instance=showcase)
        showcase.save_revision().publish()
    guides = GuideIndexPage.objects.first()
    if guides is None:
        guides = GuideIndexPage(
            title="Handreikingen",
            slug="handreikingen",
            intro="Praktische hulp bij het vinden, gebruiken en beoordelen van open overheidsdata.",
        )
        home.add_child(instance=guides)
        guides.save_revision().publish()
    return showcase, guides


JURY_REPORT = (
    "<p>De jury zag dit jaar veel sterke inzendingen. Opvallend was hoe vaak makers verschillende open "
    "datasets combineerden, bijvoorbeeld buurtcijfers met gegevens over bereikbaarheid. De winnaar liet "
    "overtuigend zien dat de toepassing echt gebruikt wordt en dat gebruikers er iets aan hebben.</p>"
    "<p>De jury roept overheden op om hun data actueel te houden en te beschrijven wat er in zit: "
    "dat maakt hergebruik veel makkelijker.</p>"
)


def publish_past_results(out) -> list[Edition]:
    secretariaat = User.objects.filter(email="secretariaat@demo.soda.example").first()
    published = []
    for edition in Edition.objects.filter(decision_signed_at__isnull=False).order_by("year"):
        if edition.results_published_at is None and secretariaat is not None:
            moment = edition.ceremony_at if edition.ceremony_at <= timezone.now() else None
            publish_results(edition=edition, by=secretariaat, at=moment)
            edition.refresh_from_db()
        if edition.results_published_at is not None:
            published.append(edition)
    if not published:
        out.write("Showcase demo: no edition with a signed decision (judging demo missing?); no results published.")
    return published


def showcase_pages(index, editions) -> int:
    editor = User.objects.filter(email="redactie@demo.soda.example").first()
    if editor is None:
        return 0
    for edition in editions:
        year_page = ensure_year_page(edition=edition, index=index)
        if not year_page.jury_report:
            year_page.jury_report = JURY_REPORT
            year_page.ceremony_text = (
                f"<p>De award werd uitgereikt op {edition.ceremony_at:%d-%m-%Y} tijdens het jaarlijkse "
                "congres over open overheid, door de minister van Binnenlandse Zaken en Koninkrijksrelaties.</p>"
            )
            year_page.save_revision().publish()
    count = 0
    for entry in entries_ready_for_showcase().filter(edition__in=editions):
        page = create_showcase_page_from_entry(entry=entry, by=editor)
        if not page.images.exists():
            ShowcaseImage.objects.create(page=page, image=demo_image(title=page.title, seed=entry.pk), sort_order=0)
        page = ShowcasePage.objects.get(pk=page.pk)
        page.save_revision(user=editor).publish(user=editor)
        count += 1
    return count


def _examples(n):
    return list(public_showcase_pages().order_by("award_rank", "-year")[:n])


GUIDES = [
    {
        "slug": "open-data-vinden-en-beoordelen",
        "title": "Open data vinden en beoordelen",
        "intro": "Hoe vindt u de juiste open overheidsdata, en hoe weet u of u erop kunt bouwen?",
        "topics": ["data vinden", "kwaliteit"],
        "body": lambda: [
            ("heading", {"text": "Begin bij uw vraag", "level": "h2"}),
            (
                "paragraph",
                "<p>Zoek niet eerst naar data, maar schrijf eerst op welke vraag u wilt beantwoorden. Voor wie "
                "is het antwoord? Welk besluit nemen zij ermee? Dan weet u welke gegevens u nodig hebt: over welk "
                "gebied, welke periode en hoe gedetailleerd.</p>",
            ),
            ("heading", {"text": "Zoeken in data.overheid.nl", "level": "h2"}),
            (
                "steps",
                {
                    "title": "Zo zoekt u",
                    "steps": [
                        {
                            "title": "Zoek op onderwerp, niet op de naam van een dataset",
                            "text": "<p>Gebruik woorden uit uw vraag, zoals 'geluid' of 'wijk'.</p>",
                        },
                        {
                            "title": "Filter op thema en organisatie",
                            "text": "<p>De thema's helpen om snel de juiste bron te vinden.</p>",
                        },
                        {
                            "title": "Lees de beschrijving en de metadata",
                            "text": "<p>Kijk naar de datum van de laatste wijziging en de contactpersoon.</p>",
                        },
                        {
                            "title": "Download een klein deel en kijk erin",
                            "text": "<p>Kloppen de kolommen? Zijn er lege velden?</p>",
                        },
                    ],
                },
            ),
            ("heading", {"text": "Beoordeel de kwaliteit", "level": "h2"}),
            (
                "checklist",
                {
                    "title": "Checklist voor een dataset",
                    "items": [
                        "De licentie staat hergebruik toe (bij voorkeur CC-0 of CC-BY).",
                        "De data is recent genoeg voor uw vraag.",
                        "Het is duidelijk hoe vaak de data wordt bijgewerkt.",
                        "Er is een contactpersoon voor vragen.",
                        "Begrippen en eenheden zijn uitgelegd.",
                        "U kunt de data automatisch ophalen (bijvoorbeeld via een API).",
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Let op persoonsgegevens",
                    "text": "<p>Open data bevat geen persoonsgegevens. Combineert u datasets, controleer dan of u "
                    "mensen niet alsnog herkenbaar maakt.</p>",
                },
            ),
            (
                "datasets",
                {
                    "title": "Veelgebruikte datasets",
                    "datasets": [
                        {
                            "title": "Kerncijfers wijken en buurten",
                            "key": "kerncijfers-wijken-en-buurten",
                            "url": "https://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten",
                            "licence": "CC-0",
                            "note": "Cijfers per buurt over inwoners, wonen en voorzieningen.",
                        },
                    ],
                },
            ),
            ("examples", {"title": "Voorbeelden uit de award", "pages": _examples(2)}),
        ],
    },
    {
        "slug": "van-prototype-naar-dienst",
        "title": "Van prototype naar dienst",
        "intro": "Uw toepassing werkt. Hoe zorgt u ervoor dat mensen er jaren op kunnen blijven rekenen?",
        "topics": ["doorontwikkelen", "organisatie"],
        "body": lambda: [
            ("heading", {"text": "Wie is de eigenaar?", "level": "h2"}),
            (
                "paragraph",
                "<p>Een prototype wordt vaak gemaakt door een klein team, in korte tijd. Een dienst heeft een "
                "eigenaar nodig die verantwoordelijk blijft: voor de kosten, de kwaliteit en de contacten met "
                "gebruikers en dataleveranciers.</p>",
            ),
            ("heading", {"text": "Maak afspraken met de bronhouder", "level": "h2"}),
            (
                "steps",
                {
                    "title": "Stappen",
                    "steps": [
                        {
                            "title": "Meld bij de bronhouder dat u de data gebruikt",
                            "text": "<p>Dan hoort u op tijd over wijzigingen.</p>",
                        },
                        {
                            "title": "Vraag naar de planning van updates",
                            "text": "<p>Stem uw eigen updates daarop af.</p>",
                        },
                        {
                            "title": "Bouw controles in",
                            "text": "<p>Laat uw systeem waarschuwen als de data er anders uitziet dan verwacht.</p>",
                        },
                    ],
                },
            ),
            (
                "quote",
                {
                    "quote": "Het prijzengeld gaf ons tijd om de techniek op orde te brengen. Daarna konden we "
                    "met gemeenten afspraken maken over beheer.",
                    "attribution": "Een winnaar van een eerdere editie (demo)",
                },
            ),
            ("heading", {"text": "Financiering en beheer", "level": "h2"}),
            (
                "checklist",
                {
                    "title": "Voor u live gaat",
                    "items": [
                        "Er is budget voor minstens twee jaar beheer.",
                        "De broncode staat openbaar, met een open licentie.",
                        "De toepassing voldoet aan de toegankelijkheidseisen (WCAG 2.1 AA).",
                        "Er is een privacytoets gedaan.",
                        "Gebruikers weten waar ze met vragen terechtkunnen.",
                    ],
                },
            ),
            ("examples", {"title": "Zo deden winnaars het", "pages": _examples(3)[1:]}),
        ],
    },
    {
        "slug": "impact-van-open-data-toepassingen-meten",
        "title": "Impact van open-data-toepassingen meten",
        "intro": "Laat zien wat uw toepassing oplevert: voor gebruikers, voor de overheid en voor de samenleving.",
        "topics": ["impact", "kwaliteit"],
        "body": lambda: [
            ("heading", {"text": "Waarom impact meten?", "level": "h2"}),
            (
                "paragraph",
                "<p>Een jury, een financier en de bronhouder willen weten wat uw toepassing verandert. Bezoekers "
                "tellen is een begin, maar zegt weinig. Beschrijf liever wat mensen anders doen dankzij uw "
                "toepassing.</p>",
            ),
            ("heading", {"text": "Kies een paar goede maatstaven", "level": "h2"}),
            (
                "steps",
                {
                    "title": "Zo pakt u het aan",
                    "steps": [
                        {
                            "title": "Beschrijf het doel in één zin",
                            "text": "<p>Bijvoorbeeld: 'bewoners vinden sneller een huisarts in de buurt'.</p>",
                        },
                        {
                            "title": "Kies twee of drie maatstaven die bij dat doel passen",
                            "text": "<p>Meet gebruik, tevredenheid en het effect.</p>",
                        },
                        {
                            "title": "Meet vóór en na",
                            "text": "<p>Zonder beginpunt kunt u geen verschil laten zien.</p>",
                        },
                        {
                            "title": "Vertel het verhaal erbij",
                            "text": "<p>Een voorbeeld van één gebruiker maakt cijfers begrijpelijk.</p>",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "ok",
                    "title": "Tip",
                    "text": "<p>Vraag gebruikers om toestemming voordat u hun verhaal gebruikt, en bewaar niet meer "
                    "gegevens dan u nodig hebt.</p>",
                },
            ),
            (
                "checklist",
                {
                    "title": "Checklist impact",
                    "items": [
                        "Het doel van de toepassing is in één zin beschreven.",
                        "Er zijn maatstaven voor gebruik, tevredenheid en effect.",
                        "Er is een nulmeting.",
                        "Resultaten worden minstens één keer per jaar gedeeld.",
                    ],
                },
            ),
            ("examples", {"title": "Voorbeelden met aantoonbare impact", "pages": _examples(1)}),
        ],
    },
]


def guides(index: GuideIndexPage) -> int:
    created = 0
    for spec in GUIDES:
        if GuidePage.objects.filter(slug=spec["slug"]).exists():
            continue
        body = [block for block in spec["body"]() if block[0] != "examples" or block[1]["pages"]]
        guide = GuidePage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            last_reviewed=datetime.date(2026, 10, 1),
            body=body,
        )
        index.add_child(instance=guide)
        guide.topics.add(*spec["topics"])
        guide.save_revision().publish()
        created += 1
    return created


def load(*, out) -> None:
    home = HomePage.objects.first()
    if home is None:
        out.write("Showcase demo: no home page (awardsite demo missing); skipped.")
        return
    showcase_index, guide_index = ensure_indexes(home)
    ensure_editorial_workflows(showcase_index=showcase_index, guide_index=guide_index)
    ensure_editor_permissions(showcase_index=showcase_index, guide_index=guide_index)
    editions = publish_past_results(out)
    pages = showcase_pages(showcase_index, editions)
    new_guides = guides(guide_index)
    out.write(
        f"Showcase demo: results of {len(editions)} editions published, {pages} new showcase pages "
        f"({public_showcase_pages().count()} public), {new_guides} new guides."
    )
