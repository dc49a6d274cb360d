from django.urls import path

from courts import views

app_name = "courts"
urlpatterns = [
    path("courts/", views.CourtListView.as_view(), name="court_list"),
    path("courts/<int:pk>/", views.CourtDetailView.as_view(), name="court_detail"),
    path("bureaus/", views.BureauListView.as_view(), name="bureau_list"),
    path("bureaus/<int:pk>/", views.BureauDetailView.as_view(), name="bureau_detail"),
]
