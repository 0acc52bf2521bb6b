from django.urls import path

from . import feeds, views

app_name = "outreach"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("news/feed/rss/", feeds.NewsRssFeed(), name="news_rss"),
    path("news/feed/atom/", feeds.NewsAtomFeed(), name="news_atom"),
    path("events/<int:page_id>/register/", views.event_register, name="event_register"),
    path("events/<int:page_id>/calendar.ics", views.event_calendar, name="event_calendar"),
    path(
        "events/registrations/<int:pk>/cancel/",
        views.event_registration_cancel,
        name="event_registration_cancel",
    ),
]
