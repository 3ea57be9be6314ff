"""The one exception the parser lets escape."""

from __future__ import annotations


class ParseError(Exception):
    """A résumé could not be read.

    ``str(error)`` is written for a recruiter, not a developer: it says what is
    wrong with the file and what to do about it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


ACCEPTED = "Accepted formats: PDF, DOCX, TXT."
