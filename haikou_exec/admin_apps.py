"""The admin app with our site (apart from admin_site.py: loaded before the models are)."""

from django.contrib.admin.apps import AdminConfig


class CourtAdminConfig(AdminConfig):
    default_site = "haikou_exec.admin_site.CourtAdminSite"
