#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import secrets
import sys


# Commands that sign nothing and read no data: they run on any checkout without the deployment's
# secrets, so other tools can call the parser (`manage.py parse_resume FILE --json`) as is.
STANDALONE_COMMANDS = {"parse_resume"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats.settings")
    if len(sys.argv) > 1 and sys.argv[1] in STANDALONE_COMMANDS:
        # A throwaway key for this one process: these commands sign nothing that outlives them.
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
