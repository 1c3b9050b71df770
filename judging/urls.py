from django.urls import path

from . import views

app_name = "judging"

# Jury workflow (dashboard, declarations, entries, reviews). Deliberation and decision screens add
# their patterns below this list.
urlpatterns = [
    path("jury/", views.dashboard, name="dashboard"),
    path("jury/uitnodigingen/<int:pk>/", views.respond_invitation, name="respond_invitation"),
    path("jury/rondes/<int:round_pk>/", views.round_entries, name="round"),
    path("jury/rondes/<int:round_pk>/belangen/", views.declare, name="declare"),
    path("jury/rondes/<int:round_pk>/inzendingen/<int:entry_pk>/", views.entry_detail, name="entry"),
    path("jury/rondes/<int:round_pk>/inzendingen/<int:entry_pk>/beoordelen/", views.review, name="review"),
]
