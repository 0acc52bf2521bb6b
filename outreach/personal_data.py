"""The outreach section of a person's personal data export: events and news."""

from network import personal_data
from network.personal_data import iso_or_none

from .models import EventRegistration, NewsPage


@personal_data.register("outreach", covers=["outreach.EventRegistration", "outreach.NewsPage"])
def outreach_export(user) -> dict:
    registrations = (
        EventRegistration.objects.filter(user=user)
        .select_related("event")
        .order_by("created_at", "pk")
    )
    articles = NewsPage.objects.filter(author=user).order_by("date", "pk")
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts_at": iso_or_none(registration.event.start),
                "status": registration.status,
                "registered_at": iso_or_none(registration.created_at),
                "cancelled_at": iso_or_none(registration.cancelled_at),
            }
            for registration in registrations
        ],
        # News articles credited to the person's account.
        "news_articles": [
            {"title": article.title, "date": iso_or_none(article.date), "live": article.live}
            for article in articles
        ],
    }
