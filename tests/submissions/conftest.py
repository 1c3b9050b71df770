"""Fixtures of the submissions tests (files-admin part): the CKAN stand-in, S3 (moto server)."""

import pytest

from .ckan_standin import CkanStandIn


@pytest.fixture(scope="session")
def _ckan_server():
    server = CkanStandIn().start()
    yield server
    server.stop()


@pytest.fixture
def ckan_server(_ckan_server, settings):
    """The stand-in catalogue, reset, with CKAN_BASE_URL pointed at it."""
    _ckan_server.mode = "ok"
    _ckan_server.requests = 0
    _ckan_server.paths = []
    settings.CKAN_BASE_URL = _ckan_server.base_url
    settings.CKAN_TIMEOUT_SECONDS = 0.5
    return _ckan_server


@pytest.fixture(scope="session")
def _moto_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


S3_KEYS = {"access_key": "testing-key", "secret_key": "testing-secret", "region_name": "eu-west-1"}


@pytest.fixture
def s3(_moto_server, settings):
    """STORAGES on a local S3-compatible server (moto in server mode): a public bucket and a
    separate private bucket, as production can be configured. Returns a boto3 client."""
    import uuid

    import boto3

    client = boto3.client("s3", endpoint_url=_moto_server, aws_access_key_id="testing-key",
                          aws_secret_access_key="testing-secret", region_name="eu-west-1")  # fmt: skip
    suffix = uuid.uuid4().hex[:8]
    public_bucket, private_bucket = f"soda-public-{suffix}", f"soda-private-{suffix}"
    for bucket in (public_bucket, private_bucket):
        client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    # As in production: the public bucket lets anyone read under public/ (a bucket policy); the
    # private bucket has no policy, so only presigned requests get its objects.
    import json

    client.put_bucket_policy(
        Bucket=public_bucket,
        Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{public_bucket}/public/*"}]}),
    )  # fmt: skip
    common = {"endpoint_url": _moto_server, "file_overwrite": False, **S3_KEYS}
    settings.STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**common, "bucket_name": public_bucket, "location": "public", "default_acl": None,
                        "querystring_auth": False},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**common, "bucket_name": private_bucket, "location": "private", "default_acl": "private",
                        "querystring_auth": True, "querystring_expire": settings.PRIVATE_URL_EXPIRY_SECONDS,
                        "signature_version": "s3v4"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }  # fmt: skip
    client.public_bucket = public_bucket
    client.private_bucket = private_bucket
    client.endpoint = _moto_server
    return client
