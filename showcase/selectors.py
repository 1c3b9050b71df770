"""Reads of the showcase app.

`public_showcase_pages` is THE rule for what a visitor may see of the showcase. Every public path
(page, index, year page, dataset page, search, feeds, exports, API, sitemap, guides linking to
examples) gets its rows from it, directly or through `showcase_page_is_public`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from submissions.enums import ApplicationType, EntryState, OrganisationType, Theme
from submissions.models import Edition, Entry, EntryOrganisation

from .blocks import heading_anchor
from .datasets import dataset_key
from .enums import AwardKind, IndexSort
from .models import GuidePage, GuidePageTag, ShowcaseDataset, ShowcaseImage, ShowcasePage, ShowcaseYearPage

INDEX_PAGE_SIZE = 12
#: Entry states that can become a showcase page (the jury's verdicts worth showing).
SHOWCASE_STATES = (EntryState.WINNER, EntryState.SHORTLIST, EntryState.HONOURABLE_MENTION)
STATE_TO_AWARD = {
    EntryState.WINNER: AwardKind.WINNER,
    EntryState.SHORTLIST: AwardKind.NOMINEE,
    EntryState.HONOURABLE_MENTION: AwardKind.OTHER,
}


# --- The rule -------------------------------------------------------------------------------


def results_published_q(prefix: str = "", *, now=None) -> Q:
    return Q(**{f"{prefix}results_published_at__lte": now or timezone.now()})


def unrestricted_q() -> Q:
    """No view restriction (password, login, groups) on the page or an ancestor: Wagtail's
    `.public()` rule (one small query for the restricted paths; no filter when there are none)."""
    condition = Q()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        condition &= ~Q(path__startswith=path)
    return condition


def public_showcase_pages(*, now=None) -> QuerySet[ShowcasePage]:
    """Showcase pages a visitor may see: live, not restricted, the edition's results are published
    (embargo until the ceremony) and, when made from an entry, its owners consented to publication
    and did not withdraw it. Pages without a known edition are never public."""
    return (
        ShowcasePage.objects.live()
        .filter(unrestricted_q())
        .filter(results_published_q("edition__", now=now))
        .filter(Q(entry__isnull=True) | (Q(entry__consent_publish=True) & ~Q(entry__state=EntryState.WITHDRAWN)))
    )


def showcase_page_is_public(page: ShowcasePage) -> bool:
    return public_showcase_pages().filter(pk=page.pk).exists()


def edition_results_are_public(edition: Edition | None, *, now=None) -> bool:
    return bool(edition and edition.results_published_at and edition.results_published_at <= (now or timezone.now()))


def hidden_page_ids() -> list[int]:
    """Live pages that must not appear in site-wide lists (search): embargoed or unconsented
    showcase pages, and results pages of editions whose results are not yet published."""
    showcase = ShowcasePage.objects.live().exclude(pk__in=public_showcase_pages().values("pk"))
    years = ShowcaseYearPage.objects.live().exclude(results_published_q("edition__"))
    return list(showcase.values_list("pk", flat=True)) + list(years.values_list("pk", flat=True))


def next_scheduled_results_at():
    """The earliest results publication that is set but still in the future (the cache must not
    outlive it)."""
    return (
        Edition.objects.filter(results_published_at__gt=timezone.now())
        .order_by("results_published_at")
        .values_list("results_published_at", flat=True)
        .first()
    )


# --- Showcase index -------------------------------------------------------------------------


def _with_listing_relations(queryset):
    return queryset.select_related("edition").prefetch_related(
        Prefetch(
            "images",
            queryset=ShowcaseImage.objects.select_related("image").prefetch_related("image__renditions"),
        ),
        "organisations",
    )


def search_showcase_ids(query: str, *, limit: int = 1000) -> list[int]:
    """Page ids matching `query`, best match first (Wagtail search; the caller applies the rule)."""
    results = ShowcasePage.objects.live().search(query, operator="and")[:limit]
    return [page.pk for page in results]


def showcase_index(*, params) -> dict:
    """Everything the index template needs: the filter form, one page of results, the count."""
    from .forms import ShowcaseFilterForm

    public = public_showcase_pages()
    years = list(public.order_by("-year").values_list("year", flat=True).distinct())
    form = ShowcaseFilterForm(params or None, years=years)
    form.is_valid()  # an invalid field is shown as an error and ignored; the valid ones still filter
    data = getattr(form, "cleaned_data", {})
    queryset = public
    if data.get("year"):
        queryset = queryset.filter(year=int(data["year"]))
    if data.get("theme"):
        queryset = queryset.filter(theme_keys__contains=f",{data['theme']},")
    if data.get("application_type"):
        queryset = queryset.filter(application_type=data["application_type"])
    if data.get("organisation_type"):
        queryset = queryset.filter(org_type_keys__contains=f",{data['organisation_type']},")
    if data.get("award"):
        queryset = queryset.filter(award_kind=data["award"])
    query = (data.get("q") or "").strip()
    sort = data.get("sort") or (IndexSort.RELEVANCE if query else IndexSort.AWARD)
    ordering = {
        IndexSort.AWARD: ["award_rank", "-year", "title"],
        IndexSort.NEWEST: ["-year", "award_rank", "title"],
        IndexSort.OLDEST: ["year", "award_rank", "title"],
        IndexSort.TITLE: ["title"],
    }
    if query:
        ids = search_showcase_ids(query)
        queryset = queryset.filter(pk__in=ids)
        if sort == IndexSort.RELEVANCE and ids:
            queryset = queryset.annotate(
                relevance=Case(
                    *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)],
                    output_field=IntegerField(),
                )
            ).order_by("relevance")
        else:
            queryset = queryset.order_by(*ordering.get(sort, ordering[IndexSort.AWARD]))
    else:
        queryset = queryset.order_by(*ordering.get(sort, ordering[IndexSort.AWARD]))
    paginator = Paginator(_with_listing_relations(queryset), INDEX_PAGE_SIZE)
    page_obj = paginator.get_page(params.get("pagina") if params else 1)
    query_without_page = params.copy() if params else None
    if query_without_page is not None:
        query_without_page.pop("pagina", None)
    return {
        "filter_form": form,
        "results_page": page_obj,
        "result_count": paginator.count,
        "query": query,
        "querystring": query_without_page.urlencode() if query_without_page is not None else "",
        "has_filters": any(
            data.get(name) for name in ("q", "year", "theme", "application_type", "organisation_type", "award")
        ),
    }


# --- Showcase page --------------------------------------------------------------------------


@dataclass
class DatasetUse:
    dataset: ShowcaseDataset
    other_examples: list = field(default_factory=list)


def examples_using_dataset(key: str) -> QuerySet[ShowcasePage]:
    return _with_listing_relations(
        public_showcase_pages()
        .filter(pk__in=ShowcaseDataset.objects.filter(key=key).values("page_id"))
        .order_by("award_rank", "-year", "title")
    )


def public_guides() -> QuerySet[GuidePage]:
    return GuidePage.objects.live().filter(unrestricted_q())


def guides_citing(*, page: ShowcasePage, datasets=None) -> QuerySet[GuidePage]:
    condition = Q(example_keys__contains=f",{page.pk},")
    for dataset in page.datasets.all() if datasets is None else datasets:
        condition |= Q(dataset_keys__contains=f",{dataset_key(ckan_name=dataset.ckan_name, title=dataset.title)},")
    return public_guides().filter(condition).order_by("title")


OTHER_EXAMPLES_PER_DATASET = 5


def showcase_page_extras(*, page: ShowcasePage, request) -> dict:
    datasets = list(page.datasets.all())
    organisations = list(page.organisations.all())
    keys = {dataset_key(ckan_name=ds.ckan_name, title=ds.title) for ds in datasets}
    public_others = public_showcase_pages().exclude(pk=page.pk)
    others = {
        key: list(
            public_others.filter(pk__in=ShowcaseDataset.objects.filter(key=key).values("page_id")).order_by(
                "award_rank", "-year", "title"
            )[:OTHER_EXAMPLES_PER_DATASET]
        )
        for key in keys
    }
    uses = [
        DatasetUse(dataset=ds, other_examples=others.get(dataset_key(ckan_name=ds.ckan_name, title=ds.title), []))
        for ds in datasets
    ]
    url = page.get_full_url(request)
    award = award_for_entry(page.entry) if page.entry_id and page.award_amount is None else None
    return {
        "award_amount": page.award_amount if page.award_amount is not None else (award.amount if award else None),
        "jury_motivation": page.jury_motivation or (award.motivation if award else ""),
        "dataset_uses": uses,
        "organisations": organisations,
        "related_guides": list(guides_citing(page=page, datasets=datasets)),
        "share_links": share_links(url=url, title=page.title),
        "json_ld": json_ld_for_page(page=page, url=url, organisations=organisations, datasets=datasets),
    }


def share_links(*, url: str, title: str) -> list[tuple[str, str]]:
    """Plain links: nothing loads from a third party until the visitor clicks."""
    from urllib.parse import quote

    return [
        (_("E-mail"), f"mailto:?subject={quote(title)}&body={quote(url)}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={quote(url, safe='')}"),
        ("Mastodon", f"https://mastodonshare.com/?text={quote(title)}&url={quote(url, safe='')}"),
        ("Bluesky", f"https://bsky.app/intent/compose?text={quote(title + ' ' + url)}"),
    ]


def json_ld_for_page(*, page: ShowcasePage, url: str, organisations, datasets) -> str:
    """schema.org CreativeWork as JSON, escaped for an inline data block (<script type=ld+json>)."""
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": "nl",
        "dateCreated": str(page.year) if page.year else None,
        "datePublished": page.first_published_at.isoformat() if page.first_published_at else None,
        "creator": [
            {"@type": "Organization", "name": org.name, **({"url": org.website} if org.website else {})}
            for org in organisations
        ],
        "isBasedOn": [
            {
                "@type": "Dataset",
                "name": ds.title,
                **({"url": ds.catalogue_url} if ds.catalogue_url else {}),
                **({"license": ds.licence_url} if ds.licence_url else {}),
            }
            for ds in datasets
        ],
    }
    if page.award_kind == AwardKind.WINNER:
        data["award"] = page.award_label or f"Stuiveling Open Data Award {page.year}"
    if page.application_url:
        data["sameAs"] = page.application_url
    text = json.dumps({k: v for k, v in data.items() if v not in (None, [], "")}, ensure_ascii=False)
    # The same escaping as Django's json_script: the data can never close the <script> element.
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


# --- Datasets -------------------------------------------------------------------------------


def dataset_summary(key: str) -> ShowcaseDataset | None:
    """One public row describing the dataset `key` (title, licence, link), or None."""
    return (
        ShowcaseDataset.objects.filter(key=key, page__in=public_showcase_pages().values("pk"))
        .order_by("-page__year", "pk")
        .first()
    )


def public_datasets() -> list[dict]:
    """Every dataset used by a public example, with the number of examples (dataset overview)."""
    rows: dict[str, dict] = {}
    for dataset in ShowcaseDataset.objects.filter(page__in=public_showcase_pages().values("pk")).order_by("title"):
        row = rows.setdefault(dataset.key, {"key": dataset.key, "dataset": dataset, "pages": set()})
        row["pages"].add(dataset.page_id)
    return sorted(({**row, "count": len(row["pages"])} for row in rows.values()), key=lambda r: (-r["count"], r["key"]))


# --- Guides ---------------------------------------------------------------------------------


def guide_index(*, index_page, params) -> dict:
    guides = public_guides().child_of(index_page).prefetch_related("topics").order_by("title")
    topic = (params.get("onderwerp") or "").strip() if params else ""
    topics = (
        GuidePageTag.objects.filter(content_object__in=public_guides().child_of(index_page))
        .values_list("tag__name", "tag__slug")
        .distinct()
        .order_by("tag__name")
    )
    if topic:
        guides = guides.filter(topics__slug=topic).distinct()
    return {"guides": guides, "topics": list(topics), "current_topic": topic}


def guide_extras(*, page: GuidePage) -> dict:
    toc = []
    for position, block in enumerate(page.body):
        if block.block_type == "heading" and block.value["level"] == "h2":
            toc.append({"text": block.value["text"], "anchor": heading_anchor(block.value["text"], position)})
    return {"toc": toc}


# --- Entries ready for the showcase ----------------------------------------------------------


def _judging_public():
    """judging.public (engineer 6b's contract) when it is there; None otherwise."""
    try:
        from judging import public
    except ImportError:
        return None
    return public


def published_nominee_ids() -> set[int]:
    """Entries the signed decision of a published edition names as nominee (after the decision a
    nominee that won nothing may be in state "not selected")."""
    public = _judging_public()
    if public is None:
        return set()
    ids = set()
    for edition in Edition.objects.filter(results_published_q()):
        ids.update(award.entry_id for award in public.public_results_for_edition(edition) if award.label == "nominee")
    return ids


def showcase_candidates() -> QuerySet[Entry]:
    """Entries the jury selected (winner, nominee, honourable mention) whose owners consented."""
    selected = Q(state__in=SHOWCASE_STATES)
    nominee_ids = published_nominee_ids()
    if nominee_ids:
        selected |= Q(pk__in=nominee_ids)
    return Entry.objects.filter(selected, consent_publish=True).exclude(state=EntryState.WITHDRAWN)


def entries_ready_for_showcase() -> QuerySet[Entry]:
    """Consented, selected entries without a showcase page yet (the editors' to-do list)."""
    has_page = ShowcasePage.objects.filter(entry=OuterRef("pk"))
    return (
        showcase_candidates()
        .exclude(Exists(has_page))
        .select_related("edition")
        .order_by("-edition__year", "state", "title")
    )


# --- Award data (from judging when it is there) ---------------------------------------------


@dataclass
class AwardInfo:
    kind: str
    label: str
    amount: Decimal | None
    motivation: str


PUBLIC_LABEL_TO_KIND = {"winner": AwardKind.WINNER, "nominee": AwardKind.NOMINEE}


def award_for_entry(entry: Entry) -> AwardInfo:
    """The public award of an entry: judging's published decision when it is public, else what the
    entry's state says (label only; amounts and motivation come once the results are published)."""
    kind = STATE_TO_AWARD.get(entry.state, AwardKind.OTHER)
    public = _judging_public()
    award = public.public_award_for_entry(entry) if public is not None else None
    if award is not None:
        kind = PUBLIC_LABEL_TO_KIND.get(award.label, AwardKind.OTHER)
    year = entry.edition.year
    label = {
        AwardKind.WINNER: _("Winner %(year)s") % {"year": year},
        AwardKind.NOMINEE: _("Nominee %(year)s") % {"year": year},
    }.get(kind, _("Honourable mention %(year)s") % {"year": year})
    if award is None:
        return AwardInfo(kind=kind, label=label, amount=None, motivation="")
    return AwardInfo(kind=kind, label=label, amount=award.amount, motivation=award.motivation or "")


@dataclass
class ResultRow:
    title: str
    organisations: list
    kind: str
    label: str
    amount: Decimal | None
    motivation: str
    page: ShowcasePage | None


def edition_results(*, edition: Edition) -> dict:
    """Winners, nominees and mentions of a published edition (judging's signed decision when it is
    there, else the entries' states). Only entries whose owners consented to publication are
    named; the others are counted."""
    empty = {"rows": [], "unnamed": 0, "winners": [], "nominees": [], "others": []}
    if not edition_results_are_public(edition):
        return empty
    pages = {p.entry_id: p for p in public_showcase_pages().filter(edition=edition) if p.entry_id}
    public = _judging_public()
    awards = list(public.public_results_for_edition(edition)) if public is not None else []
    if awards:
        entries = Entry.objects.in_bulk([award.entry_id for award in awards])
        pairs = [(entries.get(award.entry_id), award) for award in awards]
    else:
        pairs = [
            (entry, None)
            for entry in Entry.objects.filter(edition=edition, state__in=SHOWCASE_STATES).order_by("state", "title")
        ]
    org_names: dict[int, list[str]] = {}
    for entry_id, name in EntryOrganisation.objects.filter(entry__in=[e for e, _a in pairs if e]).values_list(
        "entry_id", "name"
    ):
        org_names.setdefault(entry_id, []).append(name)
    rows, unnamed = [], 0
    for entry, award in pairs:
        if entry is None or not entry.consent_publish or entry.state == EntryState.WITHDRAWN:
            unnamed += 1
            continue
        page = pages.get(entry.pk)
        kind = PUBLIC_LABEL_TO_KIND.get(award.label, AwardKind.OTHER) if award else STATE_TO_AWARD[entry.state]
        rows.append(
            ResultRow(
                title=page.title if page else entry.title,
                organisations=org_names.get(entry.pk, []),
                kind=kind,
                label=str(award.label_display) if award else entry.get_state_display(),
                amount=award.amount if award else (page.award_amount if page else None),
                motivation=(award.motivation if award else "") or (page.jury_motivation if page else ""),
                page=page,
            )
        )
    return {
        "rows": rows,
        "unnamed": unnamed,
        "winners": [r for r in rows if r.kind == AwardKind.WINNER],
        "nominees": [r for r in rows if r.kind == AwardKind.NOMINEE],
        "others": [r for r in rows if r.kind == AwardKind.OTHER],
    }


def public_year_pages() -> QuerySet[ShowcaseYearPage]:
    return ShowcaseYearPage.objects.live().public().filter(results_published_q("edition__")).order_by("-edition__year")


# --- Site search ----------------------------------------------------------------------------


def site_search(*, query: str):
    """Wagtail search over all live, public pages minus what the rule hides. Returns search results
    of specific pages (paginate them)."""
    if not query:
        return Page.objects.none()
    return Page.objects.live().public().exclude(pk__in=hidden_page_ids()).specific().search(query, operator="and")


# --- Open data ------------------------------------------------------------------------------


def open_data_records(*, request=None) -> list[dict]:
    """The award's own open data: only published, consented pages and their public fields."""
    pages = _with_listing_relations(public_showcase_pages().order_by("-year", "award_rank", "title")).prefetch_related(
        "datasets"
    )
    records = []
    for page in pages:
        records.append(
            {
                "id": page.pk,
                "title": page.title,
                "url": page.get_full_url(request),
                "summary": page.summary,
                "year": page.year,
                "award": page.award_kind,
                "award_label": page.award_label,
                "award_amount_eur": str(page.award_amount) if page.award_amount is not None else None,
                "jury_motivation": page.jury_motivation,
                "application_type": page.application_type,
                "application_url": page.application_url,
                "source_code_url": page.source_code_url,
                "source_code_licence": page.source_code_licence,
                "themes": list(page.themes or []),
                "organisations": [
                    {"name": org.name, "type": org.org_type, "website": org.website} for org in page.organisations.all()
                ],
                "datasets": [
                    {
                        "title": ds.title,
                        "catalogue_name": ds.ckan_name,
                        "url": ds.catalogue_url,
                        "publisher": ds.publisher,
                        "licence": ds.licence_title,
                        "licence_url": ds.licence_url,
                    }
                    for ds in page.datasets.all()
                ],
                "first_published_at": page.first_published_at.isoformat() if page.first_published_at else None,
                "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
            }
        )
    return records


# Choice lists for the filter form, in one place.
THEME_CHOICES = Theme.choices
APPLICATION_TYPE_CHOICES = ApplicationType.choices
ORGANISATION_TYPE_CHOICES = OrganisationType.choices
