"""Template tags that render form widgets accessibly."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def accessible_widget(field: BoundField) -> SafeString:
    """Render `field`'s widget with aria-describedby naming its error and help text elements.

    The ids match the ones `allauth/elements/fields.html` gives those elements, and the widget
    gets aria-invalid when the field has errors.
    """
    described_by = []
    attrs = {}
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
