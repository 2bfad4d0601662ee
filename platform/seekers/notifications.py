"""E-mail or SMS to the seeker when an application changes status.

Called after the transaction commits. A failed delivery is logged and does not undo the change,
because the seeker also sees the status in their list of applications.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.sms import SmsSendError, send_sms
from jobcluster.mail import render_subject
from organisations.notifications import absolute_url

from .choices import ClosingReason, RejectionReason
from .models import ApplicationEvent

logger = logging.getLogger(__name__)


def notify_status_change(event_id: int) -> None:
    """Tell the seeker the status that event `event_id` gave their application (e-mail or SMS)."""
    event = (
        ApplicationEvent.objects.select_related("application__seeker", "application__offer")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.application.seeker is None:
        return
    application = event.application
    seeker = application.seeker
    reasons = dict(RejectionReason.choices) | dict(ClosingReason.choices)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "offer_title": application.offer.title,
            "status": event.get_to_status_display(),
            "reason": reasons.get(event.reason, ""),
            "applications_url": absolute_url(reverse("seekers:applications")),
        }
        try:
            if seeker.email:
                subject = render_subject("seekers/emails/status_subject.txt", context)
                body = render_to_string("seekers/emails/status_body.txt", context)
                send_mail(
                    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [seeker.email]
                )
            elif seeker.phone:
                send_sms(seeker.phone, render_to_string("seekers/sms/status.txt", context).strip())
        except (smtplib.SMTPException, SmsSendError, OSError) as exc:
            logger.error(
                "Status notification failed: application=%s event=%s error=%s",
                application.pk,
                event_id,
                type(exc).__name__,
            )
