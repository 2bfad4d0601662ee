"""Helpers shared by the e-mails that the apps send."""

import re

from django.template.loader import render_to_string

# Ordinary whitespace only: the no-break spaces of French typography (before : ; ? !) must stay.
_WHITESPACE_RUN = re.compile(r"[ \t\r\n]+")


def render_subject(template_name: str, context: dict) -> str:
    """Render an e-mail subject template on one line, keeping no-break spaces."""
    return _WHITESPACE_RUN.sub(" ", render_to_string(template_name, context)).strip()
