"""Pages of the command and affairs centres, one module per concern."""

from command_center.views.home import (
    BackgroundJobDetailView,
    BackgroundJobListView,
    HomeView,
    MarkNotificationsReadView,
    NotificationListView,
)

__all__ = [
    "BackgroundJobDetailView",
    "BackgroundJobListView",
    "HomeView",
    "MarkNotificationsReadView",
    "NotificationListView",
]
