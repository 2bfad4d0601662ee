"""Trainings go offline the day after their end date or application deadline, in Bamako time."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms import services, tasks
from cms.models import TrainingPage
from cms.time import bamako_today
from search.models import SearchEntry
from tests.cms.factories import make_training, training_fields

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
START = datetime.date(2026, 6, 10)
END = datetime.date(2026, 6, 19)
DEADLINE = datetime.date(2026, 6, 5)


@pytest.fixture
def trainings(org_page, monkeypatch):
    # Created while every date is still to come, as an NGO would have posted them.
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 6, 1, 12, 0, tzinfo=UTC))
    ends_19 = make_training(org_page, start_date=START, end_date=END, slug="finit-le-19")
    deadline_5 = make_training(
        org_page, start_date=START, end_date=END, application_deadline=DEADLINE, slug="inscr-5"
    )
    ends_20 = make_training(
        org_page, start_date=START, end_date=END + datetime.timedelta(days=1), slug="finit-le-20"
    )
    draft = make_training(org_page, live=False, start_date=START, end_date=END, slug="brouillon")
    monkeypatch.undo()
    return {"ends_19": ends_19, "deadline_5": deadline_5, "ends_20": ends_20, "draft": draft}


def live_slugs() -> set[str]:
    return set(TrainingPage.objects.live().values_list("slug", flat=True))


def test_training_stays_until_end_date_midnight(trainings):
    last_second = datetime.datetime(2026, 6, 19, 23, 59, 59, tzinfo=UTC)

    expired = services.expire_finished_trainings(now=last_second)

    assert expired == [trainings["deadline_5"].pk]
    assert live_slugs() == {"finit-le-19", "finit-le-20"}


def test_training_expires_after_end_date(trainings):
    first_second = datetime.datetime(2026, 6, 20, 0, 0, 0, tzinfo=UTC)

    expired = services.expire_finished_trainings(now=first_second)

    assert sorted(expired) == sorted([trainings["ends_19"].pk, trainings["deadline_5"].pk])
    assert live_slugs() == {"finit-le-20"}
    ended = TrainingPage.objects.get(pk=trainings["ends_19"].pk)
    assert ended.expired
    assert PageLogEntry.objects.filter(page=ended, action="cms.training_expired").count() == 1
    draft = TrainingPage.objects.get(pk=trainings["draft"].pk)
    assert not draft.expired


def test_training_expires_after_deadline(trainings):
    deadline_day = datetime.datetime(2026, 6, 5, 23, 59, 59, tzinfo=UTC)
    next_day = datetime.datetime(2026, 6, 6, 0, 0, 0, tzinfo=UTC)

    assert services.expire_finished_trainings(now=deadline_day) == []
    assert services.expire_finished_trainings(now=next_day) == [trainings["deadline_5"].pk]
    assert "inscr-5" not in live_slugs()


def test_training_expiry_uses_bamako_zone(trainings, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    # 2026-06-20 08:00 in Tokyo is still 2026-06-19 in Bamako.
    tokyo_morning = datetime.datetime(2026, 6, 19, 23, 0, tzinfo=UTC)

    expired = services.expire_finished_trainings(now=tokyo_morning)

    assert expired == [trainings["deadline_5"].pk]


def test_training_expiry_task_is_idempotent(trainings, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 6, 21, 0, 5, tzinfo=UTC))

    first = tasks.expire_finished_trainings.delay().get()
    second = tasks.expire_finished_trainings.delay().get()

    assert len(first) == 3
    assert second == []
    assert live_slugs() == set()


def test_beat_schedules_training_expiry(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["expire-finished-trainings"]

    assert entry["task"] == "cms.tasks.expire_finished_trainings"
    assert tasks.expire_finished_trainings.name == "cms.tasks.expire_finished_trainings"


def test_expired_training_leaves_search_index(org_page, django_capture_on_commit_callbacks):
    today = bamako_today()
    with django_capture_on_commit_callbacks(execute=True):
        training = make_training(
            org_page,
            start_date=today + datetime.timedelta(days=10),
            end_date=today + datetime.timedelta(days=20),
            application_deadline=today + datetime.timedelta(days=3),
        )
    assert SearchEntry.objects.filter(page_id=training.pk).exists()

    after_deadline = timezone.now() + datetime.timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        expired = services.expire_finished_trainings(now=after_deadline)

    assert expired == [training.pk]
    assert not SearchEntry.objects.filter(page_id=training.pk).exists()


@pytest.mark.parametrize(
    ("deadline_offset", "message"),
    [
        (-1, "La date limite d’inscription est passée : choisissez une date à venir."),
        (25, "La date limite d’inscription tombe après la fin de la formation."),
    ],
)
def test_training_deadline_validation(deadline_offset, message):
    today = bamako_today()
    training = TrainingPage(
        **training_fields(application_deadline=today + datetime.timedelta(days=deadline_offset))
    )

    with pytest.raises(ValidationError) as raised:
        training.full_clean(exclude=["path", "depth", "slug", "organisation"])

    assert raised.value.message_dict["application_deadline"] == [message]


def test_training_page_shows_deadline(client, org_page):
    deadline = bamako_today() + datetime.timedelta(days=5)
    with_deadline = make_training(org_page, application_deadline=deadline, slug="avec-date")
    without = make_training(org_page, slug="sans-date")

    shown = client.get(with_deadline.url).content.decode()
    hidden = client.get(without.url).content.decode()

    assert "Inscriptions jusqu’au" in shown
    assert "Inscriptions jusqu’au" not in hidden
