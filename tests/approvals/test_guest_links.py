"""Guest orders: the emails carry a signed link to the hosted page; it opens that order alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core import mail

from saleor_podops.approvals.models import ApprovalSettings
from saleor_podops.notifications.tasks import send_due_notifications
from saleor_podops.saleor.models import Installation

from ..customer_api import CustomerApi, bring_to_approval, customer_order


def test_a_guest_gets_a_working_link_for_their_order_only(
    installation: Installation, customer_api: CustomerApi, tmp_path: Path, settings: Any
) -> None:
    settings.PUBLIC_URL = "https://podops.example.com"
    bring_to_approval(customer_order(installation, "1001", user=None), tmp_path)
    bring_to_approval(customer_order(installation, "1002", user=None), tmp_path)
    send_due_notifications()

    links = [
        re.search(r"https://podops\.example\.com/approvals/([^\s?]+)", m.body).group(1)
        for m in mail.outbox
    ]
    assert len(links) == 2
    for number, link in zip(["1001", "1002"], links, strict=True):
        page = customer_api.client.get(f"/approvals/{link}")
        assert page.status_code == 200
        answer = customer_api("{ customerProofs { orderNumber } }", link=link)
        assert answer["data"]["customerProofs"] == [{"orderNumber": number}]


def test_customers_with_an_account_are_sent_to_the_storefront_when_it_has_the_component(
    installation: Installation, tmp_path: Path
) -> None:
    ApprovalSettings.objects.create(
        installation=installation,
        storefront_approvals_url="https://shop.example.com/account/orders",
    )
    bring_to_approval(customer_order(installation, "1001"), tmp_path)
    bring_to_approval(customer_order(installation, "1002", user=None), tmp_path)
    send_due_notifications()

    bodies = {m.subject: m.body for m in mail.outbox}
    assert "https://shop.example.com/account/orders" in bodies["Order 1001: your proof is ready"]
    assert "/approvals/" in bodies["Order 1002: your proof is ready"]


def test_the_link_opens_the_page_in_the_language_the_customer_ordered_in(
    installation: Installation, customer_api: CustomerApi, tmp_path: Path, settings: Any
) -> None:
    settings.PUBLIC_URL = "https://podops.example.com"
    bring_to_approval(customer_order(installation, "1001", user=None, language="DE"), tmp_path)
    bring_to_approval(customer_order(installation, "1002", user=None, language="PT_BR"), tmp_path)
    send_due_notifications()

    urls = {
        m.subject: re.search(r"https://podops\.example\.com(/approvals/\S+)", m.body).group(1)
        for m in mail.outbox
    }
    german, brazilian = (
        urls["Order 1001: your proof is ready"],
        urls["Order 1002: your proof is ready"],
    )
    assert german.endswith("?locale=de") and brazilian.endswith("?locale=pt-BR")
    page = customer_api.client.get(german)
    assert page.status_code == 200
    assert b'<html lang="de">' in page.content and b'locale="de"' in page.content
