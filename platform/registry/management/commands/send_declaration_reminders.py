"""E-mail the administrators of verified organisations that have not filed a year's declaration.

Without --apply, the command lists the organisations and recipients it would write to and sends
nothing.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandParser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation

from jobcluster.mail import render_subject
from organisations.notifications import absolute_url
from registry.completeness import completeness

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "E-mail a reminder to the administrators of organisations that have not filed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Year of the declaration.")
        parser.add_argument(
            "--apply", action="store_true", help="Send the e-mails; without it, a dry run."
        )

    def handle(self, *args, year: int, apply: bool, **options) -> None:
        report = completeness(year)
        sent = 0
        failed = 0
        for organisation in report.missing:
            recipients = [user.email for user in organisation.administrators() if user.email]
            self.stdout.write(
                f"organisation={organisation.pk} recipients={len(recipients)}"
                + ("" if apply else " (dry run)")
            )
            if not apply or not recipients:
                continue
            if self._send(organisation, recipients, year, report.deadline):
                sent += 1
            else:
                failed += 1

        summary = (
            f"year={year} missing={len(report.missing)} sent={sent} failed={failed} apply={apply}"
        )
        logger.info("Declaration reminders: %s", summary)
        self.stdout.write(summary)

    def _send(self, organisation, recipients: list[str], year: int, deadline) -> bool:
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "organisation": organisation,
                "year": year,
                "deadline": formats.date_format(deadline, "j F Y"),
                "declarations_url": absolute_url(reverse("registry:mine")),
            }
            subject = render_subject("registry/emails/reminder_subject.txt", context)
            body = render_to_string("registry/emails/reminder_body.txt", context)
        try:
            send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, recipients)
        except (smtplib.SMTPException, OSError) as exc:
            logger.error(
                "Reminder delivery failed: organisation=%s error=%s",
                organisation.pk,
                type(exc).__name__,
            )
            return False
        return True
