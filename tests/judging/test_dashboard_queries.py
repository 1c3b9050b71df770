"""The juror dashboard runs the same number of queries at 10 and at 300 assignments (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import juror_with_assignments

pytestmark = pytest.mark.django_db


def dashboard_queries(client, count: int) -> int:
    jury, juror = juror_with_assignments(count)
    client.force_login(juror)
    client.get(reverse("judging:dashboard"))  # warm caches (content types, site settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("judging:dashboard"))
    assert response.status_code == 200
    assert "Inzending 0001" in response.content.decode()
    return len(queries)


def test_dashboard_query_count_is_the_same_at_10_and_300_assignments(client, django_assert_num_queries):
    small = dashboard_queries(client, 10)
    client.logout()
    jury, juror = juror_with_assignments(300)
    client.force_login(juror)
    client.get(reverse("judging:dashboard"))
    with django_assert_num_queries(small):
        response = client.get(reverse("judging:dashboard"))
    body = response.content.decode()
    assert "Inzending 0299" in body  # every row is listed
    assert body.count('href="/jury/rondes/') >= 200


def test_dashboard_with_one_assignment_uses_the_same_queries(client, django_assert_num_queries):
    many = dashboard_queries(client, 25)
    client.logout()
    jury, juror = juror_with_assignments(1)
    client.force_login(juror)
    client.get(reverse("judging:dashboard"))
    with django_assert_num_queries(many):
        client.get(reverse("judging:dashboard"))
