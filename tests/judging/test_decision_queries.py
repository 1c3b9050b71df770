"""Query-count guards: the deliberation list, the jury report, the ranking overview and the
payments screen cost the same number of queries for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from judging.services import decisions as services
from submissions.enums import EntryState
from tests.factories import EntryFactory, EntryOrganisationFactory

from .decision_fixtures import build_final, draft

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def _add_entries(edition, count):
    for index in range(count):
        entry = EntryFactory(edition=edition, state=EntryState.LONGLIST, title=f"Extra {index}")
        EntryOrganisationFactory(entry=entry)


@pytest.mark.parametrize("name", ["judging:deliberation", "judging:decision_report", "judging:decision_overview"])
def test_jury_lists_cost_the_same_queries_for_one_and_many_rows(client, name, django_assert_num_queries):
    small, large = build_final(), build_final()
    _add_entries(large.edition, 12)
    for final in (small, large):
        services.sign_decision(decision=draft(final), by=final.chair, fresh_mfa=True)
    client.force_login(small.chair)
    _queries(client, reverse(name, kwargs={"year": small.edition.year}))  # warm caches (content types, sessions)
    expected = _queries(client, reverse(name, kwargs={"year": small.edition.year}))
    client.force_login(large.chair)
    _queries(client, reverse(name, kwargs={"year": large.edition.year}))
    with django_assert_num_queries(expected):
        client.get(reverse(name, kwargs={"year": large.edition.year}))


def test_payments_screen_costs_the_same_queries_for_one_and_many_shares(client, django_assert_num_queries):
    small, large = build_final(), build_final()
    for final, winners in ((small, 1), (large, 3)):
        rule = "winner-takes-all" if winners == 1 else "equal"
        services.sign_decision(decision=draft(final, rule=rule, winners=winners), by=final.chair, fresh_mfa=True)
    client.force_login(small.secretariaat)
    url = reverse("judging_decisions_admin:index")
    _queries(client, f"{url}?edition={small.edition.year}")
    expected = _queries(client, f"{url}?edition={small.edition.year}")
    client.force_login(large.secretariaat)
    _queries(client, f"{url}?edition={large.edition.year}")
    with django_assert_num_queries(expected):
        client.get(f"{url}?edition={large.edition.year}")
