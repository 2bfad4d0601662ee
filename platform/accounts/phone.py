"""
Phone numbers: parse what people type, validate it and store it in E.164 format.

Numbers without a country code are read in the region named by `settings.SMS_DEFAULT_REGION`
(Mali, +223, eight-digit numbers), so "70 12 34 56", "0022370123456" and "+223 70-12-34-56" all
become "+22370123456". Numbers from other countries must start with "+" or "00" and their
country code.
"""

from __future__ import annotations

from typing import Any

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID_PHONE_MESSAGE = _(
    "« %(value)s » n’est pas un numéro de téléphone valide. Saisissez un numéro malien "
    "à 8 chiffres (par exemple 70 12 34 56) ou un numéro international commençant par +."
)


def normalize_phone(value: str, region: str | None = None) -> str:
    """Return `value` as an E.164 number, or raise ValidationError if it is not a valid number.

    `region` is the ISO 3166 code used for numbers typed without a country code. It defaults to
    `settings.SMS_DEFAULT_REGION`.
    """
    text = value.strip()
    error = ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone", params={"value": text})
    if not text:
        raise error

    try:
        number = phonenumbers.parse(text, region or settings.SMS_DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise error from exc
    if not phonenumbers.is_valid_number(number):
        raise error
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """Return an E.164 number in international format, e.g. "+223 70 12 34 56"."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class PhoneNumberField(forms.CharField):
    """A form field that accepts Malian and international numbers and cleans them to E.164."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Numéro de téléphone"))
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "help_text",
            _("Numéro malien à 8 chiffres, ou numéro international commençant par +."),
        )
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if value in self.empty_values:
            return ""
        return normalize_phone(value)
