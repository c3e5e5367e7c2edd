"""The templates PodOps ships for every event: used until a shop edits one, and again after a reset."""

from __future__ import annotations

from dataclasses import dataclass

from .events import NotificationEvent


@dataclass(frozen=True)
class TemplateText:
    subject: str
    html_body: str
    text_body: str


def _html(*paragraphs: str) -> str:
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


_LINK = '<a href="{{ approval_link }}">{{ approval_link }}</a>'

DEFAULT_TEMPLATES: dict[NotificationEvent, TemplateText] = {
    NotificationEvent.PHOTO_REJECTED: TemplateText(
        subject="Order {{ order_number }}: we need another photo",
        html_body=_html(
            "Hello {{ customer_name }},",
            "We looked at the photo for {{ item_name }} and it will not print well: {{ reason }}."
            "{% if comment %} {{ comment }}{% endif %}",
            f"Please upload a better photo, or tell us to go ahead with this one: {_LINK}",
            "Thank you, {{ shop_name }}",
        ),
        text_body=(
            "Hello {{ customer_name }},\n\n"
            "We looked at the photo for {{ item_name }} and it will not print well: {{ reason }}."
            "{% if comment %} {{ comment }}{% endif %}\n\n"
            "Please upload a better photo, or tell us to go ahead with this one:\n"
            "{{ approval_link }}\n\nThank you, {{ shop_name }}\n"
        ),
    ),
    NotificationEvent.PROOF_READY: TemplateText(
        subject="Order {{ order_number }}: your proof is ready",
        html_body=_html(
            "Hello {{ customer_name }},",
            "The design for {{ item_name }} is ready for you to check (version {{ version }}).",
            f"Approve it or ask for changes here: {_LINK}",
            "Thank you, {{ shop_name }}",
        ),
        text_body=(
            "Hello {{ customer_name }},\n\n"
            "The design for {{ item_name }} is ready for you to check (version {{ version }}).\n\n"
            "Approve it or ask for changes here:\n{{ approval_link }}\n\n"
            "Thank you, {{ shop_name }}\n"
        ),
    ),
    NotificationEvent.PROOF_REMINDER: TemplateText(
        subject="Reminder: order {{ order_number }} is waiting for your approval",
        html_body=_html(
            "Hello {{ customer_name }},",
            "The design for {{ item_name }} is still waiting for you. We start printing as soon "
            "as you approve it.",
            f"Check it here: {_LINK}",
            "Thank you, {{ shop_name }}",
        ),
        text_body=(
            "Hello {{ customer_name }},\n\n"
            "The design for {{ item_name }} is still waiting for you. We start printing as soon "
            "as you approve it.\n\nCheck it here:\n{{ approval_link }}\n\n"
            "Thank you, {{ shop_name }}\n"
        ),
    ),
    NotificationEvent.PROOF_AUTO_APPROVED: TemplateText(
        subject="Order {{ order_number }}: we went ahead with your design",
        html_body=_html(
            "Hello {{ customer_name }},",
            "We did not hear from you about the design for {{ item_name }}, so we approved "
            "version {{ version }} and sent it to print.",
            "Thank you, {{ shop_name }}",
        ),
        text_body=(
            "Hello {{ customer_name }},\n\n"
            "We did not hear from you about the design for {{ item_name }}, so we approved "
            "version {{ version }} and sent it to print.\n\nThank you, {{ shop_name }}\n"
        ),
    ),
    NotificationEvent.ORDER_SHIPPED: TemplateText(
        subject="Order {{ order_number }} is on its way",
        html_body=_html(
            "Hello {{ customer_name }},",
            "Your order {{ order_number }} has shipped{% if carrier %} with {{ carrier }}"
            "{% endif %}.",
            '{% if tracking_url %}Track it here: <a href="{{ tracking_url }}">'
            "{{ tracking_number or tracking_url }}</a>{% elif tracking_number %}"
            "Tracking number: {{ tracking_number }}{% endif %}",
            "Thank you, {{ shop_name }}",
        ),
        text_body=(
            "Hello {{ customer_name }},\n\n"
            "Your order {{ order_number }} has shipped{% if carrier %} with {{ carrier }}"
            "{% endif %}.\n"
            "{% if tracking_url %}Track it here: {{ tracking_url }}\n{% endif %}"
            "{% if tracking_number %}Tracking number: {{ tracking_number }}\n{% endif %}"
            "\nThank you, {{ shop_name }}\n"
        ),
    ),
    NotificationEvent.WORK_ASSIGNED: TemplateText(
        subject="New work: order {{ order_number }} ({{ stage }})",
        html_body=_html(
            "Hello {{ staff_name }},",
            "{{ item_name }} of order {{ order_number }} is now yours in {{ stage }}.",
        ),
        text_body=(
            "Hello {{ staff_name }},\n\n"
            "{{ item_name }} of order {{ order_number }} is now yours in {{ stage }}.\n"
        ),
    ),
    NotificationEvent.PROOF_REJECTED: TemplateText(
        subject="Order {{ order_number }}: the customer asked for changes",
        html_body=_html(
            "{{ customer_name }} asked for changes to version {{ version }} of {{ item_name }} "
            "(revision {{ revision_number }}):",
            "{{ comment }}",
        ),
        text_body=(
            "{{ customer_name }} asked for changes to version {{ version }} of {{ item_name }} "
            "(revision {{ revision_number }}):\n\n{{ comment }}\n"
        ),
    ),
    NotificationEvent.CHANGES_OVER_LIMIT: TemplateText(
        subject="Order {{ order_number }}: change request over the free limit",
        html_body=_html(
            "{{ customer_name }} asked for revision {{ revision_number }} of {{ item_name }}; "
            "{{ free_revisions }} are free. A manager should decide how to go on.",
            "{{ comment }}",
        ),
        text_body=(
            "{{ customer_name }} asked for revision {{ revision_number }} of {{ item_name }}; "
            "{{ free_revisions }} are free. A manager should decide how to go on.\n\n"
            "{{ comment }}\n"
        ),
    ),
}

SAMPLE_CONTEXT: dict[str, str] = {
    "language": "en",
    "shop_name": "Example Shop",
    "order_number": "1001",
    "customer_name": "Ashley Cook",
    "item_name": "Yellow Portrait",
    "reason": "Low resolution",
    "comment": "Could the background be lighter?",
    "approval_link": "https://podops.example.com/approvals/sample",
    "version": "2",
    "reminder_number": "1",
    "tracking_number": "1Z999AA10123456784",
    "tracking_url": "https://tracking.example.com/1Z999AA10123456784",
    "carrier": "UPS",
    "staff_name": "Sam Artist",
    "stage": "Artwork",
    "revision_number": "4",
    "free_revisions": "3",
}
