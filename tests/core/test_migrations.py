"""The migrations and the models agree: a model change without its migration fails here rather
than on a deployment's `podops migrate`. (The order search's trigram index lives in a migration
only, outside the model state: see podops_production 0006.)"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_every_model_change_has_its_migration() -> None:
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert out.getvalue() == "No changes detected\n"
