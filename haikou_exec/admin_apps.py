"""App configs the admin needs from outside their apps (apart from admin_site.py:
loaded before the models are): the admin with our site, and third-party apps
under the names the courts' administrators read."""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CourtAdminConfig(AdminConfig):
    default_site = "haikou_exec.admin_site.CourtAdminSite"


class LoginSecurityConfig(AxesAppConfig):
    """django-axes (login attempts and lockouts): its models' and fields' words are
    in our catalog (haikou_exec/library_messages.py), its app's name is here."""

    verbose_name = _("Login security")
