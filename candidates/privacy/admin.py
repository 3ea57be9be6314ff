"""Read-only admin views of the privacy records (decisions happen on the recruiters' pages)."""
from __future__ import annotations

from django.contrib import admin

from ats.core.admin import ViewOnlyAdmin
from candidates.privacy.models import ErasureRequest, SubjectExport


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ViewOnlyAdmin):
    list_display = ("candidate_ref", "source", "state", "requested_at", "decided_by", "decided_at")
    list_filter = ("state", "source")
    list_select_related = ("decided_by",)


@admin.register(SubjectExport)
class SubjectExportAdmin(ViewOnlyAdmin):
    list_display = ("candidate", "requested_by", "state", "steps_done", "steps_total", "created_at", "expires_at")
    list_filter = ("state",)
    list_select_related = ("candidate", "requested_by")
    exclude = ("file",)  # the zip is downloaded from the profile, permission-checked and audited
