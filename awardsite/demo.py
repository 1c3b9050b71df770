"""Demo content of the project package: one account per role, home page, statements, settings.

Demo jurors and staff come with TOTP already set up, from a fixed demo secret, so
`manage.py demo_totp EMAIL` prints the code to log in with (see README).
"""

import base64
import hashlib

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Site

from .pages import HomePage, StandardPage
from .roles import INZENDERS, JURY, REDACTIE, SECRETARIAAT
from .site_settings import SiteSettings
from .statements import accessibility_body, privacy_body
from .users import User

STATEMENT_BODIES = {"toegankelijkheid": accessibility_body, "privacy": privacy_body}
DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 - printed for the demo site only

# email, first name, last name, organisation, groups, is_staff/superuser, needs MFA
DEMO_USERS = [
    ("inzender@demo.soda.example", "Ilse", "Inzender", "Datalab Noord (demo)", [INZENDERS], False, False),
    ("nominator@demo.soda.example", "Nina", "Nomineerder", "Stichting Open Wijk (demo)", [INZENDERS], False, False),
    ("voorzitter@demo.soda.example", "Vera", "Voorzitter", "Universiteit van Nergensland (demo)", [JURY], False, True),
    ("jurylid@demo.soda.example", "Jan", "Jurylid", "Gemeente Denkbeeldig (demo)", [JURY], False, True),
    ("jurylid2@demo.soda.example", "Joke", "Jurylid", "Krant van Overal (demo)", [JURY], False, True),
    ("jurylid3@demo.soda.example", "Jamal", "Jurylid", "Open Kennis Coop (demo)", [JURY], False, True),
    (
        "secretariaat@demo.soda.example",
        "Sanne",
        "Secretariaat",
        "Ministerie van BZK (demo)",
        [SECRETARIAAT],
        True,
        True,
    ),
    ("redactie@demo.soda.example", "Ruben", "Redacteur", "LEOO (demo)", [REDACTIE], True, True),
    ("redactie2@demo.soda.example", "Rosa", "Redacteur", "LEOO (demo)", [REDACTIE], True, True),
    ("beheer@demo.soda.example", "Bas", "Beheerder", "Ministerie van BZK (demo)", [], True, True),
]
ROLE_LOGINS = [
    ("Inzender", "inzender@demo.soda.example"),
    ("Nomineerder", "nominator@demo.soda.example"),
    ("Jury (voorzitter)", "voorzitter@demo.soda.example"),
    ("Jury (lid)", "jurylid@demo.soda.example"),
    ("Secretariaat", "secretariaat@demo.soda.example"),
    ("Redactie", "redactie@demo.soda.example"),
    ("Beheerder (superuser)", "beheer@demo.soda.example"),
]


def demo_totp_secret(email: str) -> str:
    """A fixed, per-user base32 secret: demo only, never for real accounts."""
    digest = hashlib.sha256(f"soda-demo-totp:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode("ascii")


def ensure_user(*, email, first_name, last_name, organisation, groups, is_staff, needs_mfa) -> User:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "organisation": organisation,
            "is_staff": is_staff,
            "is_superuser": email.startswith("beheer@"),
            "is_demo": True,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    if needs_mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, demo_totp_secret(email))
    if needs_mfa:
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

        RecoveryCodes.activate(user)  # idempotent: keeps existing codes
    return user


def ensure_pages() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migrations leave a plain "Welcome" page at the top; ours takes its place.
        for welcome in root.get_children().filter(content_type__model="page", content_type__app_label="wagtailcore"):
            if not welcome.get_children().exists():
                welcome.delete()
        home = HomePage(
            title="Stuiveling Open Data Award",
            slug="home",
            intro=(
                "De Stuiveling Open Data Award (SODA) is de jaarlijkse prijs van het ministerie van "
                "Binnenlandse Zaken en Koninkrijksrelaties voor het meest vernieuwende hergebruik van "
                "open overheidsdata. De winnaars delen 20.000 euro."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "SODA"},
        )
    statements = {}
    for slug, title, intro in [
        (
            "toegankelijkheid",
            "Toegankelijkheidsverklaring",
            "Wij willen dat iedereen deze website kan gebruiken. Hier leest u hoe toegankelijk de site is.",
        ),
        (
            "privacy",
            "Privacyverklaring",
            "Hier leest u welke persoonsgegevens wij verwerken voor de award, waarom, en hoe lang.",
        ),
    ]:
        page = home.get_children().filter(slug=slug).first()
        if page is None:
            page = StandardPage(title=title, slug=slug, intro=intro)
            home.add_child(instance=page)
            page.save_revision().publish()
        page = page.specific
        if not page.body:
            # Starting text only: an editor's later changes are never overwritten.
            page.body = STATEMENT_BODIES[slug]()
            page.last_reviewed = timezone.localdate()
            page.save_revision().publish()
        statements[slug] = page
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.accessibility_page = statements["toegankelijkheid"]
    site_settings.privacy_page = statements["privacy"]
    site_settings.show_demo_notice = True
    site_settings.save()
    return home


def load(*, out) -> None:
    for email, first, last, org, groups, is_staff, needs_mfa in DEMO_USERS:
        ensure_user(
            email=email,
            first_name=first,
            last_name=last,
            organisation=org,
            groups=groups,
            is_staff=is_staff,
            needs_mfa=needs_mfa,
        )
    ensure_pages()
    out.write("Demo accounts and site pages are in place.")


def print_logins(*, out) -> None:
    out.write("")
    out.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for role, email in ROLE_LOGINS:
        out.write(f"  {role:24} {email}")
    out.write("Jury, Secretariaat, Redactie and Beheerder need a TOTP code: python manage.py demo_totp EMAIL")
