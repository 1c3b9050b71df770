"""Role groups, their permissions (one map in awardsite/roles.py) and the assign_role command."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from awardsite.audit import AuditEvent
from awardsite.roles import ALL_ROLES, INZENDERS, JURY, REDACTIE, SECRETARIAAT, sync_role_permissions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _codenames(group_name):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group_name).permissions.select_related("content_type")
    }


def test_migrations_create_the_four_groups():
    assert set(Group.objects.filter(name__in=ALL_ROLES).values_list("name", flat=True)) == set(ALL_ROLES)


def test_entrants_and_jury_have_no_admin_access():
    assert _codenames(INZENDERS) == set()
    assert _codenames(JURY) == set()
    juror = UserFactory()
    juror.groups.add(Group.objects.get(name=JURY))
    assert not juror.has_perm("wagtailadmin.access_admin")


def test_secretariaat_manages_submissions_and_judging_and_settings_but_not_scores():
    perms = _codenames(SECRETARIAAT)
    assert "wagtailadmin.access_admin" in perms
    assert "submissions.change_edition" in perms
    assert "submissions.view_entry" in perms
    assert "awardsite.change_sitesettings" in perms
    assert "awardsite.view_auditevent" in perms
    # The jury's own work is view-only for the secretariat.
    assert "judging.view_score" in perms
    assert "judging.change_score" not in perms
    assert "judging.delete_review" not in perms
    # Showcase: view only; no user management.
    assert not any(p.startswith("showcase.") and not p.split(".")[1].startswith("view_") for p in perms)
    assert "awardsite.change_user" not in perms


def test_redactie_edits_pages_images_documents_and_reads_entries():
    perms = _codenames(REDACTIE)
    assert "wagtailadmin.access_admin" in perms
    assert "submissions.view_entry" in perms
    assert "submissions.change_entry" not in perms
    assert not any(p.startswith("judging.") for p in perms)
    group = Group.objects.get(name=REDACTIE)
    root = Page.get_first_root_node()
    page_perms = set(
        GroupPagePermission.objects.filter(group=group, page=root).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page", "lock_page"} <= page_perms
    collection_perms = set(
        GroupCollectionPermission.objects.filter(group=group, collection=Collection.get_first_root_node()).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= collection_perms


def test_sync_puts_back_the_map_and_removes_extras():
    group = Group.objects.get(name=JURY)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    Group.objects.get(name=SECRETARIAAT).permissions.clear()
    sync_role_permissions()
    assert _codenames(JURY) == set()
    assert "submissions.change_edition" in _codenames(SECRETARIAAT)


def test_sync_is_idempotent():
    before = {name: _codenames(name) for name in ALL_ROLES}
    sync_role_permissions()
    sync_role_permissions()
    assert {name: _codenames(name) for name in ALL_ROLES} == before
    assert GroupPagePermission.objects.filter(group__name=REDACTIE).count() == 5


def test_assign_role_gives_the_role_and_records_it():
    user = UserFactory(email="Jurylid@Example.org")
    out = io.StringIO()
    call_command("assign_role", "jurylid@example.org", "jury", stdout=out)
    assert user.groups.filter(name=JURY).exists()
    assert f"Gave {user.email} the role Jury" in out.getvalue()
    assert "two-step verification" in out.getvalue()
    assert AuditEvent.objects.filter(action="role.assigned", object_id=str(user.pk)).exists()


def test_assign_role_twice_changes_nothing():
    user = UserFactory()
    call_command("assign_role", user.email, "Redactie", stdout=io.StringIO())
    out = io.StringIO()
    call_command("assign_role", user.email, "Redactie", stdout=out)
    assert "already has" in out.getvalue()
    assert AuditEvent.objects.filter(action="role.assigned").count() == 1


def test_assign_role_remove():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=SECRETARIAAT))
    call_command("assign_role", user.email, "secretariaat", "--remove", stdout=io.StringIO())
    assert not user.groups.filter(name=SECRETARIAAT).exists()
    assert AuditEvent.objects.filter(action="role.removed").exists()


def test_assign_role_unknown_role_is_a_clear_error():
    user = UserFactory()
    with pytest.raises(CommandError, match="Unknown role 'admin'. Choose one of: Inzenders, Jury"):
        call_command("assign_role", user.email, "admin")
    assert not user.groups.exists()


def test_assign_role_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="No account with e-mail address 'niemand@example.org'"):
        call_command("assign_role", "niemand@example.org", "Jury")
