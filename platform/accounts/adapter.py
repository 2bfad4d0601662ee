"""
allauth's hooks for Job Cluster: phone numbers on the User model, SMS codes, French messages.
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.account import app_settings as allauth_account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.cryptokit import generate_user_code
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .phone import PhoneNumberField, normalize_phone

logger = logging.getLogger(__name__)

EMAIL_VERIFICATION_STAGE = "allauth.account.stages.EmailVerificationStage"
REQUIRED_EMAIL_VERIFICATION_STAGE = "accounts.stages.RequiredEmailVerificationStage"
PHONE_CODE_LENGTH = 6

EMAIL_TOO_LONG = _(
    "Cette adresse e-mail est trop longue : %(max_length)s caractères au plus. Vérifiez-la, ou "
    "inscrivez-vous avec votre numéro de téléphone."
)


class AccountAdapter(DefaultAccountAdapter):
    """Store phone numbers on `User.phone`, send codes through `accounts.sms`, speak French."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_taken": _(
            "Un compte existe déjà avec cette adresse e-mail. Connectez-vous, ou utilisez "
            "« Mot de passe oublié ? » si vous ne vous en souvenez plus."
        ),
        "phone_taken": _(
            "Un compte existe déjà avec ce numéro de téléphone. Connectez-vous avec ce numéro, "
            "ou saisissez-en un autre."
        ),
        "incorrect_code": _("Code incorrect. Vérifiez le code reçu et saisissez-le à nouveau."),
        "phone_password_mismatch": _("Le numéro de téléphone ou le mot de passe est incorrect."),
        "email_password_mismatch": _("L’adresse e-mail ou le mot de passe est incorrect."),
        "too_many_login_attempts": _(
            "Trop de tentatives de connexion échouées. Réessayez dans quelques minutes, ou "
            "réinitialisez votre mot de passe."
        ),
        "username_password_mismatch": _(
            "Identifiant ou mot de passe incorrect. Saisissez votre adresse e-mail ou votre "
            "numéro de téléphone."
        ),
    }

    def validation_error(self, code: str, *args: Any) -> ValidationError:
        if code == "incorrect_code":
            logger.info("one-time code rejected")
        return super().validation_error(code, *args)

    def authentication_failed(self, request, **credentials: Any) -> None:
        method = "other"
        if "email" in credentials:
            method = "email"
        elif "phone" in credentials:
            method = "phone"
        logger.info("login failed method=%s", method)

    def _get_login_attempts_cache_key(self, request, **credentials: Any) -> str:
        # NOTE: allauth 65.22 keys the per-account "login_failed" rate limit on the e-mail
        # address or username only, so every phone login would share one empty key and five
        # failures would lock out all phone users. This keys them by number; it can go once
        # allauth keys phone logins itself.
        phone = credentials.get("phone")
        if "email" in credentials or not phone:
            return super()._get_login_attempts_cache_key(request, **credentials)
        try:
            phone = normalize_phone(phone)
        except ValidationError:
            pass
        return f"{get_current_site(request).domain}:{phone}"

    def get_login_stages(self) -> list[str]:
        stages = super().get_login_stages()
        return [
            REQUIRED_EMAIL_VERIFICATION_STAGE if stage == EMAIL_VERIFICATION_STAGE else stage
            for stage in stages
        ]

    def save_user(self, request, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=False)
        if not commit:
            return user
        phone = form.cleaned_data.get("phone") if getattr(form, "_has_phone_field", False) else None
        return services.create_account(user, phone=phone)

    def clean_email(self, email: str) -> str:
        """Reject an address longer than `User.email` stores.

        allauth cuts values to the model field's length when it fills the user, so without this
        check an over-long address would be saved truncated. allauth calls this hook on sign-up
        and when a user adds an address.
        """
        email = super().clean_email(email)
        max_length = get_user_model()._meta.get_field("email").max_length
        if email and max_length is not None and len(email) > max_length:
            logger.info("e-mail address rejected, too long length=%s", len(email))
            raise ValidationError(
                EMAIL_TOO_LONG, code="email_too_long", params={"max_length": max_length}
            )
        return email

    # Phone numbers, as allauth's phone support expects them from the adapter.

    def phone_form_field(self, **kwargs: Any) -> PhoneNumberField:
        # allauth passes its own English label; the field has a French one.
        kwargs.pop("label", None)
        return PhoneNumberField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return normalize_phone(phone)

    def set_phone(self, user, phone: str, verified: bool) -> None:
        services.set_phone(user, phone, verified)

    def get_phone(self, user) -> tuple[str, bool] | None:
        if not user.phone:
            return None
        return user.phone, user.phone_verified

    def set_phone_verified(self, user, phone: str) -> None:
        services.mark_phone_verified(user, phone)

    def get_user_by_phone(self, phone: str):
        # The login form passes the number as typed, so it is normalised before the lookup.
        try:
            phone = normalize_phone(phone)
        except ValidationError:
            return None
        return get_user_model().objects.filter(phone=phone).first()

    def generate_phone_verification_code(self, *, user, phone: str) -> str:
        # Six digits type easily on any phone keypad; allauth's default mixes letters and digits.
        return generate_user_code(length=PHONE_CODE_LENGTH, numeric=True, dashed=False)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs: Any) -> None:
        services.send_verification_code(
            user, phone, code, allauth_account_settings.PHONE_VERIFICATION_TIMEOUT
        )
