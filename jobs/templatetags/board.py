"""`{% board_card application %}`: a pipeline card, built by jobs.applications.cards."""
from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from jobs.applications.cards import CardOptions, card_html

register = template.Library()


@register.simple_tag(takes_context=True)
def board_card(context: Any, application: Any) -> SafeString:
    # What all cards of one page share is read from the context once per render, not once per card.
    options = context.render_context.get("board_card_options")
    if options is None:
        options = context.render_context["board_card_options"] = CardOptions.from_context(context)
    return card_html(application, options)
