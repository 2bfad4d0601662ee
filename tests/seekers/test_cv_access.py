"""Private CV downloads: who gets which CV, the response headers, the audit and the media route."""

import importlib
import logging

import pytest
from django.http import Http404
from django.urls import reverse
from django.views.static import serve

import jobcluster.urls
from jobcluster.media import is_private_media, media_urlpatterns, serve_public_media
from organisations.models import Membership
from seekers import services
from seekers.choices import Visibility
from seekers.models import ProfileEvent, SeekerProfile
from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory, OrganisationFactory, activate_totp

from .factories import PLAIN_PDF, SeekerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    return OrganisationFactory(verified=True)


@pytest.fixture
def counsellor(centre):
    return MembershipFactory(organisation=centre, role=Membership.Role.COUNSELLOR).user


@pytest.fixture
def other_counsellor():
    other_centre = OrganisationFactory(verified=True)
    return MembershipFactory(organisation=other_centre, role=Membership.Role.COUNSELLOR).user


@pytest.fixture
def counselled(centre, counsellor):
    """A searchable seeker registered by `centre`, whose counsellor is `counsellor`."""
    return SeekerProfileFactory(
        counsellor_organisation=centre, counsellor=counsellor, visibility=Visibility.SEARCHABLE
    )


@pytest.fixture
def application(counselled, offer):
    return services.apply(counselled.user, offer, "Je suis disponible.")


@pytest.fixture
def editor():
    return activate_totp(UserFactory(editor=True))


def download(client, user, url):
    """Return the response to `user` getting `url`, a file's bytes read into `downloaded`."""
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    if getattr(response, "streaming", False):
        # Reading the content to its end closes the response. Closing it again would signal
        # the end of a request and close the test's database connection on PostgreSQL.
        response.downloaded = b"".join(response.streaming_content)
    return response


# Who gets a profile CV


def test_own_profile_cv_downloaded(client, counselled):
    response = download(client, counselled.user, reverse("seekers:cv"))

    assert response.status_code == 200
    assert response.downloaded == PLAIN_PDF


def test_own_profile_cv_missing_is_404(client):
    profile = SeekerProfileFactory(cv="")

    response = download(client, profile.user, reverse("seekers:cv"))

    assert response.status_code == 404


def test_own_profile_cv_needs_login(client, counselled):
    response = download(client, None, reverse("seekers:cv"))

    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


def test_counsellor_downloads_counselled_cv(client, counsellor, counselled):
    url = reverse("counselling:cv", args=[counselled.user_id])

    response = download(client, counsellor, url)

    assert response.status_code == 200
    assert response.downloaded == PLAIN_PDF


@pytest.mark.parametrize("who", ["other_counsellor", "reviewer", "outsider", "editor", "seeker"])
def test_counselled_cv_hidden_from_others(client, request, counselled, who):
    user = request.getfixturevalue(who)
    url = reverse("counselling:cv", args=[counselled.user_id])

    response = download(client, user, url)

    assert response.status_code in (403, 404)
    assert not getattr(response, "streaming", False)


def test_counselled_cv_needs_login(client, counselled):
    response = download(client, None, reverse("counselling:cv", args=[counselled.user_id]))

    assert response.status_code == 302


def test_discovery_page_links_no_cv(client, reviewer, counselled):
    response = download(client, reviewer, reverse("inbox:seeker", args=[counselled.user_id]))

    assert response.status_code == 200
    assert b"/cv/" not in response.content
    assert counselled.cv.name.encode() not in response.content


# Who gets an application CV


@pytest.mark.parametrize("who", ["seeker_of_application", "counsellor", "reviewer"])
def test_application_cv_allowed(client, request, application, who):
    user = application.seeker if who == "seeker_of_application" else request.getfixturevalue(who)

    response = download(client, user, reverse("inbox:cv", args=[application.pk]))

    assert response.status_code == 200
    assert response.downloaded == PLAIN_PDF


@pytest.mark.parametrize("who", ["seeker", "outsider", "other_counsellor", "editor"])
def test_application_cv_hidden_from_others(client, request, application, who):
    user = request.getfixturevalue(who)

    response = download(client, user, reverse("inbox:cv", args=[application.pk]))

    assert response.status_code == 404
    assert not ProfileEvent.objects.filter(action=ProfileEvent.Action.CV_DOWNLOADED).exists()


def test_application_cv_needs_login(client, application):
    response = download(client, None, reverse("inbox:cv", args=[application.pk]))

    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


def test_application_cv_missing_file_is_404(client, reviewer, application, caplog):
    application.cv.storage.delete(application.cv.name)

    with caplog.at_level(logging.WARNING, logger="seekers.cv_views"):
        response = download(client, reviewer, reverse("inbox:cv", args=[application.pk]))

    assert response.status_code == 404
    assert "CV file missing from storage" in caplog.text


# Headers and audit


