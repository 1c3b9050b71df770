"""A small server-side client for the data.overheid.nl catalogue (the CKAN action API).

Only two actions are used: `package_show` (one dataset by name or id) and `package_search`.
Answers are cached in Django's cache; failures are not. Every way the catalogue can fail (down,
slow, HTTP 5xx, an answer that is not what CKAN sends) raises `CatalogueUnavailable` with a message
that can be shown to the user as it is; an unknown dataset raises `DatasetNotFound`.

Settings: CKAN_BASE_URL (the API root, e.g. https://data.overheid.nl/data), CKAN_TIMEOUT_SECONDS,
CKAN_CACHE_SECONDS, CKAN_DATASET_URL_TEMPLATE (public page of a dataset, "{name}" filled in).
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .licences import licence_is_open

MAX_RESPONSE_BYTES = 4 * 1024 * 1024
SEARCH_ROWS = 10

# Publishers on data.overheid.nl are identified by URIs from the government's own organisation
# lists (OWMS, and its successor TOOI). A dataset whose publisher or authority has such a URI is
# published by a Dutch government organisation.
GOVERNMENT_PUBLISHER_PREFIXES = (
    "http://standaarden.overheid.nl/owms/terms/",
    "https://standaarden.overheid.nl/owms/terms/",
    "https://identifier.overheid.nl/tooi/id/",
    "http://identifier.overheid.nl/tooi/id/",
)
CATALOGUE_HOSTS = {"data.overheid.nl", "www.data.overheid.nl"}
_NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{1,99}")
_DATASET_PATH_RE = re.compile(r"^/(?:data/)?(?:(?:nl|en)/)?(?:data/)?dataset/(?P<name>[A-Za-z0-9_-]{2,100})/?$")


class CatalogueError(Exception):
    """Base class: the message is safe to show to the user."""

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))

    default_message = _("The data.overheid.nl catalogue could not be used.")


class CatalogueUnavailable(CatalogueError):
    default_message = _(
        "The data.overheid.nl catalogue cannot be reached right now. Try again later, or enter the "
        "dataset by hand: the Secretariaat will check it."
    )


class DatasetNotFound(CatalogueError):
    default_message = _("This dataset was not found on data.overheid.nl. Check the address.")


@dataclass(frozen=True)
class DatasetInfo:
    id: str
    name: str
    title: str
    publisher: str
    organization: str
    licence_id: str
    licence_title: str
    is_open_licence: bool
    is_dutch_government: bool
    url: str

    def as_dict(self) -> dict:
        return asdict(self)


def dataset_page_url(name: str) -> str:
    return settings.CKAN_DATASET_URL_TEMPLATE.format(name=name)


def parse_dataset_url(value: str) -> str | None:
    """The catalogue name in a data.overheid.nl dataset address, or None.

    Accepts https://data.overheid.nl/dataset/<name> and variants: http, www., /en/ or /nl/,
    /data/dataset/, a trailing slash, a query string or #fragment.
    """
    value = (value or "").strip()
    if not value:
        return None
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or (parts.hostname or "") not in CATALOGUE_HOSTS:
        return None
    match = _DATASET_PATH_RE.match(parts.path)
    if not match:
        return None
    return match.group("name").lower()


def _text(value, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        return ""
    return str(value).strip()[:limit]


def _label_from_uri(uri: str) -> str:
    """http://standaarden.overheid.nl/owms/terms/Centraal_Bureau_voor_de_Statistiek -> readable."""
    tail = uri.rstrip("/").rsplit("/", 1)[-1]
    return tail.replace("_", " ").strip()


def parse_package(data) -> DatasetInfo:
    """One CKAN package dict to a DatasetInfo; CatalogueUnavailable when it is not one."""
    if not isinstance(data, dict):
        raise CatalogueUnavailable()
    ckan_id = _text(data.get("id"), 200)
    name = _text(data.get("name"), 200).lower()
    title = _text(data.get("title"), 300) or name
    if not ckan_id or not name or not _NAME_RE.fullmatch(name):
        raise CatalogueUnavailable()
    organization = data.get("organization") if isinstance(data.get("organization"), dict) else {}
    org_title = _text(organization.get("title"), 300)
    publisher_uri = _text(data.get("publisher"), 500)
    authority_uri = _text(data.get("authority"), 500)
    publisher = org_title or (_label_from_uri(publisher_uri) if publisher_uri else "")
    licence_id = _text(data.get("license_id"), 100)
    is_government = any(uri.startswith(GOVERNMENT_PUBLISHER_PREFIXES) for uri in (publisher_uri, authority_uri) if uri)
    return DatasetInfo(
        id=ckan_id,
        name=name,
        title=title,
        publisher=publisher,
        organization=_text(organization.get("name"), 200),
        licence_id=licence_id,
        licence_title=_text(data.get("license_title"), 200) or licence_id,
        is_open_licence=licence_is_open(licence_id),
        is_dutch_government=is_government,
        url=dataset_page_url(name),
    )


