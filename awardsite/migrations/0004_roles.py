"""Creates the four role groups (Inzenders, Jury, Secretariaat, Redactie) with their Wagtail
permissions. The map lives in awardsite/roles.py; after every migrate a post_migrate hook applies it
again, so permissions of models added later by other apps are included too."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from awardsite.roles import sync_role_permissions

    sync_role_permissions(apps=apps, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    from awardsite.roles import ALL_ROLES

    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name__in=ALL_ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awardsite", "0003_audit_event"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
