"""Webhooks in the admin: subscriptions, and each delivery with its attempt log and a replay button."""
from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from ats.webhooks.models import Attempt, Delivery, Event, Subscription
from ats.webhooks.services import delivery_replay, subscription_create, subscription_delete, subscription_update


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["url", "owner", "events", "is_active", "failing_since", "disabled_reason"]
    list_filter = ["is_active"]
    readonly_fields = ["failing_since", "disabled_reason", "created_at", "updated_at"]
    actions = ["enable"]
    # An address typed without a scheme is https (Django 6's default; 5.2 warns and assumes http).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    fields = ["url", "events", "description", "is_active", "secret", "failing_since", "disabled_reason", "created_at", "updated_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Subscription | None = None) -> list[str]:
        return [*self.readonly_fields, "secret"] if obj is None else [*self.readonly_fields]

    def save_model(self, request: HttpRequest, obj: Subscription, form: object, change: bool) -> None:
        """Through the services, like every write (the secret of a new one is generated there)."""
        data = form.cleaned_data  # type: ignore[attr-defined]
        if change:
            changes = {name: data[name] for name in form.changed_data if name in data}  # type: ignore[attr-defined]
            subscription_update(actor=request.user, subscription=obj, changes=changes)
        else:
            created = subscription_create(actor=request.user, url=data["url"], events=data.get("events") or [],
                                          description=data.get("description", ""))
            obj.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: Subscription) -> None:
        subscription_delete(actor=request.user, subscription=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        for subscription in queryset:
            subscription_delete(actor=request.user, subscription=subscription)

    @admin.action(description="Turn on again (forgets the failures)")
    def enable(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        for subscription in queryset:
            subscription_update(actor=request.user, subscription=subscription, changes={"is_active": True})
        messages.success(request, "Turned on again.")


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    can_delete = False
    fields = readonly_fields = ["attempted_at", "status_code", "latency_ms", "response_excerpt", "error"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "subscription", "status", "attempts", "last_status_code", "next_attempt_at"]
    list_filter = ["status", "subscription"]
    readonly_fields = ["event", "subscription", "status", "attempts", "next_attempt_at", "locked_until", "last_status_code",
                       "delivered_at", "replay_of", "created_at"]
    inlines = [AttemptInline]
    change_form_template = "admin/webhooks/delivery_change_form.html"  # adds the Replay button
    actions = ["replay"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_urls(self) -> list:
        return [path("<int:delivery_id>/replay/", self.admin_site.admin_view(self.replay_view), name="webhooks_delivery_replay"),
                *super().get_urls()]

    def replay_view(self, request: HttpRequest, delivery_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        delivery = get_object_or_404(Delivery, pk=delivery_id)
        replay = delivery_replay(actor=request.user, delivery=delivery)
        messages.success(request, f"Replaying as delivery #{replay.pk}.")
        return HttpResponseRedirect(reverse("admin:webhooks_delivery_change", args=[replay.pk]))

    @admin.action(description="Replay the selected deliveries")
    def replay(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        for delivery in queryset:
            delivery_replay(actor=request.user, delivery=delivery)
        messages.success(request, f"{queryset.count()} delivery(ies) sent again.")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["id", "type", "candidate_id", "sequence", "created_at"]
    list_filter = ["type"]
    readonly_fields = ["message_id", "type", "candidate_id", "sequence", "data", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
