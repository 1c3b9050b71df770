"""Look and language: page skeleton, landmarks, language switch, local assets, shared components,
token contrast and Dutch translations."""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from awardsite import demo as awardsite_demo
from awardsite.navigation import build_main_navigation
from awardsite.roles import JURY
from tests.awardsite.factories import user_with_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
NOT_FOUND = "/deze-pagina-bestaat-niet/"
PUBLIC_PATHS = ["/", "/toegankelijkheid/", "/privacy/", "/accounts/login/", "/accounts/signup/", NOT_FOUND]


@pytest.fixture
def site():
    awardsite_demo.load(out=io.StringIO())


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def en(path: str) -> str:
    return f"/en{path}"


def get(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404), (path, response.status_code)
    return response


@pytest.mark.parametrize("path", PUBLIC_PATHS + [en(p) for p in PUBLIC_PATHS])
def test_public_page_has_one_h1_skip_link_and_landmarks(client, site, path):
    soup = soup_of(get(client, path))
    assert len(soup.find_all("h1")) == 1, path
    first_link = soup.body.find("a")
    assert first_link["href"] == "#main" and "soda-skip-link" in first_link["class"]
    assert len(soup.find_all("main")) == 1 and soup.main["id"] == "main"
    assert soup.find("header") is not None and soup.find("footer") is not None
    main_nav = soup.find("nav", class_="soda-nav")
    assert main_nav is not None and main_nav.get("aria-label")
    # Every nav landmark is named, so screen-reader users can tell them apart.
    assert all(nav.get("aria-label") for nav in soup.find_all("nav"))
    assert soup.title.string.strip().endswith("Stuiveling Open Data Award")


def test_not_found_page_keeps_site_chrome_and_answers_404(client, site):
    response = client.get(NOT_FOUND)
    assert response.status_code == 404
    assert soup_of(response).find("a", class_="soda-skip-link") is not None


def test_page_title_follows_pattern(client, site):
    assert soup_of(client.get("/toegankelijkheid/")).title.string.strip() == (
        "Toegankelijkheidsverklaring | Stuiveling Open Data Award"
    )
    assert soup_of(client.get("/")).title.string.strip() == "Stuiveling Open Data Award"


@pytest.mark.parametrize("path", ["/", "/toegankelijkheid/", "/accounts/login/", NOT_FOUND])
def test_lang_attribute_follows_url_language(client, site, path):
    assert soup_of(get(client, path)).html["lang"] == "nl"
    assert soup_of(get(client, en(path))).html["lang"] == "en"


def test_dutch_editor_content_is_marked_dutch_on_english_pages(client, site):
    soup = soup_of(client.get("/en/toegankelijkheid/"))
    assert soup.h1.find_parent(attrs={"lang": "nl"}) is not None
    soup = soup_of(client.get("/toegankelijkheid/"))
    assert soup.h1.find_parent(attrs={"lang": "nl"}).name == "html"


def language_switch(soup):
    links = soup.select("a.soda-language-switch")
    assert len(links) == 1
    return links[0]


@pytest.mark.parametrize(
    ("dutch", "english"),
    [
        ("/", "/en/"),
        ("/toegankelijkheid/", "/en/toegankelijkheid/"),
        ("/accounts/login/", "/en/accounts/login/"),
        (NOT_FOUND, en(NOT_FOUND)),
    ],
)
def test_language_switch_points_at_same_page_in_other_language(client, site, dutch, english):
    link = language_switch(soup_of(get(client, dutch)))
    assert (link["href"], link["hreflang"], link["lang"]) == (english, "en", "en")
    assert link.get_text(strip=True) == "English"
    link = language_switch(soup_of(get(client, english)))
    assert (link["href"], link["hreflang"], link["lang"]) == (dutch, "nl", "nl")
    assert link.get_text(strip=True) == "Nederlands"


def test_language_switch_keeps_query_string(client, site):
    link = language_switch(soup_of(client.get("/accounts/login/?next=/privacy/")))
    assert link["href"] == "/en/accounts/login/?next=/privacy/"


