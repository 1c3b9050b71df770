from django.urls import path

from . import views

app_name = "submissions"

# Entrant journey (engineer "journey"). The files-admin part of the app adds its own patterns
# (entry_datasets, entry_files, downloads, privacy) below this list.
urlpatterns = [
    path("mijn-inzendingen/", views.dashboard, name="dashboard"),
    path("mijn-inzendingen/nieuw/", views.start_entry, name="start_entry"),
    path("mijn-inzendingen/code/", views.redeem_late_access, name="redeem_late_access"),
    path("meedoen/<int:year>/", views.start_for_edition, name="start_for_edition"),
    path("meedoen/<int:year>/nomineren/", views.nominate, name="nominate"),
    path("nominatie/<str:token>/", views.nomination_respond, name="nomination_respond"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("inzendingen/<int:pk>/stap/<slug:slug>/", views.entry_step, name="entry_step"),
    path("inzendingen/<int:pk>/stap/<slug:slug>/autosave/", views.entry_autosave, name="entry_autosave"),
    path("inzendingen/<int:pk>/indienen/", views.entry_submit, name="entry_submit"),
    path("inzendingen/<int:pk>/intrekken/", views.entry_withdraw, name="entry_withdraw"),
    path("inzendingen/<int:pk>/voorbeeld/", views.entry_preview, name="entry_preview"),
    path("inzendingen/<int:pk>/versies/", views.entry_versions, name="entry_versions"),
    path("inzendingen/<int:pk>/team/uitnodigen/", views.entry_invite, name="entry_invite"),
    path(
        "inzendingen/<int:pk>/team/uitnodiging/<int:invitation_id>/intrekken/",
        views.entry_invitation_revoke,
        name="entry_invitation_revoke",
    ),
    path(
        "inzendingen/<int:pk>/team/<int:membership_id>/verwijderen/",
        views.entry_member_remove,
        name="entry_member_remove",
    ),
]

# Files-admin part: the "data used" and "images and attachments" steps, private downloads, privacy.
from . import file_views, privacy_views  # noqa: E402

urlpatterns += [
    path("inzendingen/<int:pk>/data/", file_views.entry_datasets, name="entry_datasets"),
    path("inzendingen/<int:pk>/bestanden/", file_views.entry_files, name="entry_files"),
    path("bestanden/<slug:kind>/<int:pk>/", file_views.file_download, name="file_download"),
    path("account/mijn-gegevens/", privacy_views.my_data, name="my_data"),
    path("account/mijn-gegevens/download/", privacy_views.my_data_download, name="my_data_download"),
    path("account/verwijderen/", privacy_views.delete_my_account, name="delete_account"),
]
