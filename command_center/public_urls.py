"""The public portal, mounted at /public/ (no login)."""

from django.urls import path

from command_center.views.portal import PublicPortalView

app_name = "public"
urlpatterns = [path("", PublicPortalView.as_view(), name="portal")]
