"""PodOps for Saleor: print-on-demand production as a Saleor App."""

from .celery import app as celery_app

__all__ = ["celery_app"]
__version__ = "0.1.0"
