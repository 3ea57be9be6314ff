"""Writes of e-mail templates (recruiters on the templates page, admins in the admin)."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ats.core.access import User, actor_id
from candidates.emails.models import EmailTemplate
from candidates.emails.placeholders import placeholders_in


@transaction.atomic
def email_template_save(*, actor: User | None, template: EmailTemplate) -> EmailTemplate:
    """Create or change a template; PlaceholderError when its text names an unknown placeholder
    (the form says so first; this guards every other door, the admin included)."""
    placeholders_in(template.subject)
    placeholders_in(template.body)
    template.name = template.name.strip()
    template.updated_by_id = actor_id(actor)
    template.updated_at = timezone.now()
    template.save()
    return template
