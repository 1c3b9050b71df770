"""How a dataset is identified across showcase pages and guides."""

from django.utils.text import slugify


def dataset_key(*, ckan_name: str = "", title: str = "") -> str:
    """The catalogue name when there is one (data.overheid.nl names are slugs), else the slugified title."""
    return slugify(ckan_name or title)[:200]
