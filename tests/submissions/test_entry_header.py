"""What an entrant is told on their entry's pages: the published deadline and an honest step indicator."""

import pytest
from django.urls import reverse
from django.utils import formats

from submissions.completeness import step_status
from submissions.deadline import local
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_check_step_is_not_marked_done_for_an_unsubmitted_draft():
    entry = EntryFactory()
    assert step_status(entry)[-1]["complete"] is False


def test_step_page_announces_the_published_closing_time_not_the_grace_period(client):
    entry = EntryFactory()
    edition = entry.edition
    client.force_login(entry.owner)
    response = client.get(reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "toepassing"}))
    assert response.status_code == 200
    html = response.content.decode()
    announced = formats.date_format(local(edition.closes_at), "j F Y, H:i")
    with_grace = formats.date_format(local(edition.deadline_with_grace), "j F Y, H:i")
    assert announced != with_grace
    assert announced in html
    assert with_grace not in html


def test_refused_submit_links_each_missing_item_to_where_it_is_filled_in(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    response = client.post(reverse("submissions:entry_submit", kwargs={"pk": entry.pk}))
    assert response.status_code == 400
    summary = response.content.decode().split('id="submit-error-title"')[1].split("</ul>")[0]
    step_url = reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "organisatie"})
    assert f'<a href="{step_url}' in summary
