"""PERMISSION MATRIX: every role × entry state × every jury endpoint (and the submissions file
download and `entries_visible_to`, which read through the judging access contract). Nothing leaks:
a user who may not see the entry gets 404 on each path, never sees its title in a list, and cannot
write a review.

Roles: anonymous, the entrant who owns the entry, another entrant, a juror assigned without
conflict, a juror assigned with a conflict, a juror not assigned, the chair, the Secretariaat and
the Redactie."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from awardsite.roles import INZENDERS, REDACTIE, SECRETARIAAT
from judging.models import Review
from submissions.enums import COMPETING_STATES, EntryState
from submissions.models import EntryAttachment, EntryImage
from submissions.selectors import entries_visible_to

from .factories import assign, build_jury, declare, make_user

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "owner",
    "other_entrant",
    "juror_ok",
    "juror_conflict",
    "juror_unassigned",
    "chair",
    "secretariaat",
    "redactie",
]
STATES = list(EntryState)


def build_world(state):
    jury = build_jury(entries=1, jurors=3)
    entry = jury.entries[0]
    entry.state = state
    entry.save()
    juror_ok, juror_conflict, juror_unassigned = jury.jurors
    assign(juror_ok, entry, jury.round)
    assign(juror_conflict, entry, jury.round)
    declare(juror_ok, entry)
    declare(juror_conflict, entry, conflict=True)
    declare(juror_unassigned, entry)  # declared, but not assigned: still nothing
    declare(jury.chair, entry)
    # Written through storages["private"] (what the download view reads), not the field's storage
    # instance, which was fixed at import time, before the test moved the private folder.
    private = storages["private"]
    attachment = EntryAttachment.objects.create(
        entry=entry,
        file=private.save(f"entries/{entry.pk}/attachments/plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n")),
        title="Projectplan",
        content_type="application/pdf",
        size=15,
        sha256="0" * 64,
    )
    image = EntryImage.objects.create(
        entry=entry,
        file=private.save(f"entries/{entry.pk}/images/shot.png", ContentFile(b"\x89PNG\r\n\x1a\n")),
        alt_text="Schermafdruk",
        content_type="image/png",
        size=8,
        sha256="0" * 64,
    )
    users = {
        "anonymous": AnonymousUser(),
        "owner": entry.owner,
        "other_entrant": make_user(INZENDERS),
        "juror_ok": juror_ok,
        "juror_conflict": juror_conflict,
        "juror_unassigned": juror_unassigned,
        "chair": jury.chair,
        "secretariaat": make_user(SECRETARIAAT, mfa=True, is_staff=True),
        "redactie": make_user(REDACTIE, mfa=True, is_staff=True),
    }
    return jury, entry, attachment, image, users


def may_see_as_juror(role, state) -> bool:
    return role in ("juror_ok", "chair") and state in COMPETING_STATES


def may_see_entry(role, state) -> bool:
    """`entries_visible_to` and the file download: the team, the Secretariaat, and jurors."""
    return role in ("owner", "secretariaat") or may_see_as_juror(role, state)


@pytest.mark.parametrize("state", STATES)
def test_permission_matrix(client, state):
    jury, entry, attachment, image, users = build_world(state)
    round_pk = jury.round.pk
    entry_url = reverse("judging:entry", kwargs={"round_pk": round_pk, "entry_pk": entry.pk})
    review_url = reverse("judging:review", kwargs={"round_pk": round_pk, "entry_pk": entry.pk})
    list_urls = [
        reverse("judging:dashboard"),
        reverse("judging:round", kwargs={"round_pk": round_pk}),
        reverse("judging:declare", kwargs={"round_pk": round_pk}),
    ]
    files = [
        reverse("submissions:file_download", kwargs={"kind": "attachment", "pk": attachment.pk}),
        reverse("submissions:file_download", kwargs={"kind": "image", "pk": image.pk}),
    ]
    post = {"version": "0", "save": "1"}
    for criterion in jury.criteria:
        post[f"score_{criterion.pk}"] = "1"
        post[f"motivation_{criterion.pk}"] = "x"

    for role in ROLES:
        user = users[role]
        client.logout()
        if role != "anonymous":
            client.force_login(user)
        juror_view = may_see_as_juror(role, state)
        where = f"{role} / {state}"

        # The entry page.
        response = client.get(entry_url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, where
        else:
            assert response.status_code == (200 if juror_view else 404), where

        # The review form: only for an assigned juror without conflict (the chair is not assigned).
        response = client.get(review_url)
        if role == "anonymous":
            assert response.status_code == 302, where
        else:
            assert response.status_code == (200 if juror_view and role == "juror_ok" else 404), where
        response = client.post(review_url, post)
        if role != "juror_ok" or not juror_view:
            assert response.status_code in (302, 404), where
            assert not Review.objects.filter(juror_id=getattr(user, "pk", None)).exists(), where

        # Lists: the title appears only where the juror may see the entry.
        for url in list_urls:
            response = client.get(url)
            if role == "anonymous":
                assert response.status_code == 302, (where, url)
                continue
            assert response.status_code in (200, 404), (where, url)
            if response.status_code == 200:
                shown = entry.title in response.content.decode()
                # The dashboard lists the user's own assignments (the chair has none here).
                expected = juror_view and (role == "juror_ok" or url != list_urls[0])
                assert shown == expected, (where, url)

        # Files and the submissions selector, through the contract.
        for url in files:
            response = client.get(url)
            expected = 200 if may_see_entry(role, state) else 404
            if role == "anonymous":
                assert response.status_code in (302, 404), (where, url)
            else:
                assert response.status_code == expected, (where, url)
            if getattr(response, "streaming", False):
                # Read it through the test client's wrapper (closing the response by hand would
                # fire request_finished and close the test's database connection on PostgreSQL).
                b"".join(response.streaming_content)
        visible = entry in entries_visible_to(user) if role != "anonymous" else False
        assert visible == may_see_entry(role, state), where
