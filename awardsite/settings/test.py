"""Test settings: fast hashing, in-memory mail, immediate tasks, no real network."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media" / "public"
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-media" / "private"
if not env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CKAN_BASE_URL = "http://127.0.0.1:9/ckan-not-configured-in-tests"
CKAN_TIMEOUT_SECONDS = 2.0
ACCOUNT_RATE_LIMITS = False if env("TEST_RATE_LIMITS", "") == "off" else ACCOUNT_RATE_LIMITS  # noqa: F405
ALLOWED_HOSTS = ["*"]
