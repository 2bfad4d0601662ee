"""
Writes to accounts that users trigger: sign-up and phone numbers.

allauth's flows call these functions through `accounts.adapter.AccountAdapter`, so every
account write is logged once here, with ids only.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _

from .models import User
from .phone import normalize_phone
from .sms import send_sms

logger = logging.getLogger(__name__)

# Plain GSM-7 characters only (no ’, no non-breaking space), so that the text stays within one
# 160-character SMS instead of switching to 70-character UCS-2 segments.
VERIFICATION_CODE_SMS = _(
    "Votre code de vérification Job Cluster est %(code)s. Il expire dans %(minutes)s min."
)


def create_account(user: User, *, phone: str | None) -> User:
    """Save a new `user`, filled in by the sign-up form, with its optional phone number.

    An empty e-mail address or phone number is stored as NULL, so that the unique constraints
    only compare real values.
    """
    user.email = user.email or None
    user.phone = normalize_phone(phone) if phone else None
    user.phone_verified = False

    user.save()

    logger.info(
        "account created user=%s has_email=%s has_phone=%s",
        user.pk,
        bool(user.email),
        bool(user.phone),
    )
    return user


def set_phone(user: User, phone: str, verified: bool) -> None:
    """Give `user` the phone number `phone`, saving it if the user already exists."""
    user.phone = normalize_phone(phone)
    user.phone_verified = verified
    if user.pk is None:
        return

    user.save(update_fields=["phone", "phone_verified"])
    logger.info("phone set user=%s verified=%s", user.pk, verified)


def mark_phone_verified(user: User, phone: str) -> None:
    """Record that `user` proved to own `phone`, which becomes the account's number.

    allauth calls this at the end of sign-up verification, where `phone` is already on the
    account, and at the end of a phone change, where it replaces the previous number.
    """
    user.phone = normalize_phone(phone)
    user.phone_verified = True

    user.save(update_fields=["phone", "phone_verified"])
    logger.info("phone verified user=%s", user.pk)


def send_verification_code(user: User, phone: str, code: str, timeout_seconds: int) -> None:
    """Send the one-time `code` that proves `user` owns `phone`, by SMS in the active language."""
    minutes = max(1, timeout_seconds // 60)
    send_sms(phone, VERIFICATION_CODE_SMS % {"code": code, "minutes": minutes})
    logger.info("verification code sent user=%s", user.pk)
