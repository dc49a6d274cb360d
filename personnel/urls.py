from django.urls import path

from personnel import views

app_name = "personnel"
urlpatterns = [
    path("officers/", views.OfficerListView.as_view(), name="officer_list"),
    path("officers/<int:pk>/", views.OfficerDetailView.as_view(), name="officer_detail"),
    path("teams/", views.TeamListView.as_view(), name="team_list"),
    path("teams/<int:pk>/", views.TeamDetailView.as_view(), name="team_detail"),
]
