import pytest

from awardsite.demo import ensure_pages
from showcase.models import GuideIndexPage, ShowcaseIndexPage


@pytest.fixture
def home(db):
    return ensure_pages()


@pytest.fixture
def showcase_index(home):
    index = ShowcaseIndexPage(title="Voorbeelden", slug="voorbeelden")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def guide_index(home):
    index = GuideIndexPage(title="Handreikingen", slug="handreikingen")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index
