"""The activity log in the admin, and the base classes every app's admin uses for rows that only
services may write: the admin shows them and links them, it never edits or deletes them."""
from __future__ import annotations

from typing import Any

from django.contrib import admin

from ats.core.models import Activity


class ViewOnlyMixin:
    """No add, change or delete: these rows are written by the app's services (and histories are
    append-only in the database anyway)."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ViewOnlyAdmin(ViewOnlyMixin, admin.ModelAdmin):
    pass


class ViewOnlyInline(ViewOnlyMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


@admin.register(Activity)
class ActivityAdmin(ViewOnlyAdmin):
    list_display = ("created_at", "actor", "verb", "candidate", "job")
    list_filter = ("verb", "created_at")
    search_fields = ("candidate__full_name", "job__title", "actor__username")
    list_select_related = ("actor", "candidate", "job")
    date_hierarchy = "created_at"
