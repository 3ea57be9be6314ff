from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ats.core"
    label = "core"
    verbose_name = "Activity log"
