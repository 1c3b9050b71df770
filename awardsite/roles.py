"""Roles are Django groups. This module names them and answers the questions about them."""

from django.conf import settings

INZENDERS = "Inzenders"
JURY = "Jury"
SECRETARIAAT = "Secretariaat"
REDACTIE = "Redactie"
ALL_ROLES = (INZENDERS, JURY, SECRETARIAAT, REDACTIE)


def user_in_group(user, group_name: str) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_soda_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._soda_group_names = cache
    return group_name in cache


def user_requires_mfa(user) -> bool:
    if user.is_staff or user.is_superuser:
        return True
    return any(user_in_group(user, name) for name in settings.MFA_REQUIRED_GROUPS)


def user_has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    cached = getattr(user, "_soda_has_mfa", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._soda_has_mfa = cached
    return cached


# --- What each role may do ------------------------------------------------------------------------
#
# ONE map, the source of truth for the permissions of the four groups. It is applied by the data
# migration (groups) and again after every `migrate` (post_migrate, see apps.py), so permissions of
# models that other apps add later are picked up without anyone editing this file.
#
# Model permissions: (app_label, model or "*", codename pattern with fnmatch wildcards).
# The group's model permissions are set to EXACTLY what the patterns match: change them here, not
# in the admin (changes made in the admin are undone at the next deploy).
ROLE_MODEL_PERMISSIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    INZENDERS: (),  # entrants act through the site, by object rules; no model permissions
    JURY: (),  # jurors act through the jury screens, by object rules; no admin
    SECRETARIAAT: (
        ("wagtailadmin", "admin", "access_admin"),
        ("submissions", "*", "*"),
        ("judging", "*", "*"),
        ("showcase", "*", "view_*"),
        ("awardsite", "sitesettings", "*"),
        ("awardsite", "auditevent", "view_*"),
    ),
    REDACTIE: (
        ("wagtailadmin", "admin", "access_admin"),
        ("showcase", "*", "*"),
        ("submissions", "entry", "view_*"),
        ("wagtailredirects", "redirect", "*"),
    ),
}
# Taken out again after the patterns: the jury's own work (reviews and scores) is never changed by
# the secretariat, which may only view it.
ROLE_MODEL_PERMISSION_EXCLUSIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    SECRETARIAAT: tuple(
        ("judging", model, f"{action}_*")
        for model in ("review", "score", "reviewrevision")
        for action in ("add", "change", "delete")
    ),
}
# Wagtail page permissions on the root page (so: the whole page tree).
ROLE_PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    REDACTIE: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
# Wagtail collection permissions on the root collection (images and documents). Wagtail checks
# image permissions against wagtailimages.Image, also for our custom image model.
ROLE_COLLECTION_PERMISSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    REDACTIE: (
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtailimages", "delete_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtaildocs", "delete_document"),
    ),
    SECRETARIAAT: (
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "choose_image"),
    ),
}


def matching_permissions(patterns, *, permission_model):
    """The Permission rows matched by (app_label, model, codename pattern) triples."""
    from fnmatch import fnmatchcase

    if not patterns:
        return []
    labels = {app_label for app_label, _model, _codename in patterns}
    candidates = permission_model.objects.filter(content_type__app_label__in=labels).select_related("content_type")
    return [
        perm
        for perm in candidates
        if any(
            perm.content_type.app_label == app_label
            and (model == "*" or perm.content_type.model == model)
            and fnmatchcase(perm.codename, codename)
            for app_label, model, codename in patterns
        )
    ]


def sync_role_permissions(*, apps=None, using: str = "default") -> None:
    """Create the four groups and give each exactly the permissions of the maps above. Idempotent.

    `apps` is a migration's historical app registry or None for the live one."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role in ALL_ROLES:
        group, _created = group_model.objects.using(using).get_or_create(name=role)
        perms = matching_permissions(ROLE_MODEL_PERMISSIONS.get(role, ()), permission_model=permission_model)
        excluded = matching_permissions(
            ROLE_MODEL_PERMISSION_EXCLUSIONS.get(role, ()), permission_model=permission_model
        )
        group.permissions.set([perm for perm in perms if perm not in excluded])
        _sync_page_permissions(apps, using, group, ROLE_PAGE_PERMISSIONS.get(role, ()))
        _sync_collection_permissions(apps, using, group, ROLE_COLLECTION_PERMISSIONS.get(role, ()))


def _sync_page_permissions(apps, using, group, codenames) -> None:
    page_model = apps.get_model("wagtailcore", "Page")
    permission_model = apps.get_model("auth", "Permission")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = page_model.objects.using(using).filter(depth=1).first()
    if root is None:
        return
    wanted = list(
        permission_model.objects.using(using).filter(
            content_type__app_label="wagtailcore", content_type__model="page", codename__in=codenames
        )
    )
    group_page_permission.objects.using(using).filter(group=group, page=root).exclude(permission__in=wanted).delete()
    for permission in wanted:
        group_page_permission.objects.using(using).get_or_create(group=group, page=root, permission=permission)


def _sync_collection_permissions(apps, using, group, pairs) -> None:
    collection_model = apps.get_model("wagtailcore", "Collection")
    permission_model = apps.get_model("auth", "Permission")
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = collection_model.objects.using(using).filter(depth=1).first()
    if root is None:
        return
    wanted = [
        perm
        for app_label, codename in pairs
        for perm in permission_model.objects.using(using).filter(content_type__app_label=app_label, codename=codename)
    ]
    group_collection_permission.objects.using(using).filter(group=group, collection=root).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        group_collection_permission.objects.using(using).get_or_create(
            group=group, collection=root, permission=permission
        )


def sync_roles_after_migrate(sender, *, apps=None, using="default", plan=None, **kwargs) -> None:
    """post_migrate receiver: runs once, after the LAST app, when every app's permissions exist.
    With a migration plan that only goes backwards (unapplying), it does nothing."""
    from django.apps import apps as live_apps

    # Django sends post_migrate only for apps with a models module; act on the last of those.
    with_models = [config for config in live_apps.get_app_configs() if config.models_module is not None]
    if not with_models or sender.label != with_models[-1].label:
        return
    if plan and all(backwards for _migration, backwards in plan):
        return
    try:
        sync_role_permissions(apps=apps, using=using)
    except LookupError:
        # Only part of the apps are migrated (e.g. `migrate awardsite 0001`): the next full migrate syncs.
        return


MFA_REQUIRED_NOTE = (
    "This role requires two-step verification (MFA). At the next login the user is sent to set it up "
    "and reaches nothing else until it is on."
)
