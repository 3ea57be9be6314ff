"""Résumé storage from one URL: the local private folder by default, an S3-compatible bucket when
`RESUME_STORAGE_URL` names one (web servers and workers on several hosts cannot share a disk).

    s3://BUCKET[/PREFIX][?endpoint_url=http://minio:9000&region=eu-west-1&addressing_style=path]

Credentials are not part of the URL: boto3 reads them from its usual places (AWS_ACCESS_KEY_ID /
AWS_SECRET_ACCESS_KEY, a profile, an instance role), so they never end up in a log line with it.
Imported by the settings module, so it needs nothing from Django but the exception.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

# Short: a URL is only ever handed out behind the permission check (the app streams files itself).
PRESIGNED_SECONDS = 60
_QUERY_OPTIONS = {"endpoint_url": "endpoint_url", "region": "region_name", "addressing_style": "addressing_style"}


def resume_storage(url: str, local_root: Path) -> dict[str, object]:
    """The STORAGES entry for résumés (and their page previews)."""
    if not url:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": local_root, "base_url": None},
        }
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured(
            f"RESUME_STORAGE_URL must look like s3://bucket/prefix (got {url!r}); leave it empty for the local folder."
        )
    if parts.username or parts.password:
        raise ImproperlyConfigured(
            "RESUME_STORAGE_URL must not hold credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead."
        )
    query = parse_qs(parts.query)
    unknown = sorted(set(query) - set(_QUERY_OPTIONS))
    if unknown:
        raise ImproperlyConfigured(
            f"RESUME_STORAGE_URL has unknown options {', '.join(unknown)}; known: {', '.join(_QUERY_OPTIONS)}."
        )
    options: dict[str, object] = {
        "bucket_name": parts.hostname,
        "location": parts.path.strip("/"),
        # Private: no ACL on the objects (the bucket's own policy, which must not be public), and any
        # URL django-storages builds is a presigned one that expires quickly.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": PRESIGNED_SECONDS,
        # Names are random, but a collision must never replace another candidate's file.
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    for key, option in _QUERY_OPTIONS.items():
        if key in query:
            options[option] = query[key][-1]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
