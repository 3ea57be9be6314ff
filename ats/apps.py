from django.apps import AppConfig


class AtsConfig(AppConfig):
    name = "ats"
    verbose_name = "ATS"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from ats.middleware import mark_signed_in

        user_logged_in.connect(mark_signed_in, dispatch_uid="ats-mark-signed-in")