def test_language_switch_target_serves_the_other_language(client, site):
    link = language_switch(soup_of(client.get("/toegankelijkheid/")))
    response = client.get(link["href"])
    assert response.status_code == 200
    assert soup_of(response).html["lang"] == "en"


def test_alternate_links_name_both_languages_with_absolute_urls(client, site):
    soup = soup_of(client.get("/toegankelijkheid/"))
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert alternates == {
        "nl": f"{settings.SITE_URL}/toegankelijkheid/",
        "en": f"{settings.SITE_URL}/en/toegankelijkheid/",
        "x-default": f"{settings.SITE_URL}/toegankelijkheid/",
    }


def asset_urls(soup):
    for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("source", "srcset"), ("iframe", "src")):
        for element in soup.find_all(tag):
            if element.get(attr):
                yield tag, element, element[attr]


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_home_page_requests_nothing_from_other_hosts(client, site, path):
    soup = soup_of(client.get(path))
    own_host = urlsplit(settings.SITE_URL).netloc
    for _tag, element, url in asset_urls(soup):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") or url.startswith("//"):
            # Only the hreflang alternates are absolute, and they name our own canonical host.
            assert element.get("rel") == ["alternate"] and parts.netloc == own_host, url


@pytest.mark.parametrize("path", ["/", "/toegankelijkheid/", "/accounts/login/"])
def test_static_files_referenced_exist(client, site, path):
    soup = soup_of(client.get(path))
    static_urls = [url for _tag, _el, url in asset_urls(soup) if url.startswith(settings.STATIC_URL)]
    assert any(url.endswith("soda.css") for url in static_urls)
    assert any(url.endswith("soda.js") for url in static_urls)
    for url in static_urls:
        assert finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0]), url


def test_css_refers_only_to_local_files():
    for css in [*ROOT.glob("static/css/*.css"), *ROOT.glob("static/vendor/nlds/*.css")]:
        text = css.read_text()
        assert "@import" not in text, css
        for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
            assert target.startswith("data:") or not re.match(r"^(https?:)?//", target), (css, target)
            if not target.startswith("data:"):
                assert (css.parent / target).exists(), (css, target)


@pytest.mark.parametrize("path", ["/", "/toegankelijkheid/", "/accounts/login/"])
def test_pages_have_no_inline_script_or_style(client, site, path):
    """CSP allows scripts and styles only from our own files."""
    soup = soup_of(client.get(path))
    for script in soup.find_all("script"):
        assert script.get("src"), script
    assert not soup.find_all("style")
    for element in soup.find_all(True):
        assert "style" not in element.attrs, element
        assert not [a for a in element.attrs if a.startswith("on")], element


def test_scripts_are_deferred(client, site):
    soup = soup_of(client.get("/"))
    for script in soup.find_all("script"):
        assert script.has_attr("defer"), script


# --- Navigation ---------------------------------------------------------------------------------


def nav_labels(soup):
    return [a.get_text(strip=True) for a in soup.select(".soda-nav__link")]


def test_anonymous_visitor_sees_no_personal_menu_items(client, site):
    labels = nav_labels(soup_of(client.get("/")))
    assert "Mijn inzendingen" not in labels and "Jury" not in labels and "Beheer" not in labels


def test_staff_sees_admin_item_and_juror_sees_jury_item_when_those_urls_exist(rf, site):
    staff = UserFactory(is_staff=True)
    request = rf.get("/")
    request.user = staff
    with translation.override("nl"):
        items = build_main_navigation(request)
    assert ("admin", "Beheer", "/admin/") in [(i.key, str(i.label), i.url) for i in items]

    juror = user_with_role(JURY)
    request = rf.get("/")
    request.user = juror
    keys = [item.key for item in build_main_navigation(request)]
    assert "admin" not in keys
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("judging:dashboard")
    except NoReverseMatch:
        assert "jury" not in keys
    else:
        assert "jury" in keys


def test_entrant_does_not_see_jury_item(rf, site):
    request = rf.get("/")
    request.user = UserFactory()
    assert "jury" not in [item.key for item in build_main_navigation(request)]
    assert "admin" not in [item.key for item in build_main_navigation(request)]


