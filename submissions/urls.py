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
