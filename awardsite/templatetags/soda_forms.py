"""Render a bound form field's widget with NL Design System classes and aria wiring.

For forms we do not write ourselves (allauth's): `{% soda_widget field %}` gives the widget the
same class, `aria-describedby` (help and error text) and `aria-invalid` that `SodaFormMixin` gives
our own forms, without changing the form class.
"""

from django import template

from awardsite.forms import WIDGET_CLASSES

register = template.Library()


def widget_attrs(bound_field) -> dict:
    widget = bound_field.field.widget
    css = next((c for t, c in WIDGET_CLASSES.items() if isinstance(widget, t)), "utrecht-textbox")
    attrs = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    described_by = [i for i in widget.attrs.get("aria-describedby", "").split() if i]
    auto_id = bound_field.auto_id
    if auto_id:
        if bound_field.help_text:
            described_by.append(f"{auto_id}_help")
        if bound_field.errors:
            described_by.append(f"{auto_id}_error")
    if described_by:
        attrs["aria-describedby"] = " ".join(dict.fromkeys(described_by))
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    # Labels are always visible on our pages; placeholders only repeat them, so they go.
    if "placeholder" in widget.attrs:
        attrs["placeholder"] = None
    return attrs


@register.simple_tag
def soda_widget(bound_field):
    attrs = widget_attrs(bound_field)
    widget = bound_field.field.widget
    original = dict(widget.attrs)
    try:
        if attrs.get("placeholder", "") is None:
            widget.attrs.pop("placeholder", None)
            attrs.pop("placeholder")
        return bound_field.as_widget(attrs=attrs)
    finally:
        widget.attrs = original


@register.simple_tag
def soda_input_type(bound_field) -> str:
    return getattr(bound_field.field.widget, "input_type", "") or ""
