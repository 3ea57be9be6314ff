from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ats.api.services import api_token_create


class Command(BaseCommand):
    help = (
        "Creates a personal API token for USERNAME (one new ats_api_apitoken row, stored hashed) and prints it "
        "as the last word of the output: it cannot be shown again. The token has that user's permissions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="Command line", help="What the token is for (shown in the token list).")
        parser.add_argument("--expires-in", type=int, default=None, metavar="DAYS", help="Days until it expires (default: never).")

    def handle(self, *args: Any, username: str, name: str, expires_in: int | None, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        if not user.is_active:
            raise CommandError(f"{username!r} is deactivated: a token for them would be refused.")
        if expires_in is not None and expires_in < 1:
            raise CommandError("--expires-in takes a number of days, at least 1.")
        token, raw = api_token_create(user=user, name=name, expires_in_days=expires_in)
        expiry = f"expires {token.expires_at:%Y-%m-%d %H:%M} UTC" if token.expires_at else "never expires"
        self.stdout.write(f"Token {token.name!r} for {username} ({expiry}); shown only now: {raw}")
