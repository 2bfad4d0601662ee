"""E-mails to the editors about visitors' reports of offers and trainings.

Sent from a Celery task after the report is saved. A failed delivery is logged and does not undo
the report, which editors also find in the admin's list of reports.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from jobcluster.mail import render_subject

from .models import OfferReport

logger = logging.getLogger(__name__)

# Editors get at most one e-mail per page in this many seconds, however many visitors report
# it; the other reports wait in the admin's list.
MAIL_INTERVAL_PER_PAGE_SECONDS = 3600


def editor_emails() -> list[str]:
    """Return the e-mail addresses of the active users with the editor role."""
    user_model = get_user_model()
    editors = user_model.objects.filter(
        platform_role=user_model.PlatformRole.EDITOR, is_active=True
    ).exclude(email__isnull=True)
    return sorted(email for email in editors.values_list("email", flat=True) if email)


def notify_editors_of_report(report_id: int) -> int:
    """E-mail the editors, in French, about report `report_id`; return the recipient count.

    Returns 0 without sending when the report is gone, already handled, or when its page was
    the subject of another e-mail less than `MAIL_INTERVAL_PER_PAGE_SECONDS` ago.
    """
    report = OfferReport.objects.select_related("page").filter(pk=report_id).first()
    if report is None or report.handled_at is not None:
        return 0
    recipients = editor_emails()
    if not recipients:
        logger.warning("Offer report not e-mailed, no editor: report=%s", report.pk)
        return 0
    if not cache.add(f"cms:report-mail:{report.page_id}", 1, MAIL_INTERVAL_PER_PAGE_SECONDS):
        logger.info(
            "Offer report not e-mailed, page reported recently: page=%s report=%s",
            report.page_id,
            report.pk,
        )
        return 0

    site = settings.SITE_URL.rstrip("/")
    page = report.page.specific
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "page": page,
            "page_url": site + (page.url or ""),
            "report_url": site + reverse("offer_reports:inspect", args=[report.pk]),
            "reports_url": site + reverse("offer_reports:index"),
        }
        subject = render_subject("cms/emails/report_subject.txt", context)
        body = render_to_string("cms/emails/report_body.txt", context)
    try:
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, recipients)
    except (smtplib.SMTPException, OSError) as error:
        logger.error(
            "Offer report e-mail failed: report=%s error=%s", report.pk, type(error).__name__
        )
        return 0

    logger.info(
        "Offer report e-mailed: page=%s report=%s recipients=%s",
        report.page_id,
        report.pk,
        len(recipients),
    )
    return len(recipients)
