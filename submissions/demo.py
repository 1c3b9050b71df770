"""Demo content of the call for entries: four finished editions (2022–2025) with about forty
fictional entries, and the open 2027 edition with drafts, submitted entries, a team invitation and a
nomination. Everything is fictional ("(demo)" in organisation names, is_demo=True). Idempotent.

The judging demo (judging.demo) adds jurors, reviews and decisions to the finished editions.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from awardsite.users import User

from .enums import ApplicationType, EntryState, Maturity, OrganisationType, Theme, TieBreakRule
from .models import (
    CallPage,
    Category,
    Criterion,
    Edition,
    Entry,
    EntryDataset,
    EntryOrganisation,
    Nomination,
    SubmissionReceipt,
    TeamInvitation,
    TeamMembership,
)
from .snapshot import content_hash, entry_snapshot

AMS = ZoneInfo("Europe/Amsterdam")
CC0 = ("http://creativecommons.org/publicdomain/zero/1.0/deed.nl", "CC-0 (1.0)")
CCBY = ("http://creativecommons.org/licenses/by/4.0/deed.nl", "CC-BY (4.0)")

# Real-sounding data.overheid.nl datasets (title, publisher, slug, licence).
DATASETS = {
    "wijken": (
        "Kerncijfers wijken en buurten",
        "Centraal Bureau voor de Statistiek",
        "kerncijfers-wijken-en-buurten",
        CC0,
    ),
    "bag": (
        "Basisregistratie Adressen en Gebouwen (BAG)",
        "Kadaster",
        "basisregistratie-adressen-en-gebouwen-bag",
        CC0,
    ),
    "lucht": (
        "Luchtkwaliteit: actuele meetwaarden",
        "Rijksinstituut voor Volksgezondheid en Milieu",
        "luchtkwaliteit-actuele-meetwaarden",
        CC0,
    ),
    "ahn": ("Actueel Hoogtebestand Nederland (AHN)", "Het Waterschapshuis", "actueel-hoogtebestand-nederland", CC0),
    "bron": (
        "Verkeersongevallen in Nederland (BRON)",
        "Rijkswaterstaat",
        "verkeersongevallen-bestand-geregistreerde-ongevallen-nederland",
        CC0,
    ),
    "energielabel": (
        "Energielabels van woningen",
        "Rijksdienst voor Ondernemend Nederland",
        "energielabels-woningen",
        CC0,
    ),
    "voertuigen": ("Open Data RDW: Gekentekende voertuigen", "RDW", "open-data-rdw-gekentekende-voertuigen", CC0),
    "parkeren": ("Open Data Parkeren: tarieven en gebieden", "RDW", "open-data-parkeren", CC0),
    "scholen": (
        "Adressen en kenmerken van onderwijsinstellingen",
        "Dienst Uitvoering Onderwijs",
        "adressen-onderwijsinstellingen",
        CCBY,
    ),
    "zwemwater": ("Kwaliteit van zwemwater", "Rijkswaterstaat", "zwemwaterkwaliteit", CC0),
    "criminaliteit": (
        "Geregistreerde misdrijven per wijk en buurt",
        "Centraal Bureau voor de Statistiek",
        "geregistreerde-misdrijven-wijk-buurt",
        CC0,
    ),
    "zorg": ("Zorgaanbieders en hun locaties", "CIBG", "zorgaanbieders-locaties", CC0),
    "subsidies": (
        "Subsidieregister gemeente",
        "Gemeente Denkbeeldig (demo)",
        "subsidieregister-gemeente-denkbeeldig-demo",
        CCBY,
    ),
    "bomen": ("Bomenregister", "Gemeente Denkbeeldig (demo)", "bomenregister-gemeente-denkbeeldig-demo", CC0),
    "ov": ("Dienstregeling openbaar vervoer (GTFS)", "NDOV Loket", "dienstregeling-openbaar-vervoer-gtfs", CC0),
    "kvk": (
        "Vestigingen per sector en gemeente",
        "Centraal Bureau voor de Statistiek",
        "vestigingen-per-sector-gemeente",
        CC0,
    ),
    "woz": (
        "Gemiddelde WOZ-waarde van woningen",
        "Centraal Bureau voor de Statistiek",
        "gemiddelde-woz-waarde-woningen",
        CC0,
    ),
    "neerslag": (
        "Neerslag en temperatuur per dag",
        "Koninklijk Nederlands Meteorologisch Instituut",
        "daggegevens-weer",
        CC0,
    ),
}

# (title, summary, societal question, type, themes, [(organisation, type)], [dataset keys])
IDEAS = [
    (
        "Speelplekwijzer",
        "Een kaart van alle speeltuinen met hun staat van onderhoud.",
        "Waar kunnen kinderen veilig buiten spelen?",
        ApplicationType.APP,
        [Theme.RUIMTE],
        [("Buurtdata Collectief (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["wijken", "bag"],
    ),
    (
        "Schone Lucht Alarm",
        "Een melding op je telefoon als de luchtkwaliteit in je straat slecht wordt.",
        "Hoe beschermen mensen met longklachten zich tegen vieze lucht?",
        ApplicationType.APP,
        [Theme.ZORG, Theme.NATUUR],
        [("Ademruimte (demo)", OrganisationType.MARKET)],
        ["lucht"],
    ),
    (
        "Hittekaart Voor Iedereen",
        "Laat zien welke straten het heetst worden in de zomer.",
        "Welke buurten hebben meer groen en schaduw nodig?",
        ApplicationType.DASHBOARD,
        [Theme.NATUUR],
        [
            ("Gemeente Denkbeeldig (demo)", OrganisationType.GOVERNMENT),
            ("Klimaatlab Oost (demo)", OrganisationType.RESEARCH),
        ],
        ["ahn", "bomen", "neerslag"],
    ),
    (
        "Veilig naar School",
        "Routes naar school langs de veiligste oversteekplaatsen.",
        "Hoe komen kinderen veilig op de fiets naar school?",
        ApplicationType.WEBSITE,
        [Theme.VERKEER, Theme.ONDERWIJS],
        [("Fietsouders (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["bron", "scholen"],
    ),
    (
        "Labelcheck",
        "Vergelijkt het energielabel van je huis met de buurt en geeft tips.",
        "Hoe helpen we huishoudens energie te besparen?",
        ApplicationType.WEBSITE,
        [Theme.HUISVESTING],
        [("Warmtewinst (demo)", OrganisationType.MARKET)],
        ["energielabel", "bag"],
    ),
    (
        "Geldstromen in Beeld",
        "Een open dashboard van alle subsidies die de gemeente verstrekt.",
        "Waar gaat het geld van de gemeente naartoe?",
        ApplicationType.JOURNALISM,
        [Theme.FINANCIEN, Theme.BESTUUR],
        [("Krant van Overal (demo)", OrganisationType.MEDIA)],
        ["subsidies"],
    ),
    (
        "Zwemwater Vandaag",
        "Toont of je vandaag veilig kunt zwemmen in open water.",
        "Waar kun je in de zomer veilig buiten zwemmen?",
        ApplicationType.APP,
        [Theme.NATUUR, Theme.CULTUUR],
        [("Buitenwater (demo)", OrganisationType.MARKET)],
        ["zwemwater"],
    ),
    (
        "Buurtveiligheid Monitor",
        "Vergelijkt trends in misdrijven per buurt over tien jaar.",
        "Wordt mijn buurt veiliger of niet?",
        ApplicationType.DASHBOARD,
        [Theme.VEILIGHEID],
        [("Stichting Open Wijk (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["criminaliteit", "wijken"],
    ),
    (
        "Zorgzoeker",
        "Vind zorgaanbieders in de buurt met hun wachttijden.",
        "Hoe vinden mensen snel passende zorg dichtbij?",
        ApplicationType.WEBSITE,
        [Theme.ZORG],
        [("Zorgkompas Coop (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["zorg"],
    ),
    (
        "Laadpaal Planner",
        "Berekent waar nieuwe laadpalen het meest nodig zijn.",
        "Hoe plannen gemeenten eerlijk laadpalen voor elektrische auto's?",
        ApplicationType.API,
        [Theme.VERKEER, Theme.RUIMTE],
        [
            ("Gemeente Voorbeeldstad (demo)", OrganisationType.GOVERNMENT),
            ("Stroomlijn Analytics (demo)", OrganisationType.MARKET),
        ],
        ["voertuigen", "bag", "parkeren"],
    ),
    (
        "Parkeerwijzer",
        "Vergelijkt parkeertarieven en vrije plekken in de binnenstad.",
        "Hoe verminderen we zoekverkeer in drukke centra?",
        ApplicationType.APP,
        [Theme.VERKEER],
        [("Slim Parkeren (demo)", OrganisationType.MARKET)],
        ["parkeren"],
    ),
    (
        "Bomen Tellen",
        "Burgers helpen het bomenregister actueel te houden.",
        "Hoe houden gemeente en bewoners samen het groen bij?",
        ApplicationType.APP,
        [Theme.NATUUR],
        [("Groen Dichtbij (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["bomen"],
    ),
    (
        "OV-Bereik Kaart",
        "Laat zien hoe ver je in 30 minuten komt met het openbaar vervoer.",
        "Welke dorpen raken afgesloten als buslijnen verdwijnen?",
        ApplicationType.DASHBOARD,
        [Theme.VERKEER, Theme.RUIMTE],
        [("Universiteit van Nergensland (demo)", OrganisationType.RESEARCH)],
        ["ov", "wijken"],
    ),
    (
        "Winkelstraat Pols",
        "Volgt leegstand en nieuwe vestigingen in winkelstraten.",
        "Hoe houden we dorpskernen levendig?",
        ApplicationType.RESEARCH,
        [Theme.ECONOMIE],
        [("Centrummanagement Noord (demo)", OrganisationType.MARKET)],
        ["kvk", "bag"],
    ),
    (
        "Woonlasten Wijzer",
        "Schat de woonlasten per buurt: WOZ, energie en vervoer samen.",
        "Waar kunnen starters betaalbaar wonen?",
        ApplicationType.WEBSITE,
        [Theme.HUISVESTING, Theme.FINANCIEN],
        [("Starterslab (demo)", OrganisationType.MARKET)],
        ["woz", "energielabel", "ov"],
    ),
    (
        "Regenradar Riolering",
        "Voorspelt wateroverlast per straat bij zware buien.",
        "Welke straten lopen onder bij hoosbuien?",
        ApplicationType.DASHBOARD,
        [Theme.NATUUR, Theme.RUIMTE],
        [("Waterschap Denkbeeldig (demo)", OrganisationType.GOVERNMENT)],
        ["ahn", "neerslag"],
    ),
    (
        "Ongevallen Hotspots",
        "Kaart van plekken met veel fietsongevallen, voor wegbeheerders.",
        "Waar moet de weg als eerste veiliger?",
        ApplicationType.DASHBOARD,
        [Theme.VERKEER],
        [
            ("Verkeersveilig Nu (demo)", OrganisationType.CIVIL_SOCIETY),
            ("Provincie Fictief (demo)", OrganisationType.GOVERNMENT),
        ],
        ["bron"],
    ),
    (
        "Schoolkeuze Helder",
        "Vergelijk scholen op afstand, grootte en profiel.",
        "Hoe kiezen ouders zonder eindeloos zoeken een school?",
        ApplicationType.WEBSITE,
        [Theme.ONDERWIJS],
        [("Ouderpanel (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["scholen", "wijken"],
    ),
    (
        "Datajournalistiek Huurmarkt",
        "Een reeks artikelen over huurprijzen en woningbouw.",
        "Waarom worden huizen zo duur?",
        ApplicationType.JOURNALISM,
        [Theme.HUISVESTING],
        [("Dagblad Nergens (demo)", OrganisationType.MEDIA)],
        ["woz", "bag"],
    ),
    (
        "Stille Straten",
        "Vindt rustige, groene wandelroutes voor ouderen.",
        "Hoe blijven ouderen veilig in beweging?",
        ApplicationType.APP,
        [Theme.ZORG, Theme.RUIMTE],
        [("Wandelwijs (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["bomen", "bron"],
    ),
    (
        "Buurtbudget",
        "Laat bewoners meebeslissen over het buurtbudget met open cijfers.",
        "Hoe krijgen bewoners meer zeggenschap over hun buurt?",
        ApplicationType.WEBSITE,
        [Theme.BESTUUR],
        [("Gemeente Denkbeeldig (demo)", OrganisationType.GOVERNMENT)],
        ["subsidies", "wijken"],
    ),
    (
        "Fijnstof Fietsroute",
        "Kiest een fietsroute met de schoonste lucht.",
        "Hoe fietsen mensen gezonder door de stad?",
        ApplicationType.APP,
        [Theme.VERKEER, Theme.ZORG],
        [("Frisse Fietser (demo)", OrganisationType.MARKET)],
        ["lucht", "ov"],
    ),
    (
        "Energiecoöperatie Kansenkaart",
        "Toont daken en buurten die geschikt zijn voor zonnepanelen.",
        "Waar kunnen bewoners samen energie opwekken?",
        ApplicationType.DASHBOARD,
        [Theme.NATUUR, Theme.HUISVESTING],
        [("Zon op Zuid (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["bag", "ahn", "energielabel"],
    ),
    (
        "Vergunningen Volger",
        "Stuurt een bericht als er een vergunning in je straat wordt aangevraagd.",
        "Hoe weten bewoners op tijd wat er in hun straat verandert?",
        ApplicationType.APP,
        [Theme.BESTUUR, Theme.RUIMTE],
        [("Open Straat (demo)", OrganisationType.MARKET)],
        ["bag"],
    ),
    (
        "Jeugdzorg Wachttijden",
        "Maakt wachttijden in de jeugdzorg per regio zichtbaar.",
        "Waar wachten kinderen het langst op hulp?",
        ApplicationType.RESEARCH,
        [Theme.ZORG],
        [("Onderzoeksbureau Kompas (demo)", OrganisationType.RESEARCH)],
        ["zorg", "wijken"],
    ),
    (
        "Marktplaats Leegstand",
        "Koppelt lege winkelpanden aan starters.",
        "Hoe vullen we lege winkels met nieuwe ondernemers?",
        ApplicationType.WEBSITE,
        [Theme.ECONOMIE],
        [("Pandpunt (demo)", OrganisationType.MARKET)],
        ["kvk", "bag"],
    ),
    (
        "Toegankelijk OV",
        "Toont welke haltes toegankelijk zijn voor rolstoelen.",
        "Hoe reizen mensen met een beperking zelfstandig?",
        ApplicationType.APP,
        [Theme.VERKEER, Theme.SOCIALE_ZEKERHEID],
        [("Iedereen Mee (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["ov"],
    ),
    (
        "Waterkwaliteit Scholenproject",
        "Leerlingen meten water en vergelijken met open data.",
        "Hoe maken we kinderen nieuwsgierig naar hun leefomgeving?",
        ApplicationType.OTHER,
        [Theme.ONDERWIJS, Theme.NATUUR],
        [("Scholengroep Fictief (demo)", OrganisationType.RESEARCH)],
        ["zwemwater"],
    ),
    (
        "Begroting Begrijpelijk",
        "Legt de gemeentebegroting uit in gewone taal en plaatjes.",
        "Hoe begrijpen inwoners waar hun belastinggeld heen gaat?",
        ApplicationType.WEBSITE,
        [Theme.FINANCIEN, Theme.BESTUUR],
        [("Helder Bestuur (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["subsidies"],
    ),
    (
        "Autodelen Potentieel",
        "Berekent per buurt hoeveel auto's deelauto's kunnen worden.",
        "Hoe maken we straten autoluwer?",
        ApplicationType.RESEARCH,
        [Theme.VERKEER],
        [
            ("Deelmobiel (demo)", OrganisationType.MARKET),
            ("Universiteit van Nergensland (demo)", OrganisationType.RESEARCH),
        ],
        ["voertuigen", "wijken"],
    ),
    (
        "Ommetje Dichtbij",
        "Wandelrondjes van 20 minuten vanaf elk adres.",
        "Hoe bewegen mensen meer in hun eigen buurt?",
        ApplicationType.APP,
        [Theme.ZORG],
        [("Beweegbuurt (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["bag", "bomen"],
    ),
    (
        "Oogstkalender Regio",
        "Koppelt lokale boeren aan scholen en buurthuizen.",
        "Hoe eten kinderen vaker lokaal en gezond?",
        ApplicationType.WEBSITE,
        [Theme.LANDBOUW],
        [("Boer en Buurt (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["kvk"],
    ),
    (
        "Hittestress Zorgcentra",
        "Waarschuwt verpleeghuizen bij hittegolven.",
        "Hoe beschermen we kwetsbare ouderen tegen hitte?",
        ApplicationType.API,
        [Theme.ZORG, Theme.NATUUR],
        [("Koel Zorg (demo)", OrganisationType.MARKET)],
        ["neerslag", "zorg"],
    ),
    (
        "Straatlicht Slim",
        "Laat zien waar straatverlichting beter of zuiniger kan.",
        "Hoe maken we straten veilig en zuinig verlicht?",
        ApplicationType.DASHBOARD,
        [Theme.VEILIGHEID, Theme.RUIMTE],
        [("Lichtpunt (demo)", OrganisationType.MARKET)],
        ["criminaliteit", "bag"],
    ),
    (
        "Migratie in Cijfers",
        "Verhalen en grafieken over nieuwkomers per gemeente.",
        "Hoe voeren we een feitelijk gesprek over migratie?",
        ApplicationType.JOURNALISM,
        [Theme.MIGRATIE],
        [("Omroep Overal (demo)", OrganisationType.MEDIA)],
        ["wijken"],
    ),
    (
        "Werk in de Buurt",
        "Vacatures dicht bij huis, gekoppeld aan OV-reistijd.",
        "Hoe vinden werkzoekenden werk dat ze kunnen bereiken?",
        ApplicationType.WEBSITE,
        [Theme.WERK],
        [("Baanbrekers (demo)", OrganisationType.MARKET)],
        ["ov", "kvk"],
    ),
    (
        "Dijkenkijker",
        "Een 3D-kaart van dijken en hoogtes voor iedereen.",
        "Hoe goed is mijn buurt beschermd tegen hoogwater?",
        ApplicationType.WEBSITE,
        [Theme.NATUUR, Theme.RUIMTE],
        [("Hoogwater Hub (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["ahn"],
    ),
    (
        "Armoedeatlas",
        "Brengt armoede en regelingen per wijk in kaart.",
        "Bereiken de regelingen de mensen die ze nodig hebben?",
        ApplicationType.RESEARCH,
        [Theme.SOCIALE_ZEKERHEID],
        [("Sociaal Planbureau Fictief (demo)", OrganisationType.RESEARCH)],
        ["wijken", "subsidies"],
    ),
    (
        "Schoolzones Check",
        "Controleert of schoolzones goed zijn ingericht.",
        "Zijn de wegen rond scholen veilig genoeg?",
        ApplicationType.DASHBOARD,
        [Theme.VERKEER, Theme.ONDERWIJS],
        [("Provincie Fictief (demo)", OrganisationType.GOVERNMENT)],
        ["scholen", "bron"],
    ),
    (
        "Rijbewijs en Ouderen",
        "Onderzoek naar mobiliteit van ouderen op het platteland.",
        "Hoe blijven ouderen zonder auto mobiel?",
        ApplicationType.RESEARCH,
        [Theme.VERKEER],
        [("Universiteit van Nergensland (demo)", OrganisationType.RESEARCH)],
        ["voertuigen", "ov"],
    ),
    (
        "Groene Schoolpleinen",
        "Vergelijkt schoolpleinen op groen, schaduw en speelruimte.",
        "Hoe maken we schoolpleinen gezonder?",
        ApplicationType.DASHBOARD,
        [Theme.ONDERWIJS, Theme.NATUUR],
        [("Schoolplein Natuurlijk (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["scholen", "bomen"],
    ),
    (
        "Energiearmoede Signaal",
        "Helpt gemeenten huishoudens met hoge energielasten te vinden.",
        "Wie heeft hulp nodig bij de energierekening?",
        ApplicationType.API,
        [Theme.HUISVESTING, Theme.SOCIALE_ZEKERHEID],
        [
            ("Gemeente Voorbeeldstad (demo)", OrganisationType.GOVERNMENT),
            ("Datalab Noord (demo)", OrganisationType.MARKET),
        ],
        ["energielabel", "woz", "wijken"],
    ),
    (
        "Open Raad",
        "Doorzoek alle raadsbesluiten en stemmingen van je gemeente.",
        "Hoe volgen inwoners wat de gemeenteraad besluit?",
        ApplicationType.WEBSITE,
        [Theme.BESTUUR],
        [("Open Raad Stichting (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["subsidies"],
    ),
    (
        "Deelfiets Dekking",
        "Laat zien waar deelfietsen ontbreken naast OV-haltes.",
        "Hoe wordt de laatste kilometer makkelijker?",
        ApplicationType.DASHBOARD,
        [Theme.VERKEER],
        [("Laatste Kilometer (demo)", OrganisationType.MARKET)],
        ["ov", "bag"],
    ),
    (
        "Waterbewust Wonen",
        "Tips om water te besparen, op basis van buurtgegevens.",
        "Hoe gaan huishoudens zuiniger met drinkwater om?",
        ApplicationType.APP,
        [Theme.NATUUR],
        [("Druppel (demo)", OrganisationType.MARKET)],
        ["neerslag", "wijken"],
    ),
    (
        "Geluidskaart Buurt",
        "Laat zien waar verkeerslawaai het hardst is.",
        "Waar is geluidsoverlast het grootst?",
        ApplicationType.DASHBOARD,
        [Theme.NATUUR, Theme.ZORG],
        [("Stilte Nu (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["bron", "bag"],
    ),
    (
        "Vrijwilligers Vinder",
        "Koppelt vrijwilligers aan verenigingen in de buurt.",
        "Hoe vinden verenigingen genoeg vrijwilligers?",
        ApplicationType.WEBSITE,
        [Theme.CULTUUR],
        [("Samen Doen (demo)", OrganisationType.CIVIL_SOCIETY)],
        ["kvk", "wijken"],
    ),
]

# The state mix of a finished edition (10 entries).
FINISHED_STATES = [
    EntryState.WINNER,
    EntryState.HONOURABLE_MENTION,
    EntryState.NOT_SELECTED,
    EntryState.NOT_SELECTED,
    EntryState.LONGLIST,
    EntryState.LONGLIST,
    EntryState.ELIGIBLE,
    EntryState.ELIGIBLE,
    EntryState.INELIGIBLE,
    EntryState.SUBMITTED,
]

CATEGORIES = [
    ("Overheid", "Toepassingen van of met een overheidsorganisatie."),
    ("Markt en maatschappij", "Bedrijven, maatschappelijke organisaties en burgers."),
    ("Onderzoek en media", "Onderzoek, onderwijs en datajournalistiek."),
]
CATEGORY_BY_ORG = {
    OrganisationType.GOVERNMENT: 0,
    OrganisationType.MARKET: 1,
    OrganisationType.CIVIL_SOCIETY: 1,
    OrganisationType.INDIVIDUAL: 1,
    OrganisationType.RESEARCH: 2,
    OrganisationType.MEDIA: 2,
}

RUBRICS = {
    2022: [
        ("Innovatie", "3.00"),
        ("Maatschappelijke impact", "3.00"),
        ("Gebruik van open data", "2.00"),
        ("Uitvoerbaarheid", "2.00"),
    ],
    2023: [
        ("Innovatie", "2.00"),
        ("Maatschappelijke impact", "3.00"),
        ("Gebruik van open data", "2.00"),
        ("Gebruiksvriendelijkheid", "1.00"),
        ("Schaalbaarheid", "2.00"),
    ],
    2024: [
        ("Maatschappelijke impact", "3.00"),
        ("Innovatie", "2.00"),
        ("Gebruik van open data", "2.00"),
        ("Toegankelijkheid", "1.50"),
        ("Openheid (code en methode)", "1.50"),
    ],
    2025: [
        ("Maatschappelijke impact", "3.00"),
        ("Innovatie", "2.00"),
        ("Gebruik van open data", "2.00"),
        ("Toegankelijkheid", "1.00"),
        ("Openheid (code en methode)", "1.00"),
        ("Duurzaamheid van de oplossing", "1.00"),
    ],
    2027: [
        ("Maatschappelijke impact", "3.00"),
        ("Innovatie", "2.00"),
        ("Gebruik van open data", "2.00"),
        ("Toegankelijkheid", "1.00"),
        ("Openheid (code en methode)", "1.00"),
    ],
}

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Chaima",
    "Daan",
    "Emre",
    "Fleur",
    "Gijs",
    "Hanna",
    "Ivo",
    "Jasmijn",
    "Koen",
    "Lotte",
    "Mehmet",
    "Noor",
]
LAST_NAMES = ["de Vries", "Jansen", "El Amrani", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot"]


def _at(year, month, day, hour=12, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


def _demo_entrant(n: int) -> User:
    email = f"deelnemer{n:02d}@demo.soda.example"
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
            "last_name": LAST_NAMES[n % len(LAST_NAMES)],
            "organisation": "",
            "is_demo": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _edition(year: int, *, opens, closes, jury, ceremony, judging_started=None) -> Edition:
    edition, _created = Edition.objects.update_or_create(
        year=year,
        defaults={
            "title": f"SODA {year}",
            "opens_at": opens,
            "closes_at": closes,
            "grace_minutes": 5,
            "jury_deadline": jury,
            "ceremony_at": ceremony,
            "ceremony_place": "Den Haag",
            "prize_pot": Decimal("20000.00"),
            "nominations_allowed": True,
            "minimum_maturity": Maturity.PROTOTYPE,
            "tie_break_rule": TieBreakRule.MEDIAN,
            "is_demo": True,
        },
    )
    if judging_started and not edition.judging_started_at:
        # The jury started once the call closed (set here as the judging service would).
        Edition.objects.filter(pk=edition.pk).update(judging_started_at=judging_started)
        edition.refresh_from_db()
    for i, (name, description) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            edition=edition, name=name, defaults={"description": description, "sort_order": i}
        )
    for i, (name, weight) in enumerate(RUBRICS[year]):
        Criterion.objects.update_or_create(
            edition=edition,
            name=name,
            defaults={"weight": Decimal(weight), "scale_min": 1, "scale_max": 10, "sort_order": i},
        )
    return edition


def _entry(*, edition, owner, idea, state, submitted_at=None, consent_publish=True, complete=True) -> Entry:
    title, summary, question, app_type, themes, orgs, dataset_keys = idea
    category = Category.objects.get(edition=edition, name=CATEGORIES[CATEGORY_BY_ORG[orgs[0][1]]][0])
    fields = {
        "owner": owner,
        "category": category,
        "summary": summary,
        "societal_question": question,
        "description": (
            f"<p>{title} is een fictief voorbeeld voor de demo van dit platform. {summary}</p>"
            "<p>De toepassing combineert open data van de overheid en maakt die begrijpelijk voor iedereen.</p>"
        )
        if complete
        else "",
        "application_type": app_type,
        "maturity": Maturity.LIVE if complete else Maturity.PROTOTYPE,
        "application_url": f"https://{_slug(title)}.demo.soda.example",
        "source_code_url": f"https://code.demo.soda.example/{_slug(title)}" if complete else "",
        "source_code_licence": "EUPL-1.2" if complete else "",
        "themes": [str(t) for t in themes],
        "impact_evidence": "In het eerste jaar gebruikten ruim 2.000 mensen de toepassing (fictief)."
        if complete
        else "",
        "prize_plan": "Met het prijzengeld maken we de toepassing geschikt voor meer gemeenten." if complete else "",
        "lessons_learned": "Begin klein, betrek gebruikers vroeg en publiceer de broncode." if complete else "",
        "consent_terms": complete,
        "consent_publish": consent_publish and complete,
        "consent_case_study": consent_publish and complete,
        "consent_contact": complete,
        "state": state,
        "submitted_at": submitted_at,
        "is_demo": True,
    }
    if state == EntryState.INELIGIBLE:
        fields["eligibility_reason"] = "De toepassing gebruikt geen open data van de Nederlandse overheid."
    entry, _created = Entry.objects.update_or_create(edition=edition, title=title, defaults=fields)
    entry.organisations.all().delete()
    shares = [Decimal("60.00"), Decimal("40.00")] if len(orgs) == 2 else [None] * len(orgs)
    for i, (name, org_type) in enumerate(orgs):
        EntryOrganisation.objects.create(
            entry=entry,
            name=name,
            org_type=org_type,
            website=f"https://{_slug(name)}.demo.soda.example",
            share_percent=shares[i],
            sort_order=i,
        )
    entry.datasets.all().delete()
    keys = dataset_keys if state != EntryState.INELIGIBLE else []
    for i, key in enumerate(keys if complete else keys[:1]):
        ds_title, publisher, slug, (licence_id, licence_title) = DATASETS[key]
        EntryDataset.objects.create(
            entry=entry,
            title=ds_title,
            publisher=publisher,
            url=f"https://data.overheid.nl/dataset/{slug}",
            ckan_name=slug,
            licence_id=licence_id,
            licence_title=licence_title,
            is_open_licence=True,
            is_dutch_government=True,
            how_used=f"We gebruiken {ds_title.lower()} om de kaart en de cijfers te vullen.",
            sort_order=i,
        )
    if state == EntryState.INELIGIBLE:
        EntryDataset.objects.create(
            entry=entry,
            title="Eigen enquête onder gebruikers",
            publisher=orgs[0][0],
            source="manual",
            licence_title="Alle rechten voorbehouden",
        )
    if submitted_at and not entry.receipts.exists():
        snapshot = entry_snapshot(entry)
        digest = content_hash(snapshot)
        receipt = SubmissionReceipt.objects.create(
            entry=entry,
            number=f"SODA-{edition.year}-{entry.pk:05d}-1",
            content_hash=digest,
            version=entry.version,
            snapshot=snapshot,
            submitted_by=owner,
        )
        Entry.objects.filter(pk=entry.pk).update(receipt_number=receipt.number, content_hash=digest)
    return entry


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text.replace("(demo)", "")).strip("-")[:40]


def load(*, out) -> None:
    entrants = [_demo_entrant(n) for n in range(1, 25)]
    idea_index = 0
    total = 0
    for year in (2022, 2023, 2024, 2025):
        closes = _at(year, 2, 15, 17, 0)
        edition = _edition(
            year,
            opens=_at(year - 1, 11, 1, 9, 0),
            closes=closes,
            jury=_at(year, 4, 15, 17, 0),
            ceremony=_at(year, 5, 28, 15, 0),
            judging_started=closes + timedelta(days=1),
        )
        for i, state in enumerate(FINISHED_STATES):
            idea = IDEAS[idea_index % len(IDEAS)]
            idea_index += 1
            _entry(
                edition=edition,
                owner=entrants[(idea_index * 7) % len(entrants)],
                idea=idea,
                state=state,
                submitted_at=closes - timedelta(days=3 + i, hours=i),
                consent_publish=i % 5 != 3,
            )
            total += 1
    # The open edition: opened 1 November 2026, closes 15 February 2027 at 17:00.
    edition = _edition(
        2027,
        opens=_at(2026, 11, 1, 9, 0),
        closes=_at(2027, 2, 15, 17, 0),
        jury=_at(2027, 4, 15, 17, 0),
        ceremony=_at(2027, 5, 27, 15, 0),
    )
    inzender = User.objects.filter(email="inzender@demo.soda.example").first()
    now = timezone.now()
    open_ideas = IDEAS[40:46]
    for i, idea in enumerate(open_ideas):
        submitted = i < 3
        owner = entrants[i]
        _entry(
            edition=edition,
            owner=owner,
            idea=idea,
            state=EntryState.SUBMITTED if submitted else EntryState.DRAFT,
            submitted_at=min(now, _at(2026, 11, 20 + i)) if submitted else None,
            complete=submitted or i == 3,
        )
        total += 1
    if inzender is not None:
        draft = _entry(
            edition=edition,
            owner=inzender,
            idea=(
                "Buurtwarmte Kompas",
                "Laat per buurt zien welke warmteoplossing past: warmtenet, warmtepomp of isoleren.",
                "Hoe kiezen bewoners en gemeente samen de beste manier om van het gas af te gaan?",
                ApplicationType.DASHBOARD,
                [Theme.HUISVESTING, Theme.NATUUR],
                [
                    ("Datalab Noord (demo)", OrganisationType.MARKET),
                    ("Gemeente Denkbeeldig (demo)", OrganisationType.GOVERNMENT),
                ],
                ["energielabel", "bag", "wijken"],
            ),
            state=EntryState.DRAFT,
            complete=False,
        )
        # A co-entrant already in the team and an invitation that is still open.
        TeamMembership.objects.get_or_create(entry=draft, user=entrants[10])
        token_hash = hashlib.sha256(b"demo-uitnodiging-buurtwarmte").hexdigest()
        TeamInvitation.objects.update_or_create(
            token_hash=token_hash,
            defaults={
                "entry": draft,
                "email": "collega@demo.soda.example",
                "invited_by": inzender,
                "expires_at": max(now + timedelta(days=14), edition.opens_at + timedelta(days=30)),
            },
        )
        total += 1
    nominator = User.objects.filter(email="nominator@demo.soda.example").first()
    if nominator is not None:
        Nomination.objects.update_or_create(
            token_hash=hashlib.sha256(b"demo-nominatie-stadsmoestuin").hexdigest(),
            defaults={
                "edition": edition,
                "nominated_by": nominator,
                "nominee_email": "moestuin@demo.soda.example",
                "nominee_name": "Mila Moestuin",
                "organisation_name": "Stadsmoestuin Collectief (demo)",
                "title": "Moestuinkaart",
                "motivation": "Zij brengen alle buurtmoestuinen in kaart met open grond- en bodemdata.",
                "expires_at": max(now + timedelta(days=21), edition.opens_at + timedelta(days=30)),
            },
        )
    _call_page(edition)
    out.write(f"Submissions demo: 5 editions, {total} entries (demo).")


def _call_page(edition: Edition) -> None:
    from awardsite.pages import HomePage

    home = HomePage.objects.first()
    if home is None or CallPage.objects.filter(edition=edition).exists():
        return
    slug = "meedoen" if not home.get_children().filter(slug="meedoen").exists() else f"meedoen-{edition.year}"
    page = CallPage(
        title=f"Doe mee aan de Stuiveling Open Data Award {edition.year}",
        slug=slug,
        edition=edition,
        intro=(
            "Gebruikt u open data van de overheid om een maatschappelijke vraag op te lossen? "
            "Stuur uw toepassing in. De winnaars delen 20.000 euro."
        ),
        body=[
            (
                "paragraph",
                "<p>De award is voor iedereen: overheden, bedrijven, maatschappelijke organisaties, onderzoekers, journalisten en burgers.</p>",
            ),
            (
                "paragraph",
                "<p>U vult uw inzending in stappen in. Alles wordt tussendoor bewaard. Tot de deadline kunt u uw inzending nog aanpassen.</p>",
            ),
        ],
        rules=[
            (
                "paragraph",
                "<ul><li>U gebruikt minstens één open dataset van de Nederlandse overheid.</li><li>De toepassing is minstens een werkend prototype.</li><li>U stuurt in vóór de deadline.</li></ul>",
            ),
        ],
        faq=[
            (
                "faq",
                {
                    "title": "",
                    "items": [
                        {
                            "question": "Mag ik met meerdere organisaties meedoen?",
                            "answer": "<p>Ja. Voeg alle organisaties toe en geef eventueel aan hoe u de prijs verdeelt.</p>",
                        },
                        {
                            "question": "Kan ik iemand anders voordragen?",
                            "answer": "<p>Ja. Die persoon krijgt een e-mail en doet mee als hij of zij dat wil.</p>",
                        },
                    ],
                },
            )
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
