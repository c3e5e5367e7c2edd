"""A Printful partner's webhooks: PodOps points the Printful store's webhooks (Printful keeps one URL
per store) at the partner's tokened URL, and takes them away when the partner no longer reads them.

The rule: the store posts to PodOps while the partner is an active Printful partner, or a switched-off
one with jobs in flight (a job not cancelled with a line that has neither shipped nor failed:
Printful still reports on it, and a switched-off partner still reports on the jobs it has). So:

- saving an active Printful partner registers its URL (again: its key, store or token may have
  changed);
- switching it off removes them at once when none of its jobs is in flight, else keeps them until
  the last one is done (a periodic sweep, ``partners_webhook_removal_due``, finds it);
- changing its kind away from Printful (refused while it has jobs in flight, ``configuration.py``)
  removes them at once (the partner could not read Printful's events any more);
- a job made later for a switched-off Printful partner whose webhooks were removed (a reprint)
  registers them again;
- deleting the app in Saleor removes every partner's (PodOps answers them no more), and installing
  it again registers those of its active Printful partners again.

Removing looks the store's webhook up first and deletes it only while it still points at this
partner (another partner or tool may have taken the store's one URL since). Both calls run as tasks
retried with backoff; their outcome is on the partner (``webhook_registered_at`` /
``webhook_registration_error``, ``webhook_removed_at`` / ``webhook_removal_error``), and
``webhook_api_url`` says where something of PodOps' may still be registered. Each task acts only
when the partner still wants it as it runs; when the partner changed its mind while the call was on
its way, it schedules the other one, so quick saves end in the state of the last.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from saleor_podops.partners.adapters import printful_adapter
from saleor_podops.partners.interface import PartnerPermanentError
from saleor_podops.partners.models import PartnerKind, PrintPartner, same_printful_store
from saleor_podops.saleor.models import Installation

from .selectors import jobs_in_flight


def _wanted() -> Q:
    """Partners whose store should post to PodOps: active Printful partners, and switched-off
    ones with a job in flight, of an installation PodOps still serves (the app not deleted)."""
    in_flight = jobs_in_flight(OuterRef("pk"))
    return Q(kind=PartnerKind.PRINTFUL, installation__is_active=True) & (
        Q(is_active=True) | Q(Exists(in_flight))
    )


def _is_wanted(partner_id: int) -> bool:
    return PrintPartner.objects.filter(_wanted(), pk=partner_id).exists()


def printful_partners_lock(installation_id: int) -> None:
    """Serialise what may point one of the installation's Printful stores at a partner (a partner
    saved, a reprint at a switched-off one) until the transaction ends, by locking the
    installation's row (``FOR NO KEY UPDATE``: rows referring to the installation are still
    written meanwhile). Taken before any partner's row."""
    Installation.objects.select_for_update(no_key=True).filter(pk=installation_id).first()


def printful_store_holder(partner: PrintPartner) -> PrintPartner | None:
    """Another partner of the installation that wants the webhooks of ``partner``'s Printful store
    (its settings as about to be saved): an active Printful partner on the same store, or a
    switched-off one with jobs in flight there. The store has one webhook URL, so ``partner``
    registering would take it from that one. Call it after ``printful_partners_lock``, inside
    the transaction that saves ``partner`` (the candidates are locked)."""
    others = PrintPartner.objects.select_for_update(no_key=True, of=("self",)).filter(
        _wanted(), installation_id=partner.installation_id
    )
    if partner.pk is not None:
        others = others.exclude(pk=partner.pk)
    return next(
        (other for other in others.order_by("pk") if same_printful_store(partner, other)), None
    )


def _registration_schedule(partner: PrintPartner) -> None:
    from .tasks import register_partner_webhook

    partner_id = partner.pk
    transaction.on_commit(lambda: register_partner_webhook.delay(partner_id))


def _removal_schedule(partner: PrintPartner) -> None:
    from .tasks import remove_partner_webhook

    partner_id = partner.pk
    transaction.on_commit(lambda: remove_partner_webhook.delay(partner_id))


def partner_webhook_after_save(partner: PrintPartner) -> None:
    """After a manager saved the partner (inside the transaction): an active Printful partner is
    registered again, as its key, store or webhook token may have changed; one that no longer
    wants its webhooks has them removed (a switched-off one with jobs in flight keeps them)."""
    if partner.kind == PartnerKind.PRINTFUL and partner.is_active:
        PrintPartner.objects.filter(pk=partner.pk).update(
            webhook_registered_at=None, webhook_registration_error=""
        )
        partner.webhook_registered_at, partner.webhook_registration_error = None, ""
        _registration_schedule(partner)
    elif partner.webhook_api_url and not _is_wanted(partner.pk):
        _removal_schedule(partner)


