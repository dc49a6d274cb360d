"""The composition root's URL configuration (ROOT_URLCONF): every app's pages and
API mounted in one place. It is the only code that imports the apps to put the site
together, so it sits above them all in the import contract (docs/ARCHITECTURE.md)."""

from importlib import import_module

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from cases.views.search import SearchView
from command_center.views import HomeView
from haikou_exec.api import ApiRootView, ObtainExpiringAuthToken
from haikou_exec.views import healthz

# Each app declares its REST resources on a router in api/urls.py; they are served
# together under /api/v1/ by one DefaultRouter, whose root view lists them all.
API_APPS = (
    "courts",
    "personnel",
    "cases",
    "equipment",
    "command_center",
    "supervision",
    "assessment",
)
api_router = DefaultRouter()
api_router.include_format_suffixes = False  # the same URLs as before, plus the root
api_router.APIRootView = ApiRootView
for _app in API_APPS:
    api_router.registry.extend(import_module(f"{_app}.api.urls").router.registry)

api_urlpatterns = [
    path("auth/token/", ObtainExpiringAuthToken.as_view(), name="api-token"),
    *api_router.urls,
]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    # The header's search box (cases/search.py).
    path("search/", SearchView.as_view(), name="search"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include(api_urlpatterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    # Pages, one prefix per app.
    path("cases/", include("cases.urls")),
    # The command centre's pages reached from a case (网络查控, a task for the
    # affairs centre) live with the command centre, under the case's address.
    path("cases/", include("command_center.case_urls")),
    path("org/", include("courts.urls")),
    path("people/", include("personnel.urls")),
    path("centre/", include("command_center.urls")),
    path("equipment/", include("equipment.urls")),
    path("public/", include("command_center.public_urls")),
    path("supervision/", include("supervision.urls")),
    path("assessment/", include("assessment.urls")),
]

# Error pages in the user's language, JSON under /api/ (haikou_exec.errors).
handler403 = "haikou_exec.errors.permission_denied"
handler404 = "haikou_exec.errors.page_not_found"
handler500 = "haikou_exec.errors.server_error"
