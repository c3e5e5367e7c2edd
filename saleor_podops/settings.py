"""Django settings: everything comes from environment variables with safe defaults.

Without any variable set, PodOps runs on the *embedded default*: SQLite and a local media folder under
``./var``, and Celery on a broker-less filesystem transport served by the worker that ``podops serve``
starts beside the web server. Production sets ``PODOPS_DEBUG=false`` and the URLs of PostgreSQL, Redis
and S3-compatible storage (see the README for every variable).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import dj_database_url
import environ

logger = logging.getLogger(__name__)

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

VAR_DIR = Path(env.str("PODOPS_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("PODOPS_DEBUG", default=True)
EMBEDDED = DEBUG  # the laptop default: relaxed allow-lists, local files, filesystem broker

_DEV_SECRET = "podops-insecure-development-key-change-me"
SECRET_KEY = env.str("PODOPS_SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("PODOPS_SECRET_KEY must be set when PODOPS_DEBUG is false")

PUBLIC_URL = env.str("PODOPS_PUBLIC_URL", default="http://localhost:8000").rstrip("/")
ALLOWED_HOSTS = env.list("PODOPS_ALLOWED_HOSTS", default=["*"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    from urllib.parse import urlsplit

    ALLOWED_HOSTS = [urlsplit(PUBLIC_URL).hostname or ""]
CSRF_TRUSTED_ORIGINS = [PUBLIC_URL]

# Saleor instances allowed to install PodOps: shell-style patterns matched against the Saleor API URL,
# e.g. "https://*.saleor.cloud/graphql/". Empty: every instance is allowed only in the embedded default.
ALLOWED_SALEOR_URLS = env.list("PODOPS_ALLOWED_SALEOR_URLS", default=[])

# Fernet keys (comma separated, newest first) encrypting Saleor app tokens at rest.
ENCRYPTION_KEYS = env.list("PODOPS_ENCRYPTION_KEYS", default=[])
if not DEBUG and not ENCRYPTION_KEYS:
    raise RuntimeError("PODOPS_ENCRYPTION_KEYS must be set when PODOPS_DEBUG is false")

WEBHOOK_MAX_BODY_BYTES = env.int("PODOPS_WEBHOOK_MAX_BODY_BYTES", default=2 * 1024 * 1024)
SALEOR_HTTP_TIMEOUT_SECONDS = env.float("PODOPS_SALEOR_HTTP_TIMEOUT", default=10.0)
# A Saleor instance's key set is refetched (unknown key id, failed signature) at most this often.
JWKS_REFETCH_COOLDOWN_SECONDS = env.int("PODOPS_JWKS_REFETCH_COOLDOWN", default=60)

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    # PostgreSQL index expressions with operator classes (the order search's trigram index); on
    # SQLite it does nothing
    "django.contrib.postgres",
    "graphene_django",
    "corsheaders",
    "django_celery_beat",
    "saleor_podops.core",
    "saleor_podops.saleor",
    "saleor_podops.production",
    "saleor_podops.audit",
    "saleor_podops.staff",
    "saleor_podops.workflow",
    "saleor_podops.artwork",
    "saleor_podops.intake",
    "saleor_podops.partners",
    "saleor_podops.fulfilment",
    "saleor_podops.notifications",
    "saleor_podops.approvals",
    "saleor_podops.storefront",
    "saleor_podops.webhooks",
    "saleor_podops.install",
    "saleor_podops.graphql",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "saleor_podops.urls"
WSGI_APPLICATION = "saleor_podops.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASE_URL = env.str("PODOPS_DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'podops.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the embedded worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
USE_I18N = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("PODOPS_STATIC_ROOT", default=str(VAR_DIR / "static")))
DASHBOARD_EXTENSION_DIST = BASE_DIR / "dashboard-extension" / "dist"
STATICFILES_DIRS = [DASHBOARD_EXTENSION_DIST] if DASHBOARD_EXTENSION_DIST.is_dir() else []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("PODOPS_MEDIA_ROOT", default=str(VAR_DIR / "media")))

# Storage: local media folder by default; S3-compatible object storage when a bucket is named.
S3_BUCKET = env.str("PODOPS_S3_BUCKET", default="")
_default_storage: dict[str, object] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("PODOPS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("PODOPS_S3_REGION", default="") or None,
            "access_key": env.str("PODOPS_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("PODOPS_S3_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Files: uploads stream to temporary files (never whole in memory) and are checked by content.
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
UPLOAD_MAX_BYTES = env.int("PODOPS_UPLOAD_MAX_BYTES", default=256 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("PODOPS_IMAGE_MAX_PIXELS", default=100_000_000)
# Reverse proxies in front of PodOps that append the client's address to X-Forwarded-For (0: use
# the socket's address and ignore the header, which a client could forge).
TRUSTED_PROXY_COUNT = env.int("PODOPS_TRUSTED_PROXY_COUNT", default=0)
UPLOAD_SESSION_TTL_SECONDS = env.int("PODOPS_UPLOAD_SESSION_TTL", default=3600)
# Customer photos no order claimed (an abandoned checkout) are deleted after this many days.
UNCLAIMED_UPLOAD_RETENTION_DAYS = env.int("PODOPS_UNCLAIMED_UPLOAD_RETENTION_DAYS", default=30)
UPLOAD_SESSION_MAX_BYTES = env.int("PODOPS_UPLOAD_SESSION_MAX_BYTES", default=512 * 1024 * 1024)
UPLOAD_SESSION_MAX_FILES = env.int("PODOPS_UPLOAD_SESSION_MAX_FILES", default=20)
UPLOAD_SESSION_RATE_PER_IP = env.str("PODOPS_UPLOAD_SESSION_RATE_PER_IP", default="20/h")
UPLOAD_RATE_PER_IP = env.str("PODOPS_UPLOAD_RATE_PER_IP", default="120/h")
UPLOAD_RATE_PER_CALLER = env.str("PODOPS_UPLOAD_RATE_PER_CALLER", default="60/h")
DOWNLOAD_LINK_TTL_SECONDS = env.int("PODOPS_DOWNLOAD_LINK_TTL", default=900)
# Print partners fetch artwork by signed link, possibly hours after the job was sent.
PARTNER_FILE_LINK_TTL_SECONDS = env.int("PODOPS_PARTNER_FILE_LINK_TTL", default=3 * 24 * 3600)
# Print partners are called only at public addresses (never loopback, private, link-local, ...);
# the embedded default allows any address, so a laptop can run a partner on 127.0.0.1.
PARTNER_ALLOW_PRIVATE_URLS = env.bool("PODOPS_PARTNER_ALLOW_PRIVATE_URLS", default=EMBEDDED)
# Seconds a partner host's address lookup (the public-address check, at save and on every call)
# may take; the system resolver has no bound of its own.
PARTNER_DNS_TIMEOUT_SECONDS = env.float("PODOPS_PARTNER_DNS_TIMEOUT", default=3.0)
# Bearer token for /metrics (Prometheus); empty: the endpoint answers 404.
METRICS_TOKEN = env.str("PODOPS_METRICS_TOKEN", default="")
# Signed approval links in customer emails (they also die when the item moves on).
APPROVAL_LINK_TTL_SECONDS = env.int("PODOPS_APPROVAL_LINK_TTL", default=30 * 24 * 3600)
# Customer API requests per client address (each one asks Saleor to confirm the customer).
CUSTOMER_API_RATE_PER_IP = env.str("PODOPS_CUSTOMER_API_RATE_PER_IP", default="600/h")

# Cross-origin calls from storefronts: only the customer API and the storefront upload API, with
# header credentials (never cookies), so any shop origin may call them.
CORS_URLS_REGEX = r"^/(graphql/customer/|api/uploads)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "saleor-api-url",
    "podops-approval-link",
    "podops-upload-session",
)

# Cache (rate limits): per process on the embedded default, Redis in production.
CACHES = {"default": env.cache_url("PODOPS_CACHE_URL", default="locmemcache://")}

# Email: console on the embedded default, any EMAIL_URL (smtp://user:pass@host:587) in production.
_email = env.email_url("PODOPS_EMAIL_URL", default="consolemail://")
vars().update(_email)
DEFAULT_FROM_EMAIL = env.str("PODOPS_DEFAULT_FROM_EMAIL", default="podops@localhost")
# Any Django email backend instead, e.g. django-anymail's "anymail.backends.postmark.EmailBackend"
# (install django-anymail; its settings as JSON in PODOPS_ANYMAIL, e.g. {"POSTMARK_SERVER_TOKEN": ...}).
if env.str("PODOPS_EMAIL_BACKEND", default=""):
    EMAIL_BACKEND = env.str("PODOPS_EMAIL_BACKEND")
ANYMAIL = env.json("PODOPS_ANYMAIL", default={})

# Celery. The embedded default uses kombu's filesystem transport: no external broker.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env.str("PODOPS_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
        # kombu's exchange tables (and the worker's control channel): ./control by default
        "control_folder": str(BROKER_DIR / "control"),
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("PODOPS_TASKS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # Safety nets: anything whose on-commit dispatch was lost (a crash between commit and enqueue)
    # is picked up again.
    "generate-missing-derivatives": {
        "task": "saleor_podops.artwork.tasks.generate_missing_derivatives",
        "schedule": 300.0,
    },
    # Housekeeping: photos of abandoned checkouts, expired upload sessions.
    "sweep-unclaimed-uploads": {
        "task": "saleor_podops.artwork.tasks.sweep_unclaimed_uploads",
        "schedule": 24 * 3600.0,
    },
    "process-pending-webhooks": {
        # The sweeper: webhook deliveries whose drain wake was lost, and retries that are due.
        "task": "saleor_podops.webhooks.tasks.process_pending_deliveries",
        "schedule": 60.0,
    },
    "sync-saleor-webhooks": {
        # Webhook migrations after a deploy that changed the subscriptions.
        "task": "saleor_podops.saleor.tasks.sync_webhooks",
        "schedule": 300.0,
    },
    "flush-saleor-outbox": {
        "task": "saleor_podops.saleor.tasks.flush_outbox",
        "schedule": 30.0,
    },
    "assign-waiting-items": {
        "task": "saleor_podops.staff.tasks.assign_waiting_items_everywhere",
        "schedule": 60.0,
    },
    "dispatch-partner-jobs": {
        # Retries with backoff, rate-limited sends, and jobs whose on-commit dispatch was lost.
        "task": "saleor_podops.fulfilment.tasks.dispatch_due_jobs",
        "schedule": 30.0,
    },
    "remove-printful-webhooks": {
        # Switched-off Printful partners whose last job is done, and removals whose task was lost.
        "task": "saleor_podops.fulfilment.tasks.remove_due_partner_webhooks",
        "schedule": 900.0,
    },
    # Customer approvals and notifications: scheduling is data, so it survives restarts.
    "open-customer-requests": {
        "task": "saleor_podops.approvals.tasks.open_customer_requests",
        "schedule": 30.0,
    },
    "auto-approve-due-proofs": {
        "task": "saleor_podops.approvals.tasks.auto_approve_due_proofs",
        "schedule": 300.0,
    },
    "send-due-notifications": {
        "task": "saleor_podops.notifications.tasks.send_due_notifications",
        "schedule": 60.0,
    },
    "schedule-assignment-notifications": {
        "task": "saleor_podops.notifications.tasks.schedule_assignment_notifications",
        "schedule": 60.0,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("PODOPS_LOG_LEVEL", default="INFO")},
    "loggers": {"httpx": {"level": "WARNING"}},
}

GRAPHENE = {"SCHEMA": "saleor_podops.graphql.schema.schema"}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    os.environ.setdefault("PODOPS_PRODUCTION", "1")