def _call(action: str, params: dict) -> dict | list:
    """GET one action; return its `result`, or raise CatalogueUnavailable / DatasetNotFound."""
    url = f"{settings.CKAN_BASE_URL.rstrip('/')}/api/3/action/{action}"
    try:
        response = requests.get(
            url,
            params=params,
            timeout=settings.CKAN_TIMEOUT_SECONDS,
            headers={"Accept": "application/json", "User-Agent": f"SODA-awardsite ({settings.SITE_URL})"},
            stream=True,
            allow_redirects=False,
        )
        try:
            body = response.raw.read(MAX_RESPONSE_BYTES + 1, decode_content=True)
        finally:
            response.close()
    except (requests.RequestException, OSError) as exc:
        raise CatalogueUnavailable() from exc
    if len(body) > MAX_RESPONSE_BYTES:
        raise CatalogueUnavailable()
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise CatalogueUnavailable() from exc
    if not isinstance(payload, dict):
        raise CatalogueUnavailable()
    error = payload.get("error") if isinstance(payload.get("error"), dict) else {}
    if response.status_code == 404 or error.get("__type") == "Not Found Error":
        raise DatasetNotFound()
    if response.status_code != 200 or payload.get("success") is not True or "result" not in payload:
        raise CatalogueUnavailable()
    return payload["result"]


def _cache_key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.CKAN_BASE_URL}|{value}".encode()).hexdigest()[:32]
    return f"ckan:{kind}:{digest}"


def get_dataset(name_or_id: str) -> DatasetInfo:
    """`package_show`, cached. Raises DatasetNotFound or CatalogueUnavailable."""
    name_or_id = (name_or_id or "").strip().lower()
    if not re.fullmatch(r"[a-z0-9_-]{2,100}", name_or_id):
        raise DatasetNotFound()
    key = _cache_key("show", name_or_id)
    cached = cache.get(key)
    if cached is not None:
        return DatasetInfo(**cached)
    info = parse_package(_call("package_show", {"id": name_or_id}))
    cache.set(key, info.as_dict(), settings.CKAN_CACHE_SECONDS)
    return info


def get_dataset_by_url(url: str) -> DatasetInfo:
    name = parse_dataset_url(url)
    if name is None:
        raise DatasetNotFound(
            _("This is not the address of a dataset on data.overheid.nl (https://data.overheid.nl/dataset/...).")
        )
    return get_dataset(name)


@dataclass(frozen=True)
class SearchResult:
    count: int
    results: list[DatasetInfo]


def search_datasets(query: str, *, rows: int = SEARCH_ROWS) -> SearchResult:
    """`package_search` for free text, cached. Raises CatalogueUnavailable."""
    query = " ".join((query or "").split())[:200]
    if not query:
        return SearchResult(count=0, results=[])
    key = _cache_key("search", f"{rows}|{query.lower()}")
    cached = cache.get(key)
    if cached is not None:
        return SearchResult(count=cached["count"], results=[DatasetInfo(**d) for d in cached["results"]])
    try:
        result = _call("package_search", {"q": query, "rows": rows})
    except DatasetNotFound as exc:  # a search never "does not exist"
        raise CatalogueUnavailable() from exc
    if not isinstance(result, dict) or not isinstance(result.get("results"), list):
        raise CatalogueUnavailable()
    count = result.get("count")
    if not isinstance(count, int) or count < 0:
        raise CatalogueUnavailable()
    items = [parse_package(item) for item in result["results"][:rows]]
    cache.set(key, {"count": count, "results": [i.as_dict() for i in items]}, settings.CKAN_CACHE_SECONDS)
    return SearchResult(count=count, results=items)
