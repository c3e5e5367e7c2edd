"""The shop's templates: the effective one per event, editing (checked in the sandbox before it is
saved), previews with sample data, and reset to the default."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from saleor_podops.saleor.models import Installation

from .defaults import DEFAULT_TEMPLATES, SAMPLE_CONTEXT, TemplateText
from .error_codes import NotificationErrorCode
from .events import NotificationEvent, placeholders_for
from .models import NotificationTemplate
from .rendering import RenderedEmail, TemplateRefused, email_render, template_check


@dataclass(frozen=True)
class EffectiveTemplate:
    event: NotificationEvent
    text: TemplateText
    is_default: bool


def template_for(*, installation_id: int, event: NotificationEvent) -> EffectiveTemplate:
    row = NotificationTemplate.objects.filter(installation_id=installation_id, event=event).first()
    if row is None:
        return EffectiveTemplate(event, DEFAULT_TEMPLATES[event], is_default=True)
    return EffectiveTemplate(
        event, TemplateText(row.subject, row.html_body, row.text_body), is_default=False
    )


def templates_for(installation_id: int) -> list[EffectiveTemplate]:
    rows = {
        row.event: row
        for row in NotificationTemplate.objects.filter(installation_id=installation_id)
    }
    result = []
    for event in NotificationEvent:
        row = rows.get(event.value)
        if row is None:
            result.append(EffectiveTemplate(event, DEFAULT_TEMPLATES[event], is_default=True))
        else:
            text = TemplateText(row.subject, row.html_body, row.text_body)
            result.append(EffectiveTemplate(event, text, is_default=False))
    return result


def _refusal(exc: TemplateRefused) -> ValidationError:
    return ValidationError(
        {exc.field: ValidationError(exc.message, code=NotificationErrorCode.TEMPLATE_INVALID.value)}
    )


def template_validate(*, event: NotificationEvent, text: TemplateText) -> RenderedEmail:
    """Check each part in the sandbox and render it with sample data; raise ValidationError."""
    allowed = placeholders_for(event)
    try:
        if "\n" in text.subject or not text.subject.strip():
            raise TemplateRefused("subject", "The subject is one line and not empty.")
        template_check(field="subject", source=text.subject, allowed=allowed, html=False)
        template_check(field="html_body", source=text.html_body, allowed=allowed, html=True)
        template_check(field="text_body", source=text.text_body, allowed=allowed, html=False)
        return email_render(
            subject=text.subject,
            html_body=text.html_body,
            text_body=text.text_body,
            context={name: SAMPLE_CONTEXT[name] for name in allowed},
        )
    except TemplateRefused as exc:
        raise _refusal(exc) from exc


def template_update(
    *, installation: Installation, event: NotificationEvent, text: TemplateText, actor_id: str
) -> EffectiveTemplate:
    template_validate(event=event, text=text)
    NotificationTemplate.objects.update_or_create(
        installation=installation,
        event=event,
        defaults={
            "subject": text.subject,
            "html_body": text.html_body,
            "text_body": text.text_body,
            "updated_by": actor_id,
        },
    )
    return EffectiveTemplate(event, text, is_default=False)


def template_reset(*, installation: Installation, event: NotificationEvent) -> EffectiveTemplate:
    NotificationTemplate.objects.filter(installation=installation, event=event).delete()
    return EffectiveTemplate(event, DEFAULT_TEMPLATES[event], is_default=True)


def template_preview(*, event: NotificationEvent, text: TemplateText) -> RenderedEmail:
    """What the email looks like with sample data (nothing is saved)."""
    return template_validate(event=event, text=text)
