"""The activity log and the audit trail in the admin, and the base classes every app's admin uses for rows that only
services may write: the admin shows them and links them, it never edits or deletes them. Also
django-rq's queue pages, guarded against links to what no longer exists."""
from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import admin
from django.http import Http404
from django_rq import admin as django_rq_admin
from django_rq.models import Dashboard as DjangoRQDashboard
from django_rq.queues import get_redis_connection
from django_rq.settings import get_queues_list
from rq.exceptions import NoSuchJobError
from rq.worker import Worker

from ats.core.exports import export_response
from ats.core.models import Activity, AuditEvent


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


AUDIT_EXPORT_HEADER = ["When", "Who", "Action", "Candidate id", "Job id", "Address", "Details"]


@admin.register(AuditEvent)
class AuditEventAdmin(ViewOnlyAdmin):
    """Who read or changed what: filter by action and date, search by person, then export what is shown
    (select all, then the export action; the export is itself audited)."""

    list_display = ("created_at", "actor_name", "action", "candidate", "job", "ip", "details")
    list_select_related = ("candidate", "job")
    # The trail grows without end: no filter or count that reads all of it on each page (a date
    # hierarchy's DISTINCT years, a related-only actor list, the full result count). A person is
    # found by their username in the search.
    list_filter = ("action", "created_at")
    search_fields = ("actor_name", "=candidate__id", "=ip")
    show_full_result_count = False
    actions = ["export_csv"]

    def get_actions(self, request: Any) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="details")
    def details(self, event: AuditEvent) -> str:
        text = ", ".join(f"{key}: {value}" for key, value in event.data.items())
        return text if len(text) <= 80 else text[:79] + "…"

    @admin.action(description="Export the selected audit rows as CSV")
    def export_csv(self, request: Any, queryset: Any) -> Any:
        rows = queryset.order_by("created_at", "id").values_list(
            "created_at", "actor_name", "action", "candidate_id", "job_id", "ip", "data"
        ).iterator(chunk_size=2000)
        rows = (row[:-1] + (json.dumps(row[-1], ensure_ascii=False, sort_keys=True),) for row in rows)
        return export_response(
            user=request.user, name="audit", header=AUDIT_EXPORT_HEADER, rows=rows,
            filters={"admin_filters": request.GET.urlencode(), "all_matching": bool(request.POST.get("select_across"))},
        )


class QueueDashboardAdmin(django_rq_admin.QueueAdmin):
    """django-rq's pages, answering 404 rather than 500 for a queue, job or worker that does not
    exist (a stale link after a job expired or a worker left, or a hand-edited URL)."""

    def get_urls(self) -> list:
        urls = super().get_urls()
        for pattern in urls:
            if getattr(pattern, "name", "") and pattern.name.startswith("django_rq_"):
                pattern.callback = _missing_is_404(pattern.callback)
        return urls


def _missing_is_404(view: Callable) -> Callable:
    @wraps(view)
    def guarded(request: Any, *args: Any, **kwargs: Any) -> Any:
        if not (request.user.is_active and request.user.is_staff):
            return view(request, *args, **kwargs)  # the admin's own gate answers first: to its login
        queues = get_queues_list()
        for name in ("queue_index", "scheduler_index", "connection_index"):
            if name in kwargs and not 0 <= int(kwargs[name]) < len(queues):
                raise Http404("No such queue.")
        if "key" in kwargs:
            connection = get_redis_connection(queues[int(kwargs.get("queue_index", 0))]["connection_config"])
            try:
                found = Worker.find_by_key(kwargs["key"], connection=connection)
            except ValueError:  # not shaped like a worker key
                found = None
            if found is None:
                raise Http404("No such worker: it may have stopped.")
        try:
            return view(request, *args, **kwargs)
        except NoSuchJobError as exc:
            raise Http404("No such job: it may have finished and expired.") from exc

    return guarded


if admin.site.is_registered(DjangoRQDashboard):
    admin.site.unregister(DjangoRQDashboard)
    admin.site.register(DjangoRQDashboard, QueueDashboardAdmin)