def test_active_menu_item_has_aria_current_page(client, site):
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True)
    items = build_main_navigation(request)
    assert items, "the navigation has at least the admin item"
    target = items[-1]
    request = RequestFactory().get(target.url)
    request.user = UserFactory(is_staff=True)
    marked = {item.key: item.current for item in build_main_navigation(request)}
    assert marked[target.key] == "page"
    assert [key for key, current in marked.items() if current] == [target.key]


def test_section_item_is_current_true_below_its_url(rf, site):
    request = rf.get("/admin/pages/")
    request.user = UserFactory(is_staff=True)
    marked = {item.key: item.current for item in build_main_navigation(request)}
    assert marked["admin"] == "true"


def test_menu_renders_aria_current_on_the_current_page(client, site):
    search = [i for i in build_main_navigation(_anonymous_request("/")) if i.key == "search"]
    if not search:
        pytest.skip("showcase:search is not there yet")
    soup = soup_of(client.get(search[0].url))
    current = soup.select('.soda-nav__link[aria-current="page"]')
    assert [a["href"] for a in current] == [search[0].url]


def _anonymous_request(path):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


def test_navigation_costs_at_most_two_queries(django_assert_max_num_queries, site):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    build_main_navigation(_anonymous_request("/"))  # warms the content-type and site-root caches
    # One query for view restrictions (public pages only), one for the pages themselves.
    with django_assert_max_num_queries(2):
        build_main_navigation(_anonymous_request("/"))


def test_navigation_is_computed_once_per_request(client, site, django_assert_max_num_queries):
    from awardsite.navigation import navigation

    request = _anonymous_request("/")
    first = navigation(request)
    with django_assert_max_num_queries(0):
        assert navigation(request) == first


# --- Components -----------------------------------------------------------------------------------


def render(template, request=None, **context):
    return BeautifulSoup(render_to_string(template, context, request=request), "html.parser")


def test_pagination_keeps_other_get_parameters_and_marks_current_page():
    page = Paginator(list(range(100)), 10).page(5)
    request = RequestFactory().get("/zoeken/", {"q": "energie", "jaar": "2025", "page": "5"})
    soup = render("components/pagination.html", request, page_obj=page)
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert "?q=energie&jaar=2025&page=6" in hrefs and "?q=energie&jaar=2025&page=4" in hrefs
    current = soup.select('[aria-current="page"]')
    assert len(current) == 1 and current[0].get_text(strip=True).endswith("5")
    assert soup.find("nav")["aria-label"]
    assert "…" in soup.get_text()  # long ranges are elided


def test_pagination_renders_nothing_for_a_single_page():
    page = Paginator([1, 2], 10).page(1)
    assert render("components/pagination.html", RequestFactory().get("/"), page_obj=page).get_text(strip=True) == ""


def test_step_indicator_marks_current_step_and_writes_state_in_text():
    steps = [
        {"label": "Over u", "url": "/stap/1/", "state": "done"},
        {"label": "Uw toepassing", "url": "/stap/2/", "state": "error", "current": True},
        {"label": "Versturen", "state": "todo"},
    ]
    with translation.override("nl"):
        soup = render("components/step_indicator.html", steps=steps)
    current = soup.select('[aria-current="step"]')
    assert len(current) == 1 and "Uw toepassing" in current[0].get_text()
    items = soup.select("ol > li")
    assert [li.select_one(".soda-steps__state").get_text(strip=True) for li in items] == [
        "Klaar",
        "Huidige stap",
        "Nog doen",
    ]
    assert items[2].find("a") is None


def test_badge_uses_state_class_and_visible_label():
    soup = render("components/badge.html", state="honourable_mention", label="Eervolle vermelding")
    badge = soup.find("span")
    assert "soda-badge--honourable_mention" in badge["class"] and "utrecht-badge-status" in badge["class"]
    assert badge.get_text(strip=True) == "Eervolle vermelding"


