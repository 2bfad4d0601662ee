from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeekersConfig(AppConfig):
    name = "seekers"
    verbose_name = _("Chercheurs d’emploi")
    default_auto_field = "django.db.models.BigAutoField"
