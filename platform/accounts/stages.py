"""
Login stages added to allauth's: e-mail verification, required for some accounts only.

allauth's ACCOUNT_EMAIL_VERIFICATION setting applies to every account and accepts "mandatory"
only when the sign-up form requires an e-mail address, which ours does not. The stage below
blocks login until the e-mail address is confirmed for accounts that have one and no verified
phone number. Accounts that have a phone number are verified by allauth's
PhoneVerificationStage, which runs before this one.
"""

from __future__ import annotations

import logging

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification import send_verification_email_at_login
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage

logger = logging.getLogger(__name__)


def needs_email_verification(user) -> bool:
    """Tell whether `user` must confirm an e-mail address before logging in."""
    if user.phone and user.phone_verified:
        return False
    addresses = EmailAddress.objects.filter(user=user)
    has_email = bool(user.email) or addresses.exists()
    return has_email and not addresses.filter(verified=True).exists()


class RequiredEmailVerificationStage(EmailVerificationStage):
    """allauth's e-mail verification stage, made mandatory where `needs_email_verification`."""

    def handle(self):
        user = self.login.user
        if user is None or not needs_email_verification(user):
            return super().handle()

        send_verification_email_at_login(self.request, self.login)
        logger.info("login held for e-mail verification user=%s", user.pk)
        return get_adapter().respond_email_verification_sent(self.request, user), True
