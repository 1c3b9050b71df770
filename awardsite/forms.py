"""Form plumbing shared by every app: NL Design System classes and aria wiring on each widget."""

from django import forms

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select",
    forms.SelectMultiple: "utrecht-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    # CheckboxSelectMultiple subclasses RadioSelect: it must come first.
    forms.CheckboxSelectMultiple: "utrecht-checkbox",
    forms.RadioSelect: "utrecht-radio-button",
    forms.ClearableFileInput: "utrecht-file-input",
    forms.FileInput: "utrecht-file-input",
}


class SodaFormMixin:
    """Adds NL DS classes, `aria-describedby` for help and error text, and `aria-invalid`.

    Use on every front-end form: `class EntryForm(SodaFormMixin, forms.ModelForm)`. Render fields
    with `components/field.html` and errors with `components/error_summary.html`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next((c for t, c in WIDGET_CLASSES.items() if isinstance(widget, t)), "utrecht-textbox")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text and self.auto_id:
                widget.attrs["aria-describedby"] = f"{self.auto_id % self.add_prefix(name)}_help"

    def full_clean(self):
        super().full_clean()
        # Errors are known only now: wire them to the widgets.
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                error_id = f"{self.auto_id % self.add_prefix(name)}_error" if self.auto_id else ""
                ids = widget.attrs.get("aria-describedby", "").split()
                if error_id and error_id not in ids:
                    widget.attrs["aria-describedby"] = " ".join([*ids, error_id])
