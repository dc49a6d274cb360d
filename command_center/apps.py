from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommandCenterConfig(AppConfig):
    name = "command_center"
    verbose_name = _("Command and affairs centre")
