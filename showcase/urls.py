from django.urls import include, path

from . import feeds, views
from .api import api_router

app_name = "showcase"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("voorbeelden/datasets/", views.dataset_index, name="dataset_index"),
    path("voorbeelden/datasets/<slug:key>/", views.dataset_detail, name="dataset_detail"),
    path("voorbeelden/uitslagen/", views.results_archive, name="results_archive"),
    path("voorbeelden/feed/rss/", feeds.ShowcaseRssFeed(), name="showcase_rss"),
    path("voorbeelden/feed/atom/", feeds.ShowcaseAtomFeed(), name="showcase_atom"),
    path("handreikingen/feed/rss/", feeds.GuideRssFeed(), name="guide_rss"),
    path("handreikingen/feed/atom/", feeds.GuideAtomFeed(), name="guide_atom"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/voorbeelden.csv", views.open_data_csv, name="open_data_csv"),
    path("open-data/voorbeelden.json", views.open_data_json, name="open_data_json"),
    path("open-data/catalogus.jsonld", views.open_data_dcat, name="open_data_dcat"),
    path("open-data/ckan-showcases.json", views.open_data_ckan, name="open_data_ckan"),
    path("api/v2/", include((api_router.get_urlpatterns(), "wagtailapi"))),
]
