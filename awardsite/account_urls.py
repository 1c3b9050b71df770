"""Account pages of our own (data export, account deletion live in submissions.privacy)."""

from django.urls import path

from . import views

urlpatterns = [
    path("account/", views.account_overview, name="account_overview"),
    path(
        "account/verify-email/resend/",
        views.resend_verification_email,
        name="account_resend_verification",
    ),
]