def partner_webhook_after_new_job(partner: PrintPartner) -> None:
    """A job was made for the partner (inside the transaction): a switched-off Printful partner
    whose webhooks are not registered (removed once its jobs were done) registers them again,
    so Printful reports on this one."""
    if (
        partner.kind == PartnerKind.PRINTFUL
        and not partner.is_active
        and partner.webhook_registered_at is None
    ):
        _registration_schedule(partner)


def partner_webhooks_after_app_deleted(installation: Installation) -> None:
    """The app was deleted in Saleor and the installation deactivated: the webhooks of all its
    partners are taken away (PodOps refuses what they would post)."""
    for partner in PrintPartner.objects.filter(installation=installation).exclude(
        webhook_api_url=""
    ):
        _removal_schedule(partner)


def partner_webhooks_after_install(installation: Installation) -> None:
    """PodOps was installed (again): its active Printful partners whose webhooks are not
    registered (an earlier deletion of the app took them away) register them again."""
    for partner in PrintPartner.objects.filter(
        installation=installation,
        kind=PartnerKind.PRINTFUL,
        is_active=True,
        webhook_registered_at__isnull=True,
    ):
        _registration_schedule(partner)


def partner_webhook_register(partner_id: int) -> bool:
    """Point the store's webhooks at the partner while it wants them; the outcome is kept on the
    partner. A refusal (bad key, wrong store) is kept and ends it; a transient failure
    (``PartnerTransientError``) is kept and raised, for the caller to try again later."""
    partner = PrintPartner.objects.filter(pk=partner_id, kind=PartnerKind.PRINTFUL).first()
    if partner is None or not partner.encrypted_webhook_token or not _is_wanted(partner.pk):
        return False
    adapter = printful_adapter(partner)
    # Only the registration of the URL the row still holds counts (a newer save registers again).
    same_partner = PrintPartner.objects.filter(
        pk=partner.pk, encrypted_webhook_token=partner.encrypted_webhook_token
    )
    try:
        adapter.register_webhook(partner.webhook_url())
    except PartnerPermanentError as exc:
        same_partner.update(webhook_registration_error=str(exc)[:1000])
        return False
    except Exception as exc:
        same_partner.update(webhook_registration_error=f"Will try again: {exc}"[:1000])
        raise
    same_partner.update(
        webhook_registered_at=timezone.now(),
        webhook_registration_error="",
        webhook_api_url=adapter.api_url,
        webhook_removed_at=None,
        webhook_removal_error="",
    )
    if not _is_wanted(partner.pk):  # switched off or changed kind while the call was on its way
        _removal_schedule(partner)
    return True


def partner_webhook_remove(partner_id: int) -> bool:
    """Take the store's webhooks away from a partner that no longer wants them (idempotent: False
    when there is nothing of PodOps' to remove, or the partner wants them again). The outcome is
    kept on the partner; a refusal ends it (a person removes them in Printful's dashboard); a
    transient failure is kept and raised, for the caller to try again later."""
    partner = PrintPartner.objects.filter(pk=partner_id).exclude(webhook_api_url="").first()
    if partner is None or _is_wanted(partner.pk):
        return False
    adapter = printful_adapter(partner, api_url=partner.webhook_api_url)
    same_partner = PrintPartner.objects.filter(
        pk=partner.pk, webhook_api_url=partner.webhook_api_url
    )
    path = reverse("partner-webhook", args=[str(partner.public_id)])
    try:
        adapter.remove_webhook(path)
    except PartnerPermanentError as exc:
        same_partner.update(
            webhook_api_url="",
            webhook_registered_at=None,
            webhook_removal_error=f"{exc} (remove the webhook in Printful's dashboard)"[:1000],
        )
        return False
    except Exception as exc:
        same_partner.update(webhook_removal_error=f"Will try again: {exc}"[:1000])
        raise
    same_partner.update(
        webhook_api_url="",
        webhook_registered_at=None,
        webhook_removed_at=timezone.now(),
        webhook_removal_error="",
    )
    if _is_wanted(partner.pk):  # switched on again while the call was on its way
        _registration_schedule(partner)
    return True


def partners_webhook_removal_due() -> list[int]:
    """Partners with webhooks of PodOps' that they no longer want: the sweep's list (a switched-off
    partner whose last job in flight is done, and any removal whose task was lost)."""
    return list(
        PrintPartner.objects.exclude(webhook_api_url="")
        .exclude(_wanted())
        .order_by("pk")
        .values_list("pk", flat=True)
    )
