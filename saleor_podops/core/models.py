"""Abstract model pieces shared by every domain."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Self

from django.db import models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


class LeanLoadingModel(models.Model):
    """Rows read from the database become instances without ``Model.__init__``.

    ``from_db`` is Django's hook for loading ("Customizing model loading"). Django's own builds the
    instance through ``__init__``, which sends ``pre_init``/``post_init`` and sets every loaded
    field through ``setattr``: about 7 µs a row, most of a list page's row building (a page of
    orders with their items and assignees builds some 230). Without receivers of those signals,
    ``__init__`` amounts to a fresh ``ModelState`` and the loaded values in the instance's
    ``__dict__`` (where Django's field descriptors keep them, and where a deferred field is
    missing until read): that is what this builds directly. A model that has such receivers (an
    ImageField's dimension fields, say) is loaded by Django's own ``from_db``, and so is a load
    that passes options this one does not know (later Django versions add some)."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **options: Any
    ) -> Self:
        if options or (
            # no receiver at all is the common case: two list checks instead of two look-ups
            (pre_init.receivers or post_init.receivers)
            and (pre_init.has_listeners(cls) or post_init.has_listeners(cls))
        ):
            return super().from_db(db, field_names, values, **options)
        new = cls.__new__(cls)
        state = ModelState()
        state.adding = False
        state.db = db
        attributes = new.__dict__
        attributes["_state"] = state
        attributes.update(zip(field_names, values, strict=True))
        return new


class TimestampedModel(LeanLoadingModel):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
