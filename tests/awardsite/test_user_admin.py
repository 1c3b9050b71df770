"""Wagtail's Users admin works with our custom user (e-mail login, no username, organisation)."""

import pytest
from django.contrib.auth.models import Group

from awardsite.roles import JURY
from awardsite.users import User

from .factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(user_with_role(None, mfa=True, is_staff=True, is_superuser=True))
    return client


def test_user_list_and_create_form_render(admin_client):
    assert admin_client.get("/admin/users/").status_code == 200
    html = admin_client.get("/admin/users/new/").content.decode()
    assert 'name="email"' in html
    assert 'name="organisation"' in html
    assert 'name="username"' not in html


def test_create_user_with_organisation_and_role(admin_client):
    jury = Group.objects.get(name=JURY)
    response = admin_client.post(
        "/admin/users/new/",
        {
            "email": "Nieuw.Jurylid@Example.org",
            "first_name": "Nieuw",
            "last_name": "Jurylid",
            "organisation": "Gemeente Voorbeeld",
            "password1": "een-lang-wachtwoord-1",
            "password2": "een-lang-wachtwoord-1",
            "groups": [jury.pk],
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw.jurylid@example.org")
    assert user.organisation == "Gemeente Voorbeeld"
    assert user.groups.filter(pk=jury.pk).exists()


def test_duplicate_address_in_other_case_is_refused(admin_client):
    existing = user_with_role(None)
    response = admin_client.post(
        "/admin/users/new/",
        {
            "email": existing.email.upper(),
            "first_name": "Dubbel",
            "last_name": "Account",
            "password1": "een-lang-wachtwoord-1",
            "password2": "een-lang-wachtwoord-1",
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact=existing.email).count() == 1


def test_edit_user_changes_organisation(admin_client):
    user = user_with_role(None)
    response = admin_client.get(f"/admin/users/edit/{user.pk}/")
    assert response.status_code == 200
    assert 'name="organisation"' in response.content.decode()
    response = admin_client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": "Nieuwe organisatie",
            "is_active": "on",
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.organisation == "Nieuwe organisatie"


def test_secretariaat_cannot_manage_users(client):
    client.force_login(user_with_role("Secretariaat", mfa=True))
    response = client.get("/admin/users/")
    assert response.status_code in (302, 403)
