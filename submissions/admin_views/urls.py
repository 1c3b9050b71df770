"""Admin URLs of the Secretariaat's tools, mounted at /admin/inzendingen/ by wagtail_hooks."""

from django.urls import path

from . import entries, outbox

app_name = "submissions_admin"
urlpatterns = [
    path("", entries.entry_index, name="entry_index"),
    path("export/<str:fmt>/", entries.entry_export, name="entry_export"),
    path("<int:pk>/", entries.entry_detail, name="entry_detail"),
    path("<int:pk>/ontvankelijkheid/", entries.entry_eligibility, name="entry_eligibility"),
    path("<int:pk>/dataset/<int:dataset_id>/gecontroleerd/", entries.dataset_check, name="dataset_check"),
    path("mailings/", outbox.mailing_index, name="mailing_index"),
    path("mailings/nieuw/", outbox.mailing_compose, name="mailing_compose"),
    path("mailings/<int:pk>/", outbox.mailing_detail, name="mailing_detail"),
    path("mailings/<int:pk>/versturen/", outbox.mailing_send, name="mailing_send"),
    path("mailings/<int:pk>/opnieuw/", outbox.mailing_retry, name="mailing_retry"),
]
