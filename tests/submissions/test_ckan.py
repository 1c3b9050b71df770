"""The CKAN client against the local stand-in catalogue (never the internet)."""

import pytest

from submissions import ckan
from submissions.licences import licence_is_open, normalise_licence_id


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten-2023", "kerncijfers-wijken-en-buurten-2023"),
        ("http://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten-2023/", "kerncijfers-wijken-en-buurten-2023"),
        ("https://www.data.overheid.nl/en/dataset/abc_def?tab=data#top", "abc_def"),
        ("https://data.overheid.nl/data/dataset/Luchtkwaliteit", "luchtkwaliteit"),
        ("data.overheid.nl/dataset/abc", "abc"),
        ("  https://data.overheid.nl/nl/dataset/abc  ", "abc"),
    ],
)
def test_dataset_urls_of_the_catalogue_are_parsed(url, name):
    assert ckan.parse_dataset_url(url) == name


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://example.org/dataset/abc",
        "https://data.overheid.nl.evil.example/dataset/abc",
        "https://data.overheid.nl/dataset/",
        "https://data.overheid.nl/organization/cbs",
        "javascript:alert(1)//data.overheid.nl/dataset/abc",
        "ftp://data.overheid.nl/dataset/abc",
        "https://data.overheid.nl/dataset/abc/resource/123",
        "https://user@evil.example/?x=data.overheid.nl/dataset/abc",
    ],
)
def test_other_urls_are_not_dataset_urls(url):
    assert ckan.parse_dataset_url(url) is None


@pytest.mark.parametrize(
    ("licence", "is_open"),
    [
        ("http://creativecommons.org/publicdomain/zero/1.0/deed.nl", True),
        ("https://creativecommons.org/licenses/by/4.0/", True),
        ("http://creativecommons.org/licenses/by-sa/3.0/nl/", True),
        ("http://opendatacommons.org/licenses/odbl/1.0/", True),
        ("http://creativecommons.org/publicdomain/mark/1.0/deed.nl", True),
        ("cc-by", True),
        ("CC-BY-SA-4.0", True),
        ("odc-odbl", True),
        ("cc-zero", True),
        ("other-open", True),
        ("notspecified", False),
        ("other-nc", False),
        ("http://creativecommons.org/licenses/by-nc/4.0/deed.nl", False),
        ("http://creativecommons.org/licenses/by-nd/4.0/", False),
        ("http://standaarden.overheid.nl/owms/terms/geslotenlicentie", False),
        ("http://standaarden.overheid.nl/owms/terms/licentieonbekend", False),
        ("other-closed", False),
        ("", False),
        (None, False),
    ],
)
def test_open_licences_are_recognised_from_one_list(licence, is_open):
    assert licence_is_open(licence) is is_open


def test_licence_ids_are_normalised():
    assert normalise_licence_id("HTTPS://www.CreativeCommons.org/licenses/by/4.0/legalcode") == (
        "creativecommons.org/licenses/by/4.0"
    )


def test_package_show_gives_dataset_info(ckan_server):
    info = ckan.get_dataset_by_url("https://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten-2023")
    assert info.name == "kerncijfers-wijken-en-buurten-2023"
    assert info.title == "Kerncijfers wijken en buurten 2023"
    assert info.publisher == "Centraal Bureau voor de Statistiek"
    assert info.organization == "cbs"
    assert info.is_open_licence is True
    assert info.is_dutch_government is True
    assert info.licence_title == "Creative Commons Zero (CC0)"
    assert info.url == "https://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten-2023"


def test_tooi_publisher_counts_as_government_and_non_open_licence_is_marked(ckan_server):
    assert ckan.get_dataset("luchtkwaliteit-meetwaarden-rivm").is_dutch_government is True
    closed = ckan.get_dataset("parkeergarages-bezetting-voorbeeldstad")
    assert closed.is_dutch_government is True
    assert closed.is_open_licence is False


def test_non_government_publisher_is_not_dutch_government(ckan_server):
    info = ckan.get_dataset("fietstellingen-stichting-fietsdata")
    assert info.is_open_licence is True
    assert info.is_dutch_government is False


def test_unknown_dataset_raises_not_found(ckan_server):
    with pytest.raises(ckan.DatasetNotFound):
        ckan.get_dataset("bestaat-niet")


def test_malformed_name_is_not_sent_to_the_catalogue(ckan_server):
    with pytest.raises(ckan.DatasetNotFound):
        ckan.get_dataset("../../etc/passwd")
    assert ckan_server.requests == 0


def test_answers_are_cached(ckan_server):
    ckan.get_dataset("kerncijfers-wijken-en-buurten-2023")
    ckan.get_dataset("kerncijfers-wijken-en-buurten-2023")
    ckan.search_datasets("wijken en buurten")
    ckan.search_datasets("Wijken  en buurten")
    assert ckan_server.requests == 2


def test_search_gives_results_and_count(ckan_server):
    result = ckan.search_datasets("wijken en buurten")
    assert result.count == 42
    assert [d.name for d in result.results] == [
        "kerncijfers-wijken-en-buurten-2023",
        "parkeergarages-bezetting-voorbeeldstad",
    ]
    assert "q=wijken+en+buurten" in ckan_server.paths[0]


def test_search_without_hits_is_empty(ckan_server):
    assert ckan.search_datasets("niets te vinden").results == []
    assert ckan.search_datasets("   ").count == 0


@pytest.mark.parametrize("mode", ["timeout", "error500", "garbage", "wrong_shape"])
def test_catalogue_failures_raise_catalogue_unavailable_and_are_not_cached(ckan_server, mode):
    ckan_server.mode = mode
    with pytest.raises(ckan.CatalogueUnavailable) as info:
        ckan.get_dataset("kerncijfers-wijken-en-buurten-2023")
    assert str(info.value) == str(ckan.CatalogueUnavailable.default_message)
    with pytest.raises(ckan.CatalogueUnavailable):
        ckan.search_datasets("wijken en buurten")
    ckan_server.mode = "ok"
    assert ckan.get_dataset("kerncijfers-wijken-en-buurten-2023").title


def test_unreachable_catalogue_raises_catalogue_unavailable(settings):
    settings.CKAN_BASE_URL = "http://127.0.0.1:9/nothing-listens-here"
    with pytest.raises(ckan.CatalogueUnavailable):
        ckan.search_datasets("wijken")


def test_garbage_inside_a_valid_answer_is_refused():
    with pytest.raises(ckan.CatalogueUnavailable):
        ckan.parse_package({"id": "x", "name": "<script>", "title": "t"})
    with pytest.raises(ckan.CatalogueUnavailable):
        ckan.parse_package(["not", "a", "dict"])
