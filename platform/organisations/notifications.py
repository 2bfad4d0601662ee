"""E-mails and SMS sent about organisations: verification outcome and invitations.

Called after the transaction commits. A failed delivery is logged and does not undo the change,
because the state is already saved and visible in the organisation's space.
"""

from __future__ import annotations

import logging
import smtplib
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.sms import SmsSendError, send_sms
from jobcluster.mail import render_subject

if TYPE_CHECKING:
    from .models import Invitation, Organisation

logger = logging.getLogger(__name__)


def notify_verified(organisation: Organisation) -> None:
    """Tell the organisation's administrators that editors verified it."""
    _notify_administrators(organisation, "verified")


def notify_rejected(organisation: Organisation) -> None:
    """Send the editors' rejection reason to the organisation's administrators."""
    _notify_administrators(organisation, "rejected")


def send_invitation(invitation: Invitation) -> None:
    """Send the acceptance link to the invited e-mail address, or by SMS to the invited phone."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": invitation.organisation,
            "invitation": invitation,
            "accept_url": absolute_url(
                reverse("organisations:accept_invitation", args=[invitation.token])
            ),
        }
        if invitation.email:
            _email(
                [invitation.email],
                "organisations/emails/invitation",
                context,
                invitation.organisation,
            )
        else:
            _sms(
                invitation.phone,
                "organisations/sms/invitation.txt",
                context,
                invitation.organisation,
            )


def absolute_url(path: str) -> str:
    """Return `path` prefixed with the public address of the site."""
    return settings.SITE_URL.rstrip("/") + path


def _notify_administrators(organisation: Organisation, outcome: str) -> None:
    administrators = list(organisation.administrators())
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": organisation,
            "space_url": absolute_url(reverse("organisations:detail", args=[organisation.pk])),
        }
        emails = [user.email for user in administrators if user.email]
        if emails:
            _email(emails, f"organisations/emails/{outcome}", context, organisation)
        for user in administrators:
            if user.phone:
                _sms(user.phone, f"organisations/sms/{outcome}.txt", context, organisation)


def _email(recipients: list[str], template: str, context: dict, organisation: Organisation) -> None:
    subject = render_subject(f"{template}_subject.txt", context)
    body = render_to_string(f"{template}_body.txt", context)
    try:
        send_mail(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
            body,
            None,
            recipients,
        )
    except (smtplib.SMTPException, OSError) as exc:
        logger.error(
            "E-mail delivery failed: template=%s organisation=%s error=%s",
            template,
            organisation.pk,
            type(exc).__name__,
        )


def _sms(phone: str, template: str, context: dict, organisation: Organisation) -> None:
    body = render_to_string(template, context).strip()
    try:
        send_sms(phone, body)
    except (SmsSendError, OSError) as exc:
        logger.error(
            "SMS delivery failed: template=%s organisation=%s error=%s",
            template,
            organisation.pk,
            type(exc).__name__,
        )
