"""E-mail or SMS to the seeker when an application changes status.

A seeker registered by a counsellor without a phone or e-mail address is told through that
counsellor, who receives the notice with the seeker's name.

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
from .models import ApplicationEvent, SeekerProfile

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
    recipient, seeker_name = seeker, ""
    if not seeker.email and not seeker.phone:
        profile = SeekerProfile.objects.select_related("counsellor").filter(user=seeker).first()
        if profile is None or profile.counsellor is None or not profile.counsellor.is_active:
            logger.warning(
                "Status notification skipped, no contact nor counsellor: application=%s event=%s",
                application.pk,
                event_id,
            )
            return
        recipient, seeker_name = profile.counsellor, seeker.get_full_name()
    reasons = dict(RejectionReason.choices) | dict(ClosingReason.choices)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "offer_title": application.offer.title,
            "status": event.get_to_status_display(),
            "reason": reasons.get(event.reason, ""),
            "applications_url": absolute_url(
                reverse("counselling:applications", args=[seeker.pk])
                if seeker_name
                else reverse("seekers:applications")
            ),
            "seeker_name": seeker_name,
        }
        try:
            if recipient.email:
                subject = render_subject("seekers/emails/status_subject.txt", context)
                body = render_to_string("seekers/emails/status_body.txt", context)
                send_mail(
                    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [recipient.email]
                )
            elif recipient.phone:
                send_sms(
                    recipient.phone, render_to_string("seekers/sms/status.txt", context).strip()
                )
        except (smtplib.SMTPException, SmsSendError, OSError) as exc:
            logger.error(
                "Status notification failed: application=%s event=%s error=%s",
                application.pk,
                event_id,
                type(exc).__name__,
            )
