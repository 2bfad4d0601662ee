"""The "Nouveau statut" choice of the organisation's review page: only the allowed moves."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from seekers import services
from seekers.choices import ApplicationStatus as S
from seekers.models import Application

pytestmark = pytest.mark.django_db


def advance(application, user, *statuses):
    for status in statuses:
        services.change_status(user, application.pk, status)
    application.refresh_from_db()
    return application


def status_options(html: str) -> list[tuple[str, str, bool]]:
    """Return the value, label and selected state of each option of the status select."""
    select = re.search(r'<select name="status"[^>]*>(.*?)</select>', html, re.S)
    assert select, "the page has no status select"
    return [
        (value, label.strip(), bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1)
        )
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ([], [S.IN_REVIEW, S.REJECTED]),
        ([S.IN_REVIEW], [S.SHORTLISTED, S.REJECTED]),
        ([S.IN_REVIEW, S.SHORTLISTED], [S.INTERVIEW, S.REJECTED]),
        ([S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW], [S.HIRED, S.REJECTED]),
        ([S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.HIRED], [S.INTERVIEW]),
    ],
    ids=["received", "in-review", "shortlisted", "interview", "hired"],
)
def test_review_offers_only_allowed_statuses(client, seeker, reviewer, offer, path, expected):
    application = advance(services.apply(seeker, offer), reviewer, *path)
    client.force_login(reviewer)

    html = client.get(reverse("inbox:review", args=[application.pk])).content.decode()

    options = status_options(html)
    assert [value for value, _label, _selected in options] == ["", *expected]
    # No status is preselected: the first, empty choice shows.
    assert [value for value, _label, selected in options if selected] == [""]
    assert options[0][1] == "Choisissez le nouveau statut"


def test_review_after_hire_offers_only_undo(client, seeker, reviewer, offer):
    application = advance(
        services.apply(seeker, offer), reviewer, S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.HIRED
    )
    client.force_login(reviewer)

    html = client.get(reverse("inbox:review", args=[application.pk])).content.decode()

    assert status_options(html) == [
        ("", "Choisissez le nouveau statut", True),
        (S.INTERVIEW, "Entretien (annuler l’embauche)", False),
    ]
    assert "En cours d’examen</option>" not in html


def test_review_without_allowed_move_shows_no_form(client, seeker, reviewer, offer):
    application = advance(
        services.apply(seeker, offer), reviewer, S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.HIRED
    )
    Application.objects.filter(pk=application.pk).update(
        hired_at=timezone.now() - datetime.timedelta(days=services.HIRE_UNDO_DAYS + 1)
    )
    client.force_login(reviewer)

    html = client.get(reverse("inbox:review", args=[application.pk])).content.decode()

    assert '<select name="status"' not in html
    assert "Le statut de cette candidature ne peut plus être changé." in html


def test_review_without_choice_changes_nothing(client, seeker, reviewer, offer):
    application = services.apply(seeker, offer)
    client.force_login(reviewer)

    response = client.post(reverse("inbox:review", args=[application.pk]), {"status": ""})

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == S.RECEIVED
    assert application.events.count() == 1


def test_review_rejects_disallowed_status(client, seeker, reviewer, offer):
    application = services.apply(seeker, offer)
    client.force_login(reviewer)

    response = client.post(reverse("inbox:review", args=[application.pk]), {"status": S.HIRED})

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == S.RECEIVED


def test_review_moves_to_allowed_status(client, seeker, reviewer, offer):
    application = services.apply(seeker, offer)
    client.force_login(reviewer)

    response = client.post(reverse("inbox:review", args=[application.pk]), {"status": S.IN_REVIEW})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
