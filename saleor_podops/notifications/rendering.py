"""Rendering shop-edited templates safely.

Jinja2's ``ImmutableSandboxedEnvironment`` rather than Django's template engine: Django templates
call any zero-argument method of the objects they are given and can ``{% load %}`` libraries and
``{% include %}`` files, so restricting them means auditing every object and tag; Jinja2's sandbox
is built for untrusted templates. On top of it:

- the context holds only plain strings (the event's offered placeholders), so there is nothing
  to reach through attributes; underscore attributes and unsafe methods are refused by the sandbox;
- no loader, no globals (no ``range``, ``lipsum``, ``cycler``...) and an allow-list of what a
  template may contain: text, placeholders, ``if``/``elif``/``else``, comparisons, ``and``/``or``/
  ``not``, ``~`` and a few filters. So no ``include``/``import``/``extends`` (no file is read), no
  attribute or item access, no method calls, no loops or ``set`` (no way to blow up CPU or memory);
- ``StrictUndefined``: an unknown placeholder is an error (checked when the template is saved);
- HTML bodies are autoescaped; subjects and text bodies are not, and subjects are single-line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jinja2 import StrictUndefined, TemplateError, meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_TEMPLATE_LENGTH = 50_000
MAX_OUTPUT_LENGTH = 200_000

_ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.If,
    nodes.CondExpr,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Compare,
    nodes.Operand,
    nodes.Concat,
    nodes.Filter,
    nodes.Test,
)
ALLOWED_FILTERS = frozenset(
    {"upper", "lower", "title", "capitalize", "trim", "default", "d", "e", "escape", "truncate"}
)


class TemplateRefused(Exception):
    """The template is unsafe or broken; ``message`` says why (shown to the shop)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _environment(*, html: bool) -> ImmutableSandboxedEnvironment:
    environment = ImmutableSandboxedEnvironment(
        autoescape=html, undefined=StrictUndefined, loader=None, auto_reload=False
    )
    environment.globals.clear()
    return environment


_HTML = _environment(html=True)
_PLAIN = _environment(html=False)


def _describe(node: nodes.Node) -> str:
    names = {
        nodes.Getattr: "Attribute access",
        nodes.Getitem: "Item access",
        nodes.Call: "Calling a function or method",
        nodes.For: "A loop",
        nodes.Include: "include",
        nodes.Import: "import",
        nodes.FromImport: "import",
        nodes.Extends: "extends",
    }
    return names.get(type(node), f"{type(node).__name__}")


def template_check(*, field: str, source: str, allowed: tuple[str, ...], html: bool) -> None:
    """Refuse a template that is too long, does not parse, reaches for files, or names a
    placeholder that is not offered."""
    if len(source) > MAX_TEMPLATE_LENGTH:
        raise TemplateRefused(field, f"At most {MAX_TEMPLATE_LENGTH} characters.")
    environment = _HTML if html else _PLAIN
    try:
        tree = environment.parse(source)
    except TemplateError as exc:
        raise TemplateRefused(field, f"The template does not parse: {exc}") from exc
    for node in (tree, *tree.find_all(nodes.Node)):
        if not isinstance(node, _ALLOWED_NODES):
            raise TemplateRefused(field, f"{_describe(node)} is not allowed in templates.")
        if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
            raise TemplateRefused(
                field,
                f"The filter {node.name!r} is not allowed; use: {', '.join(sorted(ALLOWED_FILTERS))}.",
            )
    unknown = sorted(meta.find_undeclared_variables(tree) - set(allowed))
    if unknown:
        raise TemplateRefused(
            field,
            f"Unknown placeholders: {', '.join(unknown)}. Use: {', '.join(allowed)}.",
        )


def template_render(*, field: str, source: str, context: Mapping[str, str], html: bool) -> str:
    """Render with only ``context`` (strings) visible. Unsafe operations and unknown placeholders
    raise ``TemplateRefused``. Templates are checked (``template_check``) before they are saved; the
    sandbox is the second wall."""
    environment = _HTML if html else _PLAIN
    safe_context = {key: str(value) for key, value in context.items()}
    try:
        output = environment.from_string(source).render(safe_context)
    except SecurityError as exc:
        raise TemplateRefused(field, f"Not allowed in a template: {exc}") from exc
    except TemplateError as exc:
        raise TemplateRefused(field, f"The template cannot be rendered: {exc}") from exc
    if len(output) > MAX_OUTPUT_LENGTH:
        raise TemplateRefused(field, f"The rendered text is over {MAX_OUTPUT_LENGTH} characters.")
    return output


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    html_body: str
    text_body: str


def email_render(
    *, subject: str, html_body: str, text_body: str, context: Mapping[str, str]
) -> RenderedEmail:
    rendered_subject = template_render(field="subject", source=subject, context=context, html=False)
    return RenderedEmail(
        subject=" ".join(rendered_subject.split())[:255],
        html_body=template_render(field="html_body", source=html_body, context=context, html=True),
        text_body=template_render(field="text_body", source=text_body, context=context, html=False),
    )
