"""The Celery application: `celery -A jobcluster worker` and `celery -A jobcluster beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcluster.settings.base")

app = Celery("jobcluster")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
