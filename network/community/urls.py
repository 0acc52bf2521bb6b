"""The forum's addresses, under /<language>/community/. Each part of the forum has its views
module; the names here are what templates and emails reverse."""

from django.urls import include, path

from .ediscussions import urls as ediscussion_urls
from .views import directory, inbound, mentions, moderation, reading, search, watching, writing

app_name = "community"

urlpatterns = [
    # -- E-discussions (ediscussions/urls.py) -----------------------------------------------------
    path("e/", include(ediscussion_urls.urlpatterns)),
    # Before the topic page's "t/<id>/<slug>/", which would take "watch" for a slug.
    path("t/<int:topic_id>/watch/", watching.topic_watch, name="topic_watch"),
    # Before the topic page's "t/<id>/<slug>/", which would take "reply" for a slug.
    path("t/<int:topic_id>/reply/", writing.reply, name="reply"),
    # -- Reading (views/reading.py) ------------------------------------------------------------
    path("", reading.index, name="index"),
    path("latest/", reading.latest, name="latest"),
    path("top/", reading.top, name="top"),
    path("unanswered/", reading.unanswered, name="unanswered"),
    path("c/<slug:slug>/", reading.category, name="category"),
    path("c/<slug:slug>/feed.rss", reading.category_rss, name="category_rss"),
    path("c/<slug:slug>/feed.atom", reading.category_atom, name="category_atom"),
    path("s/<slug:slug>/", reading.space, name="space"),
    path("t/<int:topic_id>/<slug:slug>/", reading.topic, name="topic"),
    path("t/<int:topic_id>/", reading.topic_short, name="topic_short"),
    path("p/<int:post_id>/", reading.post_permalink, name="post"),
    # -- Writing (views/writing.py) ------------------------------------------------------------
    path("c/<slug:slug>/new/", writing.topic_new, name="topic_new"),
    path("p/<int:post_id>/edit/", writing.post_edit, name="post_edit"),
    path("p/<int:post_id>/delete/", writing.post_delete, name="post_delete"),
    path("p/<int:post_id>/revisions/", writing.post_revisions, name="post_revisions"),
    path("p/<int:post_id>/helpful/", writing.post_helpful, name="post_helpful"),
    path("p/<int:post_id>/answer/", writing.solution_mark, name="solution_mark"),
    path("files/<int:attachment_id>/<str:name>", writing.attachment, name="attachment"),
    # The composer's @mention suggestions (views/mentions.py), JSON for its script.
    path("mentions/", mentions.suggestions, name="mention_suggestions"),
    # -- Watching (views/watching.py) ----------------------------------------------------------
    path("watching/", watching.settings_page, name="watching"),
    path("c/<slug:slug>/watch/", watching.category_watch, name="category_watch"),
    # -- Moderation (views/moderation.py) ------------------------------------------------------
    path("p/<int:post_id>/flag/", moderation.post_flag, name="post_flag"),
    path("moderation/", moderation.queue, name="moderation_queue"),
    path("moderation/log/", moderation.log, name="moderation_log"),
    path("moderation/p/<int:post_id>/", moderation.post_moderate, name="post_moderate"),
    path("moderation/t/<int:topic_id>/", moderation.topic_moderate, name="topic_moderate"),
    path("moderation/m/<int:user_id>/", moderation.member_discipline, name="member_discipline"),
    # -- Search and the member directory (views/search.py, views/directory.py) -----------------
    path("search/", search.search, name="search"),
    path("members/", directory.people, name="people"),
    path("members/<str:handle>/", directory.member, name="member"),
    # -- Email (views/inbound.py): the sender's address is shown to members here ---------------
    path("email/", inbound.how_to, name="email_help"),
    path("email/original/<int:mail_id>/", inbound.original, name="inbound_original"),
]
