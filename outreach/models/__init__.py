from base.models import BasePage

from .campaigns import CampaignIndexPage, CampaignPage
from .events import EventIndexPage, EventPage, EventRegistration
from .home import HomePage
from .news import NewsCategory, NewsIndexPage, NewsPage
from .standard import StandardPage

__all__ = [
    "BasePage",
    "CampaignIndexPage",
    "CampaignPage",
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "HomePage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "StandardPage",
]
