"""Public views of the showcase outside the page tree: search, datasets, results archive, open data.

Views only parse the request and render; the rows come from `showcase.selectors`.
"""

import csv
import io
import json

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .cache import serve_cached
from .enums import OPEN_DATA_LICENCE_ID, OPEN_DATA_LICENCE_TITLE, OPEN_DATA_LICENCE_URL
from .forms import SearchForm
from .selectors import (
    dataset_summary,
    examples_using_dataset,
    open_data_records,
    public_datasets,
    public_guides,
    public_year_pages,
    site_search,
)

SEARCH_PAGE_SIZE = 10


@require_safe
def search(request):
    def render_search():
        form = SearchForm(request.GET or None)
        query = form.cleaned_data["q"].strip() if form.is_valid() else ""
        page_obj, count = None, 0
        if query:
            paginator = Paginator(site_search(query=query), SEARCH_PAGE_SIZE)
            page_obj = paginator.get_page(request.GET.get("pagina"))
            count = paginator.count
        querystring = request.GET.copy()
        querystring.pop("pagina", None)
        return render(
            request,
            "showcase/search.html",
            {
                "form": form,
                "query": query,
                "results_page": page_obj,
                "result_count": count,
                "querystring": querystring.urlencode(),
            },
        )

    return serve_cached(request, key="search", render=render_search)


@require_safe
def dataset_index(request):
    return render(request, "showcase/dataset_index.html", {"datasets": public_datasets()})


@require_safe
def dataset_detail(request, key):
    dataset = dataset_summary(key)
    if dataset is None:
        raise Http404
    examples = list(examples_using_dataset(key))
    guides = list(public_guides().filter(dataset_keys__contains=f",{key},").order_by("title"))
    return render(request, "showcase/dataset_detail.html", {"dataset": dataset, "examples": examples, "guides": guides})


@require_safe
def results_archive(request):
    return render(request, "showcase/results_archive.html", {"year_pages": public_year_pages()})


# --- Open data ----------------------------------------------------------------------------


def _licence():
    return {"id": OPEN_DATA_LICENCE_ID, "title": OPEN_DATA_LICENCE_TITLE, "url": OPEN_DATA_LICENCE_URL}


def _absolute(request, name):
    return request.build_absolute_uri(reverse(name))


@require_safe
def open_data(request):
    return render(request, "showcase/open_data.html", {"licence": _licence()})


@require_safe
def open_data_json(request):
    data = {
        "title": "Stuiveling Open Data Award: voorbeelden",
        "licence": _licence(),
        "generated_at": timezone.now().isoformat(),
        "records": open_data_records(request=request),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'inline; filename="soda-voorbeelden.json"'
    return response


CSV_COLUMNS = [
    "id", "title", "url", "summary", "year", "award", "award_label", "award_amount_eur", "application_type",
    "application_url", "source_code_url", "source_code_licence", "themes", "organisations", "organisation_types",
    "datasets", "dataset_urls", "first_published_at", "last_published_at",
]  # fmt: skip


@require_safe
def open_data_csv(request):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for record in open_data_records(request=request):
        flat = {
            **record,
            "themes": "; ".join(record["themes"]),
            "organisations": "; ".join(org["name"] for org in record["organisations"]),
            "organisation_types": "; ".join(org["type"] for org in record["organisations"]),
            "datasets": "; ".join(ds["title"] for ds in record["datasets"]),
            "dataset_urls": "; ".join(ds["url"] for ds in record["datasets"] if ds["url"]),
        }
        # Spreadsheet formula injection: a cell never starts with = + - @.
        writer.writerow(
            ["'" + str(v) if isinstance(v, str) and v[:1] in "=+-@" else v for v in (flat[c] for c in CSV_COLUMNS)]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="soda-voorbeelden.csv"'
    return response


@require_safe
def open_data_dcat(request):
    """A DCAT-AP (JSON-LD) catalogue record describing the award's open data."""
    records = open_data_records(request=request)
    modified = max((r["last_published_at"] for r in records if r["last_published_at"]), default=None)
    distributions = [
        ("showcase:open_data_csv", "text/csv", "CSV"),
        ("showcase:open_data_json", "application/json", "JSON"),
        ("showcase:open_data_ckan", "application/json", "CKAN showcase JSON"),
    ]
    data = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@type": "dcat:Catalog",
        "@id": _absolute(request, "showcase:open_data_dcat"),
        "dct:title": "Stuiveling Open Data Award",
        "dct:description": _("The award's own open data: winners, nominees and good-practice examples."),
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": "Ministerie van BZK / LEOO"},
        "dct:license": {"@id": OPEN_DATA_LICENCE_URL},
        "dcat:dataset": [
            {
                "@type": "dcat:Dataset",
                "@id": _absolute(request, "showcase:open_data"),
                "dct:title": "Stuiveling Open Data Award: voorbeelden",
                "dct:description": _(
                    "Winners, nominees and good-practice examples of the Stuiveling Open Data Award, with the "
                    "organisations and the government datasets they use. Only published examples whose makers "
                    "consented to publication."
                ),
                "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/NLD"},
                "dct:license": {"@id": OPEN_DATA_LICENCE_URL},
                "dct:modified": modified,
                "dcat:keyword": ["open data", "hergebruik", "award", "voorbeelden"],
                "dcat:landingPage": {"@id": _absolute(request, "showcase:open_data")},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:title": title,
                        "dcat:downloadURL": {"@id": _absolute(request, name)},
                        "dcat:mediaType": media_type,
                        "dct:license": {"@id": OPEN_DATA_LICENCE_URL},
                    }
                    for name, media_type, title in distributions
                ],
            }
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/ld+json; charset=utf-8"
    )


@require_safe
def open_data_ckan(request):
    """The examples as CKAN `showcase` packages (ckanext-showcase), ready to import into a portal."""
    result = []
    for record in open_data_records(request=request):
        result.append(
            {
                "type": "showcase",
                "name": f"soda-{record['year']}-{record['id']}",
                "title": record["title"],
                "notes": record["summary"],
                "url": record["application_url"] or record["url"],
                "author": ", ".join(org["name"] for org in record["organisations"]),
                "license_id": OPEN_DATA_LICENCE_ID,
                "tags": [{"name": theme} for theme in record["themes"]],
                "extras": [
                    {"key": "soda_year", "value": str(record["year"])},
                    {"key": "soda_award", "value": record["award"]},
                    {"key": "soda_page", "value": record["url"]},
                ],
                "datasets": [
                    {"name": ds["catalogue_name"], "title": ds["title"], "url": ds["url"]} for ds in record["datasets"]
                ],
            }
        )
    data = {"help": _absolute(request, "showcase:open_data"), "success": True, "licence": _licence(), "result": result}
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
