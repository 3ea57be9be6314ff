"""(A helper of migrations, not one: the loader skips names that start with "_".)

For migrations that move a model to another app: its content type (and so its permissions
and admin log entries) moves with it instead of being left stale and created anew."""
from __future__ import annotations

from typing import Any


def move_content_type(model: str, old_app: str, new_app: str) -> tuple[Any, Any]:
    """RunPython (forward, backward) functions that relabel `model`'s content type."""

    def relabel(apps: Any, from_app: str, to_app: str) -> None:
        content_types = apps.get_model("contenttypes", "ContentType")
        if not content_types.objects.filter(app_label=to_app, model=model).exists():
            content_types.objects.filter(app_label=from_app, model=model).update(app_label=to_app)

    def forward(apps: Any, schema_editor: Any) -> None:
        relabel(apps, old_app, new_app)

    def backward(apps: Any, schema_editor: Any) -> None:
        relabel(apps, new_app, old_app)

    return forward, backward