def test_facts_accept_pairs_and_dicts_and_skip_empty_values():
    facts = [("Jaar", 2025), {"label": "Website", "value": "voorbeeld.nl", "url": "https://voorbeeld.nl"}, ("Leeg", "")]
    soup = render("components/facts.html", facts=facts)
    assert [dt.get_text(strip=True) for dt in soup.find_all("dt")] == ["Jaar", "Website"]
    assert soup.find("dd").find_next("a")["href"] == "https://voorbeeld.nl"


def test_breadcrumbs_from_wagtail_page(site):
    from awardsite.pages import StandardPage

    page = StandardPage.objects.get(slug="toegankelijkheid")
    with translation.override("nl"):
        soup = render("components/breadcrumbs.html", page=page)
    assert [li.get_text(strip=True) for li in soup.find_all("li")] == ["Home", page.title]
    assert soup.find(attrs={"aria-current": "page"}).get_text(strip=True) == page.title


def test_checklist_counts_and_links_open_items():
    items = [
        {"label": "Titel", "done": True},
        {"label": "Dataset", "done": False, "url": "/stap/3/", "note": "Minstens één open dataset"},
    ]
    with translation.override("nl"):
        soup = render("components/checklist.html", items=items, title="Voordat u verstuurt")
    assert "1 van 2 klaar" in soup.get_text()
    assert soup.find("a")["href"] == "/stap/3/"
    assert soup.select(".soda-checklist__item--done")[0].get_text(" ", strip=True).startswith("Klaar:")


def test_countdown_shows_time_left_and_closed():
    deadline = timezone.now() + timezone.timedelta(days=3, hours=4, minutes=10)
    with translation.override("nl"):
        soup = render("components/countdown.html", deadline=deadline)
        assert "Nog 3 dagen en 4 uur" in soup.get_text(" ", strip=True)
        assert soup.find("time")["datetime"] == deadline.isoformat()
        closed = render("components/countdown.html", deadline=timezone.now() - timezone.timedelta(minutes=1))
    assert "soda-countdown--closed" in closed.find("p")["class"]
    assert "Gesloten" in closed.get_text()


def test_card_links_title_once_and_uses_requested_heading_level():
    soup = render("components/card.html", title="Buurtdata", url="/voorbeelden/buurtdata/", heading_level=2)
    assert [a["href"] for a in soup.find_all("a")] == ["/voorbeelden/buurtdata/"]
    assert soup.find("h2").get_text(strip=True) == "Buurtdata"


def test_choice_fields_render_as_fieldset_with_legend():
    from django import forms

    from awardsite.forms import SodaFormMixin

    class Form(SodaFormMixin, forms.Form):
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, help_text="Kies er één")
        agree = forms.BooleanField(label="Akkoord")

    form = Form(data={})
    form.is_valid()
    soup = render("components/field.html", field=form["kind"])
    fieldset = soup.find("fieldset")
    assert fieldset.legend.get_text(strip=True).startswith(str(form["kind"].label))
    assert len(fieldset.select('input[type="radio"]')) == 2
    assert all(label["for"] for label in fieldset.find_all("label"))
    soup = render("components/field.html", field=form["agree"])
    assert soup.find("fieldset") is None and soup.find("input", type="checkbox") is not None
    assert "utrecht-form-field--invalid" in soup.find("div")["class"]


# --- Theme and translations -----------------------------------------------------------------------


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_theme_colour_pairs_meet_wcag_aa():
    text = (ROOT / "static/css/soda-tokens.css").read_text()
    palette = dict(re.findall(r"--soda-color-([a-z]+-?\d*):\s*(#[0-9a-f]{6})", text))
    white = palette["white"]
    text_pairs = [  # (foreground, background) used for text in soda.css
        ("grijs-700", "white"),
        ("grijs-500", "white"),
        ("grijs-500", "grijs-100"),
        ("grijs-500", "grijs-50"),
        ("petrol-500", "white"),
        ("petrol-700", "white"),
        ("white", "petrol-500"),
        ("white", "petrol-600"),
        ("white", "petrol-700"),
        ("rood-500", "white"),
        ("rood-600", "rood-100"),
        ("groen-600", "groen-100"),
        ("blauw-600", "blauw-100"),
        ("oranje-600", "oranje-100"),
        ("goud-700", "goud-100"),
        ("petrol-700", "petrol-100"),
        ("grijs-700", "grijs-100"),
        ("grijs-700", "goud-50"),
    ]
    for foreground, background in text_pairs:
        ratio = contrast(palette.get(foreground, white), palette[background])
        assert ratio >= 4.5, (foreground, background, round(ratio, 2))
    for border in ("grijs-400", "petrol-500", "rood-400"):  # control borders, WCAG 1.4.11
        assert contrast(palette[border], white) >= 3, border


