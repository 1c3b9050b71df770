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
    path(
        "jury/rondes/<int:round_pk>/inzendingen/<int:entry_pk>/beoordelen/autosave/",
        views.review_autosave,
        name="review_autosave",
    ),
]

# Deliberation and decision (judging/decision_views/).
from .decision_views import chair, deliberation, outputs  # noqa: E402

urlpatterns += [
    path("jury/edities/<int:year>/rangschikking/", chair.ranking_overview, name="decision_overview"),
    path("jury/edities/<int:year>/longlist/", chair.place_on_longlist, name="decision_longlist"),
    path("jury/edities/<int:year>/shortlist/", chair.select_shortlist, name="decision_shortlist"),
    path("jury/edities/<int:year>/eindrangschikking/", chair.final_ranking, name="decision_final_ranking"),
    path("jury/edities/<int:year>/prijzengeld/", chair.calculator, name="decision_calculator"),
    path("jury/edities/<int:year>/besluit/", chair.decision_detail, name="decision_detail"),
    path("jury/edities/<int:year>/besluit/<int:pk>/ondertekenen/", chair.sign, name="decision_sign"),
    path("jury/edities/<int:year>/besluit/<int:pk>/vervangen/", chair.supersede, name="decision_supersede"),
    path("jury/edities/<int:year>/beraad/", deliberation.deliberation, name="deliberation"),
    path("jury/edities/<int:year>/beraad/<int:entry_pk>/", deliberation.entry_notes, name="deliberation_entry"),
    path("jury/edities/<int:year>/beraad/<int:entry_pk>/feedback/", deliberation.feedback, name="feedback"),
    path("jury/edities/<int:year>/feedback-versturen/", deliberation.send_feedback, name="feedback_send"),
    path("jury/edities/<int:year>/juryrapport/", outputs.report, name="decision_report"),
    path("jury/edities/<int:year>/juryrapport/<int:entry_pk>/", outputs.report_entry, name="decision_report_entry"),
    path("jury/edities/<int:year>/scores.csv", outputs.export_scores_csv, name="scores_export_csv"),
    path("jury/edities/<int:year>/scores.xlsx", outputs.export_scores_xlsx, name="scores_export_xlsx"),
]
