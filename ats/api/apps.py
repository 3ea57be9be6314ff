from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ats.api"
    label = "api"
    verbose_name = "API tokens"