def test_cv_response_headers(client, reviewer, application):
    response = download(client, reviewer, reverse("inbox:cv", args=[application.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="cv-candidature-{application.pk}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_own_cv_response_headers(client, counselled):
    response = download(client, counselled.user, reverse("seekers:cv"))

    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_ngo_download_audited(client, reviewer, application, caplog):
    with caplog.at_level(logging.INFO, logger="seekers.cv_access"):
        download(client, reviewer, reverse("inbox:cv", args=[application.pk]))

    event = ProfileEvent.objects.get(action=ProfileEvent.Action.CV_DOWNLOADED)
    assert event.actor == reviewer
    assert event.organisation_id == application.organisation_id
    assert event.profile == application.seeker.seeker_profile
    assert event.details == {"application": application.pk, "offer": application.offer_id}
    assert (
        f"application={application.pk} organisation={application.organisation_id} "
        f"user={reviewer.pk}" in caplog.text
    )


@pytest.mark.parametrize("who", ["seeker_of_application", "counsellor"])
def test_own_side_download_not_audited(client, request, application, who):
    user = application.seeker if who == "seeker_of_application" else request.getfixturevalue(who)

    download(client, user, reverse("inbox:cv", args=[application.pk]))

    assert not ProfileEvent.objects.filter(action=ProfileEvent.Action.CV_DOWNLOADED).exists()


# Storage names and links


def test_uploaded_cv_name_is_random(counselled):
    name = counselled.cv.name

    assert name.startswith("seekers/cv/")
    assert name.endswith(".pdf")
    assert "cv.pdf" not in name
    assert len(name.rsplit("/", 1)[1]) == len("0" * 32 + ".pdf")


def test_old_cv_name_still_served(client, counselled):
    old_name = "seekers/cv/2026/12/cv-aminata-diarra.pdf"
    with counselled.cv.open("rb") as stored:
        counselled.cv.storage.save(old_name, stored)
    SeekerProfile.objects.filter(pk=counselled.pk).update(cv=old_name)

    response = download(client, counselled.user, reverse("seekers:cv"))

    assert response.status_code == 200
    assert response.downloaded == PLAIN_PDF


def test_profile_page_links_private_cv(client, counselled):
    response = download(client, counselled.user, reverse("seekers:profile"))

    assert response.status_code == 200
    content = response.content.decode()
    assert f'href="{reverse("seekers:cv")}"' in content
    assert "/media/" not in content
    assert counselled.cv.name not in content


def test_counselling_page_links_private_cv(client, counsellor, counselled):
    url = reverse("counselling:profile", args=[counselled.user_id])

    response = download(client, counsellor, url)

    content = response.content.decode()
    assert f'href="{reverse("counselling:cv", args=[counselled.user_id])}"' in content
    assert "/media/" not in content


def test_applications_page_links_private_cv(client, application):
    response = download(client, application.seeker, reverse("seekers:applications"))

    content = response.content.decode()
    assert f'href="{reverse("inbox:cv", args=[application.pk])}"' in content
    assert "/media/" not in content


# The media route


def test_cv_media_url_not_served(client, counselled):
    response = client.get(f"/media/{counselled.cv.name}")

    assert response.status_code == 404
    assert not getattr(response, "streaming", False)


@pytest.mark.parametrize(
    "path",
    [
        "seekers/cv/2026/12/cv.pdf",
        "seekers//cv/2026/12/cv.pdf",
        "./seekers/cv/2026/12/cv.pdf",
        "images/../seekers/cv/2026/12/cv.pdf",
        "Seekers/CV/2026/12/cv.pdf",
        "seekers/cv",
        "/seekers/cv/",
    ],
)
def test_private_media_paths(path):
    assert is_private_media(path)


@pytest.mark.parametrize("path", ["images/photo.jpg", "seekers/cvs.txt", "original_images/a.png"])
def test_public_media_paths(path):
    assert not is_private_media(path)


def test_media_route_refuses_cv(rf, settings, counselled):
    request = rf.get(f"/media/{counselled.cv.name}")
    request.user = counselled.user

    with pytest.raises(Http404):
        serve_public_media(request, counselled.cv.name)


def test_media_route_serves_other_files(rf, settings):
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "images" / "logo.txt").write_bytes(b"logo")
    request = rf.get("/media/images/logo.txt")
    request.user = UserFactory()

    response = serve_public_media(request, "images/logo.txt")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"logo"
    response.file_to_stream.close()


# The site's routes with the media route that development adds under DEBUG, for the tests marked
# with this module.
urlpatterns = [*media_urlpatterns(), *jobcluster.urls.urlpatterns]


@pytest.mark.urls(__name__)
def test_debug_media_route_refuses_cv(client, counselled):
    response = client.get(f"/media/{counselled.cv.name}")

    assert response.status_code == 404
    assert not getattr(response, "streaming", False)


@pytest.mark.urls(__name__)
def test_debug_media_route_serves_images(client, settings):
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "images" / "logo.txt").write_bytes(b"logo")

    response = client.get("/media/images/logo.txt")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"logo"


def test_debug_urlconf_uses_guarded_media_route(settings):
    settings.DEBUG = True
    try:
        urls = importlib.reload(jobcluster.urls)
        callbacks = {getattr(pattern, "callback", None) for pattern in urls.urlpatterns}
    finally:
        settings.DEBUG = False
        importlib.reload(jobcluster.urls)

    assert serve_public_media in callbacks
    assert serve not in callbacks