def po_entries(path: Path):
    entry = {}
    key = None
    for line in path.read_text().splitlines() + [""]:
        if not line.strip():
            if entry:
                yield entry
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr", "msgctxt ")):
            key, _, value = line.partition(" ")
            entry[key] = entry.get(key, "") + value.strip()[1:-1]
        elif line.startswith('"') and key:
            entry[key] += line.strip()[1:-1]


def test_dutch_translations_of_site_templates_are_complete():
    path = ROOT / "locale/nl/LC_MESSAGES/django.po"
    entries = [e for e in po_entries(path) if e.get("msgid")]
    assert len(entries) > 50
    for entry in entries:
        msgstrs = [value for key, value in entry.items() if key.startswith("msgstr")]
        assert msgstrs and all(msgstrs), entry["msgid"]
        assert "fuzzy" not in entry.get("flags", ""), entry["msgid"]


def test_server_error_page_is_self_contained_and_uses_existing_static_files():
    soup = BeautifulSoup((ROOT / "templates/500.html").read_text(), "html.parser")
    assert "{%" not in soup.decode() and "{{" not in soup.decode()  # no tags or variables: nothing that can fail
    assert len(soup.find_all("h1")) == 1 and soup.find("main", id="main") is not None
    hrefs = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert hrefs and all(finders.find(href.removeprefix(settings.STATIC_URL)) for href in hrefs)


def test_print_stylesheet_is_linked_for_print_only(client, site):
    soup = soup_of(client.get("/"))
    print_links = [link for link in soup.find_all("link", rel="stylesheet") if link["href"].endswith("print.css")]
    assert len(print_links) == 1 and print_links[0]["media"] == "print"


def test_navigation_skips_page_types_and_url_names_that_do_not_exist(rf, site, monkeypatch):
    from awardsite import navigation

    monkeypatch.setattr(
        navigation,
        "PAGE_ITEMS",
        (*navigation.PAGE_ITEMS, ("missing", "Missing", "nosuchapp.NoSuchPage"), ("user", "User", "awardsite.User")),
    )
    request = rf.get("/")
    request.user = UserFactory(is_staff=True)
    keys = [item.key for item in navigation.build_main_navigation(request)]
    assert "missing" not in keys and "user" not in keys  # unknown model; a model that is not a page
    assert navigation._reverse_or_none("nosuchapp:dashboard") is None


def test_page_items_link_the_first_live_public_page_of_their_type(rf, site, monkeypatch):
    from awardsite import navigation
    from awardsite.pages import StandardPage

    monkeypatch.setattr(navigation, "PAGE_ITEMS", (("std", "Std", "awardsite.StandardPage"),))
    pages = list(StandardPage.objects.live().order_by("path"))
    assert len(pages) >= 2

    def std_url():
        urls = [item.url for item in navigation.build_main_navigation(_anonymous_request("/")) if item.key == "std"]
        return urls[0] if urls else None

    assert std_url() == pages[0].url
    pages[0].live = False
    pages[0].save(update_fields=["live"])
    assert std_url() == pages[1].url
    for page in pages[1:]:
        page.live = False
        page.save(update_fields=["live"])
    assert std_url() is None


@pytest.mark.parametrize(
    "name",
    [
        "badge",
        "breadcrumbs",
        "card",
        "checklist",
        "countdown",
        "error_summary",
        "facts",
        "field",
        "pagination",
        "step_indicator",
        "table_wrapper",
    ],
)
def test_shared_component_starts_with_a_usage_comment(name):
    head = (ROOT / f"templates/components/{name}.html").read_text()[:600]
    assert "Usage" in head or "PATTERN" in head, name
