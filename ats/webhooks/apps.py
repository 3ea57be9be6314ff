from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "ats.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
