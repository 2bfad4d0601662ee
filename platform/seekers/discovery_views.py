"""Pages where NGO members find seekers who let NGOs find them."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.roles import Permission, organisations_with
from cms.time import bamako_today

from . import discovery, profiles
from .forms import SeekerSearchForm


def _organisation(request: HttpRequest):
    # NOTE: a member of several verified organisations searches as the first by name; a choice
    # of organisation is needed once such members exist.
    organisations = organisations_with(request.user, Permission.SEARCH_SEEKERS)
    if not organisations:
        raise PermissionDenied
    return organisations[0]


@login_required
def search(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = SeekerSearchForm(request.GET)
    results = None
    # The page opens with the empty form; a submitted form, even without filters, searches.
    if request.GET and form.is_valid():
        results = discovery.search_seekers(
            request.user, organisation, discovery.SeekerFilters(**form.cleaned_data)
        )
    return render(
        request,
        "seekers/discovery/search.html",
        {"form": form, "results": results, "organisation": organisation},
    )


@login_required
def seeker(request: HttpRequest, user_id: int) -> HttpResponse:
    organisation = _organisation(request)
    profile = discovery.view_seeker(request.user, organisation, user_id)
    age = profile.age_on(bamako_today())
    return render(
        request,
        "seekers/discovery/seeker.html",
        {
            "profile": profile,
            "age_band": profiles.age_band(age) if age is not None else "",
            "organisation": organisation,
        },
    )
