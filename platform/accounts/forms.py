"""
The fields Job Cluster adds to allauth's sign-up form, and the rule that a sign-up gives an
e-mail address, a phone number, or both.

allauth builds its sign-up form on top of `settings.ACCOUNT_SIGNUP_FORM_CLASS`, so the checks
below run inside allauth's form, after its own e-mail and phone checks.
"""

from __future__ import annotations

import logging

from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

EMAIL_OR_PHONE_REQUIRED = _(
    "Saisissez une adresse e-mail, un numéro de téléphone, ou les deux : l’un des deux est "
    "nécessaire pour vous connecter."
)

INVALID_EMAIL = _("Saisissez une adresse e-mail valide, par exemple awa.traore@exemple.ml.")


class SignupExtraForm(forms.Form):
    """Optional first and last names, and at least one of e-mail address and phone number."""

    field_order = ["first_name", "last_name", "email", "phone", "password1", "password2"]

    first_name = forms.CharField(
        label=_("Prénom (facultatif)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom (facultatif)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Django's French message uses « courriel », but the site says « adresse e-mail ».
        if "email" in self.fields:
            self.fields["email"].validators = [EmailValidator(message=INVALID_EMAIL)]

    def clean(self):
        cleaned_data = super().clean()
        has_email = bool(cleaned_data.get("email"))
        has_phone = bool(cleaned_data.get("phone"))
        # An invalid e-mail address or phone number already has its own message, so this rule
        # only applies when both fields are valid and empty.
        if (
            not has_email
            and not has_phone
            and not self.has_error("email")
            and not self.has_error("phone")
        ):
            raise forms.ValidationError(EMAIL_OR_PHONE_REQUIRED, code="email_or_phone_required")
        return cleaned_data

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound and self._errors:
            fields = ",".join(sorted(self._errors))
            logger.info("signup rejected fields=%s", fields)

    def signup(self, request, user) -> None:
        """Do nothing more: allauth's adapter saves the names with the user."""
