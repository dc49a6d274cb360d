from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from command_center.views import HomeView
from courts.api.views import BureauViewSet, CourtViewSet
from haikou_exec.api import ObtainExpiringAuthToken
from haikou_exec.views import healthz
from personnel.api.views import OfficerViewSet

router = DefaultRouter()
router.register("courts", CourtViewSet, basename="court")
router.register("bureaus", BureauViewSet, basename="bureau")
router.register("officers", OfficerViewSet, basename="officer")

admin.site.site_header = "海口法院执行管理系统"
admin.site.site_title = "执行管理系统"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
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
    path("api/v1/auth/token/", ObtainExpiringAuthToken.as_view(), name="api-token"),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("org/", include("courts.urls")),
    path("people/", include("personnel.urls")),
    path("centre/", include("command_center.urls")),
]
