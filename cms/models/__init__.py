"""Wagtail page models of the public site, one module per part of the page tree."""

from .forum import ForumEditionPage, ForumIndexPage
from .home import HomePage, HomePageFigure
from .news import NewsIndexPage, NewsPage
from .opportunities import OfferPage, OpportunityPage, TrainingPage
from .organisations import OrganisationIndexPage, OrganisationPage
from .reports import OfferReport

__all__ = [
    "ForumEditionPage",
    "ForumIndexPage",
    "HomePage",
    "HomePageFigure",
    "NewsIndexPage",
    "NewsPage",
    "OfferPage",
    "OfferReport",
    "OpportunityPage",
    "OrganisationIndexPage",
    "OrganisationPage",
    "TrainingPage",
]
