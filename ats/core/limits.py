"""Request bodies are refused by their size before they are read.

Django reads a body when a view (or the CSRF check) first touches request.POST/FILES; by then a
300 MB upload has been spooled to disk. `RequestBodyLimitMiddleware` answers 413 from the
Content-Length header first: a few hundred KB for every form, and for the URLs that take files
(`takes_files` on the view, signed in) as many files as one request carries at the per-file limit;
a public form with one file (`takes_one_file_from_anyone`: the careers apply form) one file's worth. A body
without Content-Length (chunked) is not read by Django at all. `FileSizeCapHandler` then
stops storing any one file the moment it passes MAX_UPLOAD_SIZE, so a request within the total
but with one oversized file never holds that file, and the file is reported by name.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve


def human_size(size: int) -> str:
    """"10.0 MB"; in bytes when the rounded figure would hide the difference that matters."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(size // 1024, 1)} KB"


def sizes_apart(size: int, limit: int) -> tuple[str, str]:
    shown, shown_limit = human_size(size), human_size(limit)
    if shown == shown_limit:
        return f"{size:,} bytes", f"{limit:,} bytes"
    return shown, shown_limit


def file_body_limit() -> int:
    """What one request that uploads files may carry: UPLOAD_FILES_PER_REQUEST files at the limit."""
    return settings.UPLOAD_FILES_PER_REQUEST * settings.MAX_UPLOAD_SIZE + 1024 * 1024


def one_file_body_limit() -> int:
    """What a public form with one file (the careers apply form) may carry: the file and the form."""
    return settings.MAX_UPLOAD_SIZE + settings.MAX_REQUEST_BODY


def takes_one_file_from_anyone(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a public view whose requests may carry one file, signed in or not (one_file_body_limit())."""
    view.takes_one_file = True  # type: ignore[attr-defined]
    return view


def takes_files(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view whose requests may carry files (up to file_body_limit())."""
    view.takes_files = True  # type: ignore[attr-defined]
    return view


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY:
            limit = self._limit_for(request)
            if length > limit:
                return self._refuse(request, length, limit)
        return self.get_response(request)

    @staticmethod
    def _limit_for(request: HttpRequest) -> int:
        # Files only from someone signed in: an anonymous body never gets the upload limit.
        user = getattr(request, "user", None)
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            return settings.MAX_REQUEST_BODY
        if getattr(view, "takes_files", False) and user is not None and user.is_authenticated:
            return file_body_limit()
        if getattr(view, "takes_one_file", False):
            return one_file_body_limit()
        return settings.MAX_REQUEST_BODY

    @staticmethod
    def _refuse(request: HttpRequest, length: int, limit: int) -> HttpResponse:
        size, most = sizes_apart(length, limit)
        message = f"This upload is {size}; one request may carry at most {most}. Send fewer or smaller files at a time."
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"message": message}, status=413)
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class FileSizeCapHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes each chunk on to Django's own handlers until a file
    grows past MAX_UPLOAD_SIZE, then skips the rest of that file and names it in
    request.oversized_files (the view reports it)."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_SIZE:
            self.request.oversized_files = [*getattr(self.request, "oversized_files", []), self.file_name]
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler builds the file
