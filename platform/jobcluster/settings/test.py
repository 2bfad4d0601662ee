"""Settings for the test suites: development settings with fast hashing and captured mail."""

import os

os.environ.setdefault("SMS_BACKEND", "accounts.sms.LocmemBackend")

from .dev import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS}  # noqa: F405
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "jobcluster-test")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Tasks run in the test process even when REDIS_URL is set; the Celery integration tests start
# a real worker on the broker themselves.
CELERY_TASK_ALWAYS_EAGER = True
# The demo commands refuse to run unless a test turns this on.
JOBCLUSTER_DEMO = False
