import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    call_command("load_demo", stdout=io.StringIO())


def test_home_page_is_served_in_dutch_at_root(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="nl"' in response.content
    assert "Stuiveling Open Data Award" in response.content.decode()


def test_home_page_is_served_in_english_under_en(client, demo_site):
    response = client.get("/en/")
    assert response.status_code == 200
    assert b'<html lang="en"' in response.content


def test_load_demo_is_idempotent(demo_site):
    from awardsite.users import User

    users = User.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert User.objects.count() == users
