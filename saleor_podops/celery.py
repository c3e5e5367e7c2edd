"""The Celery application. Tasks live in each package's ``tasks.py``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_podops.settings")

app = Celery("saleor_podops")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
