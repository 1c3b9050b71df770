"""Text of the accessibility and privacy statements (Dutch, B1) that the demo loader puts on the
site. Editors change the live pages in the admin; this is the starting text of a new site."""

from django.conf import settings

CONTACT_PRIVACY = "privacy@soda.example.nl"
CONTACT_ACCESSIBILITY = "toegankelijkheid@soda.example.nl"


def _h(text: str) -> tuple:
    return ("heading", {"text": text, "level": "h2"})


def _p(html: str) -> tuple:
    return ("paragraph", html)


def privacy_body() -> list[tuple]:
    months = settings.PURGE_AFTER_MONTHS
    return [
        _h("Wie is verantwoordelijk?"),
        _p(
            "<p>De Stuiveling Open Data Award (SODA) is een prijs van het ministerie van Binnenlandse Zaken en "
            "Koninkrijksrelaties (BZK). Het ministerie is verantwoordelijk voor uw persoonsgegevens. Het Leer- en "
            "Expertisepunt Open Overheid (LEOO) voert de prijs uit namens het ministerie.</p>"
        ),
        _h("Welke persoonsgegevens gebruiken wij?"),
        _p(
            "<ul>"
            "<li>Uw account: e-mailadres, naam, organisatie en wachtwoord (alleen versleuteld opgeslagen). Hebt u "
            "tweestapsverificatie aan, dan ook de sleutel van uw app en uw herstelcodes (versleuteld).</li>"
            "<li>Uw inzending: de tekst, bestanden en afbeeldingen die u instuurt, de organisaties en de namen en "
            "e-mailadressen van uw teamleden.</li>"
            "<li>Voor juryleden: naam, organisatie, verklaringen over belangenconflicten, scores en toelichtingen.</li>"
            "<li>Voor de beveiliging: mislukte inlogpogingen en een logboek van belangrijke handelingen (wie deed "
            "wat en wanneer).</li>"
            "</ul>"
        ),
        _h("Waarom gebruiken wij die gegevens?"),
        _p(
            "<p>Wij gebruiken uw gegevens om de prijs te organiseren: inzendingen ontvangen, de jury laten "
            "beoordelen, contact met u houden, de winnaars bekendmaken en het prijzengeld uitbetalen. Verder "
            "gebruiken wij ze om de website veilig te houden.</p>"
            "<p>Alleen als u daar apart toestemming voor geeft, maken wij van uw inzending een openbaar voorbeeld "
            "of een case study, of nemen wij later contact met u op voor onderzoek.</p>"
        ),
        _h("Op welke grondslag?"),
        _p(
            "<ul>"
            "<li>Het organiseren van de prijs is een taak van algemeen belang van het ministerie (artikel 6, lid 1, "
            "onder e van de AVG).</li>"
            "<li>Publicatie als voorbeeld, een case study en contact voor onderzoek doen wij alleen met uw "
            "toestemming (artikel 6, lid 1, onder a van de AVG). U kunt die toestemming altijd intrekken.</li>"
            "<li>Gegevens over de betaling van het prijzengeld bewaren wij omdat de wet dat verplicht (artikel 6, "
            "lid 1, onder c van de AVG).</li>"
            "</ul>"
        ),
        _h("Hoe lang bewaren wij uw gegevens?"),
        _p(
            f"<ul>"
            f"<li>Persoonsgegevens bij inzendingen die niet gewonnen hebben, wissen wij {months} maanden na de "
            f"uitreiking van de prijs. De inzending blijft daarna alleen bestaan zonder namen en e-mailadressen.</li>"
            f"<li>Van winnaars en eervolle vermeldingen blijven de naam van de inzending, de organisaties en het "
            f"juryrapport openbaar. Dat hoort bij de geschiedenis van de prijs.</li>"
            f"<li>Gegevens over de betaling van het prijzengeld bewaren wij 7 jaar, omdat de wet dat vraagt.</li>"
            f"<li>Uw account bewaren wij tot u het zelf verwijdert.</li>"
            f"</ul>"
        ),
        _h("Wie kan uw gegevens zien?"),
        _p(
            "<p>Het secretariaat van de prijs en de juryleden die uw inzending beoordelen. Juryleden zien geen "
            "inzendingen waarbij zij een belangenconflict hebben. De website draait bij een hostingbedrijf in de "
            "Europese Unie, met een verwerkersovereenkomst. Wij verkopen uw gegevens nooit.</p>"
            "<p>Deze website gebruikt alleen cookies die nodig zijn om in te loggen, formulieren veilig te versturen "
            "en uw taalkeuze te onthouden. Wij volgen u niet en gebruiken geen cookies van anderen.</p>"
        ),
        _h("Uw rechten"),
        _p(
            "<p>U mag uw gegevens inzien, laten verbeteren of laten wissen. U mag ook vragen om minder gebruik van "
            "uw gegevens, of bezwaar maken. En u kunt uw gegevens opvragen in een bestand. Veel hiervan kunt u "
            "zelf doen op de pagina Mijn account.</p>"
        ),
        _h("Contact en klachten"),
        _p(
            f'<p>Vragen over privacy? Mail naar <a href="mailto:{CONTACT_PRIVACY}">{CONTACT_PRIVACY}</a>. U kunt ook '
            f"contact opnemen met de functionaris gegevensbescherming van het ministerie van BZK. Bent u niet "
            f"tevreden over hoe wij met uw gegevens omgaan? Dan kunt u een klacht indienen bij de Autoriteit "
            f"Persoonsgegevens.</p>"
        ),
    ]


