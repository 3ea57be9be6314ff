"""Résumés on an S3-compatible bucket (RESUME_STORAGE_URL): upload, parse by the real worker,
download, page previews and deletion against a real S3-protocol server (moto in server mode)
on loopback. The rest of the suite keeps the local folder."""
from __future__ import annotations

import socket

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from ats.demo import fake_resumes
from ats.storage_config import resume_storage
from candidates.resumes.models import Resume
from candidates.resumes.services.intake import resumes_delete
from candidates.resumes.worker import ParsingWorker

BUCKET = "ats-resumes-test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    """An empty private bucket, and the résumé field storing into it as RESUME_STORAGE_URL would
    configure it (the field's storage is built when the model class loads, hence the swap)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    url = f"s3://{BUCKET}/tenant-a/resumes?endpoint_url={s3_endpoint}&region=us-east-1&addressing_style=path"
    storage = storages.create_storage(resume_storage(url, local_root=None))
    monkeypatch.setattr(Resume._meta.get_field("file"), "storage", storage)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


@pytest.mark.django_db(transaction=True)
def test_a_resume_goes_to_the_bucket_privately_is_parsed_downloaded_previewed_and_deleted(
    bucket, recruiter, recruiter_client, redis_queue
):
    person = fake_resumes.fake_person(31)
    data = fake_resumes.resume_pdf(person)
    response = recruiter_client.post(
        reverse("candidates:upload"), {"files": [SimpleUploadedFile("Quenneville CV.pdf", data)]},
        HTTP_ACCEPT="application/json",
    )
    assert [r["status"] for r in response.json()["results"]] == ["queued"]
    resume = Resume.objects.get()
    [key] = _keys(bucket)
    # A random name under the prefix: the person's file name is not in the bucket.
    assert key == f"tenant-a/resumes/{resume.file.name}" and "Quenneville" not in key
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert all(g["Grantee"].get("URI") is None for g in grants), grants  # no AllUsers/AuthenticatedUsers
    assert bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() == data

    ParsingWorker([redis_queue], connection=redis_queue.connection).work(burst=True, with_scheduler=False)
    resume.refresh_from_db()
    assert resume.status == "parsed", resume.failure_reason
    assert resume.candidate.emails == [person.email]

    download = recruiter_client.get(reverse("candidates:resume_download", args=[resume.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == data
    image = recruiter_client.get(reverse("candidates:resume_page_image", args=[resume.pk, 1]))
    assert image.status_code == 200 and b"".join(image.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    assert any("/previews/" in k for k in _keys(bucket))  # the drawn pages are stored beside the file
    # Any URL the storage builds is presigned and short-lived, never a public one.
    url = resume.file.url
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=60" in url

    resumes_delete(actor=recruiter, resume_ids=[resume.pk])
    assert _keys(bucket) == []


@pytest.mark.django_db
def test_a_missing_object_is_a_404_not_a_server_error(bucket, recruiter, recruiter_client):
    response = recruiter_client.post(
        reverse("candidates:upload"),
        {"files": [SimpleUploadedFile("cv.txt", fake_resumes.resume_txt(fake_resumes.fake_person(32)))]},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    resume = Resume.objects.get()
    bucket.delete_object(Bucket=BUCKET, Key=f"tenant-a/resumes/{resume.file.name}")
    assert recruiter_client.get(reverse("candidates:resume_download", args=[resume.pk])).status_code == 404


@pytest.mark.parametrize("url, message", [
    ("https://bucket/x", "must look like s3://bucket/prefix"),
    ("s3://key:secret@bucket/x", "must not hold credentials"),
    ("s3://bucket/x?acl=public-read", "unknown options acl"),
])
def test_a_bad_storage_url_is_refused_with_what_to_write(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        resume_storage(url, local_root=None)
