"""The template sandbox: only offered placeholders, no attribute/item access, calls, loops,
includes or unsafe filters; HTML escaped; unknown names are errors."""

from __future__ import annotations

import pytest

from saleor_podops.notifications.defaults import DEFAULT_TEMPLATES, SAMPLE_CONTEXT
from saleor_podops.notifications.events import NotificationEvent, placeholders_for
from saleor_podops.notifications.rendering import (
    TemplateRefused,
    email_render,
    template_check,
    template_render,
)

ALLOWED = placeholders_for(NotificationEvent.PROOF_READY)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ customer_name.__class__ }}", "Attribute access is not allowed in templates."),
        (
            "{{ customer_name.upper() }}",
            "Calling a function or method is not allowed in templates.",
        ),
        ("{{ customer_name[0] }}", "Item access is not allowed in templates."),
        ("{% for c in customer_name %}{{ c }}{% endfor %}", "A loop is not allowed in templates."),
        ("{% set x = customer_name %}", "Assign is not allowed in templates."),
        ("{% include 'settings.py' %}", "include is not allowed in templates."),
        ("{% import 'x' as y %}", "import is not allowed in templates."),
        ("{% extends 'base.html' %}", "extends is not allowed in templates."),
        ("{{ range(10) }}", "Calling a function or method is not allowed in templates."),
        ("{{ lipsum }}", "Unknown placeholders: lipsum. Use: " + ", ".join(ALLOWED) + "."),
        ("{{ 9 ** 9 ** 9 }}", "Pow is not allowed in templates."),
        ("{{ 'a' * 100000000 }}", "Mul is not allowed in templates."),
        (
            "{{ customer_name|safe }}",
            "The filter 'safe' is not allowed; use: "
            "capitalize, d, default, e, escape, lower, title, trim, truncate, upper.",
        ),
        (
            "{{ customer_name|attr('__class__') }}",
            "The filter 'attr' is not allowed; use: "
            "capitalize, d, default, e, escape, lower, title, trim, truncate, upper.",
        ),
        ("{% if %}", None),
    ],
)
def test_unsafe_or_broken_templates_are_refused(source: str, message: str | None) -> None:
    with pytest.raises(TemplateRefused) as refused:
        template_check(field="html_body", source=source, allowed=ALLOWED, html=True)

    assert refused.value.field == "html_body"
    if message is None:
        assert refused.value.message.startswith("The template does not parse")
    else:
        assert refused.value.message == message


def test_the_sandbox_is_a_second_wall_for_templates_that_skipped_the_check() -> None:
    with pytest.raises(TemplateRefused) as refused:
        template_render(
            field="text_body",
            source="{{ customer_name.__class__.__mro__ }}",
            context={"customer_name": "Ann"},
            html=False,
        )
    assert refused.value.message.startswith("Not allowed in a template")

    with pytest.raises(TemplateRefused) as unknown:
        template_render(field="text_body", source="{{ nope }}", context={}, html=False)
    assert unknown.value.message == "The template cannot be rendered: 'nope' is undefined"


def test_html_is_escaped_and_text_is_not() -> None:
    context = {"customer_name": "<b>Ann</b> & Co", "order_number": "7"}
    rendered = email_render(
        subject="Hi {{ customer_name }}\n",
        html_body="<p>{{ customer_name }}</p>",
        text_body="{{ customer_name }}",
        context=context,
    )

    assert rendered.subject == "Hi <b>Ann</b> & Co"
    assert rendered.html_body == "<p>&lt;b&gt;Ann&lt;/b&gt; &amp; Co</p>"
    assert rendered.text_body == "<b>Ann</b> & Co"


@pytest.mark.parametrize("event", list(NotificationEvent))
def test_every_default_template_is_valid_and_renders(event: NotificationEvent) -> None:
    allowed = placeholders_for(event)
    text = DEFAULT_TEMPLATES[event]
    for field, source, html in (
        ("subject", text.subject, False),
        ("html_body", text.html_body, True),
        ("text_body", text.text_body, False),
    ):
        template_check(field=field, source=source, allowed=allowed, html=html)

    rendered = email_render(
        subject=text.subject,
        html_body=text.html_body,
        text_body=text.text_body,
        context={name: SAMPLE_CONTEXT[name] for name in allowed},
    )
    assert rendered.subject and rendered.html_body and rendered.text_body
    assert "{{" not in rendered.html_body + rendered.text_body
