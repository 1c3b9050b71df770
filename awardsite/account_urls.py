"""Account pages of our own (data export, account deletion live in submissions.privacy)."""

from django.urls import path

from . import views

urlpatterns = [
    path("account/", views.account_overview, name="account_overview"),
]