def accessibility_body() -> list[tuple]:
    return [
        _h("Ons doel"),
        _p(
            "<p>Wij willen dat iedereen deze website kan gebruiken, ook mensen met een beperking. De website moet "
            "voldoen aan de WCAG 2.1 op niveau AA. Dat is de norm voor websites van de overheid.</p>"
        ),
        _h("Hoe hebben wij dat getest?"),
        _p(
            "<ul>"
            "<li>Automatische scans met axe-core van elk openbaar sjabloon, en van de schermen voor inzenders en "
            "voor de jury. Dat doen wij in het Nederlands en in het Engels, bij elke wijziging van de website.</li>"
            "<li>Wij hebben een inzending helemaal ingestuurd met alleen het toetsenbord, zonder muis.</li>"
            "<li>Alle formulieren werken ook zonder JavaScript. Foutmeldingen staan bovenaan het formulier en bij "
            "het veld waar ze over gaan.</li>"
            "<li>Grafieken hebben een tekst die zegt wat erin staat, en een tabel met de cijfers ernaast.</li>"
            "</ul>"
        ),
        _h("Bekende problemen"),
        _p(
            "<ul>"
            "<li>Bijlagen die inzenders zelf uploaden (zoals pdf-bestanden) zijn niet altijd toegankelijk. Wij "
            "vragen inzenders om toegankelijke bestanden te gebruiken.</li>"
            "<li>De beheeromgeving voor de redactie en het secretariaat is gebouwd met Wagtail. Die hebben wij niet "
            "zelf getest.</li>"
            "<li>Een onafhankelijk onderzoek door een deskundige is nog niet gedaan.</li>"
            "</ul>"
        ),
        _h("Lukt iets niet?"),
        _p(
            f'<p>Mail naar <a href="mailto:{CONTACT_ACCESSIBILITY}">{CONTACT_ACCESSIBILITY}</a>. Zeg op welke pagina '
            f"het probleem zit en wat er niet lukt. U krijgt binnen 5 werkdagen antwoord. Wij helpen u dan ook op een "
            f"andere manier, bijvoorbeeld per e-mail of telefoon. Bent u niet tevreden over ons antwoord? Dan kunt u "
            f"contact opnemen met de Nationale ombudsman.</p>"
        ),
    ]
