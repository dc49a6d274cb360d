from django.urls import path

from command_center import views

app_name = "command_center"
urlpatterns = [
    path("jobs/", views.BackgroundJobListView.as_view(), name="job_list"),
    path("jobs/<int:pk>/", views.BackgroundJobDetailView.as_view(), name="job_detail"),
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path(
        "notifications/read/", views.MarkNotificationsReadView.as_view(), name="notifications_read"
    ),
]
