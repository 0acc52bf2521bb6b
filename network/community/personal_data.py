"""The forum's section of a person's personal data export, and what deleting an account does to
their forum records.

Export: every forum row tied to the person — topics and posts they wrote (with their Markdown
and any earlier versions), files they attached (by name and address), "helpful" marks, reads,
watches, flags they raised, reply addresses (when and for which post, never the key), mail
they sent to the forum (sender, subject, outcome, never the raw message), suspensions, and, for
moderators, their moderation scopes, actions and the flags they resolved.

Deleting an account (the person's own choice, like Discourse's anonymisation): what they wrote
stays in its topics, so that conversations others answered still make sense, with no author
(shown as "a former member"); their "helpful" marks (the posts' counts go down with them),
reads, watches, reply addresses, suspensions and moderation scopes are deleted through their
foreign keys; files they had chosen but never posted and the mail they sent to the forum are
deleted here; flags, revisions and moderation log rows keep their content without the person.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.urls import reverse

from network import personal_data
from network.personal_data import iso_or_none
from notifications.links import absolute_url

from .models import (
    CategoryWatch,
    Flag,
    InboundMail,
    ModerationAction,
    ModeratorScope,
    Post,
    PostAttachment,
    PostRevision,
    Reaction,
    ReplyKey,
    Suspension,
    Topic,
    TopicRead,
    TopicWatch,
)
from .visibility import categories_readable


def _attachment(attachment: PostAttachment) -> dict:
    return {
        "name": attachment.name,
        "kind": attachment.kind,
        "size": attachment.size,
        "download_url": absolute_url(
            reverse("community:attachment", args=[attachment.pk, attachment.name])
        ),
        "added_at": iso_or_none(attachment.created_at),
    }


@personal_data.register(
    "forum",
    covers=[
        "community.Topic",
        "community.Post",
        "community.PostRevision",
        "community.PostAttachment",
        "community.Reaction",
        "community.TopicRead",
        "community.CategoryWatch",
        "community.TopicWatch",
        "community.Flag",
        "community.ModerationAction",
        "community.ModeratorScope",
        "community.Suspension",
        "community.ReplyKey",
        "community.InboundMail",
    ],
)
def forum_export(user) -> dict:
    # Topics the person watched or read in a category they can no longer read (a grant
    # withdrawn) are named by number only: the export never shows what the forum would not.
    readable = set(categories_readable(user=user).values_list("pk", flat=True))

    def topic_named(topic: Topic) -> str:
        return topic.title if topic.category_id in readable else f"#{topic.pk}"

    posts = (
        Post.objects.filter(author=user)
        .select_related("topic")
        .prefetch_related("revisions", "attachments")
        .order_by("created_at", "pk")
    )
    return {
        "topics_started": [
            {
                "title": topic.title,
                "category": topic.category.slug,
                "language": topic.language,
                "tags": sorted(topic.tags.names()),
                "started_at": iso_or_none(topic.created_at),
                "hidden": topic.is_hidden,
            }
            for topic in Topic.objects.filter(author=user)
            .select_related("category")
            .prefetch_related("tags")
            .order_by("created_at", "pk")
        ],
        "posts": [
            {
                "topic": post.topic.title,
                "number": post.number,
                "text": post.source,
                "language": post.language,
                "state": post.state,
                "written_on": post.via,
                "written_at": iso_or_none(post.created_at),
                "edited_at": iso_or_none(post.edited_at),
                "found_helpful": post.helpful_count,
                "earlier_versions": [
                    {
                        "text": revision.source,
                        "title": revision.title,
                        "until": iso_or_none(revision.created_at),
                    }
                    for revision in post.revisions.all()
                ],
                "files": [_attachment(attachment) for attachment in post.attachments.all()],
            }
            for post in posts
        ],
        "files_not_posted": [
            _attachment(attachment)
            for attachment in PostAttachment.objects.filter(
                uploaded_by=user, post__isnull=True
            ).order_by("created_at", "pk")
        ],
        "edits_of_others_posts": [
            {
                "post": str(revision.post),
                "reason": revision.reason,
                "at": iso_or_none(revision.created_at),
            }
            for revision in PostRevision.objects.filter(editor=user)
            .exclude(post__author=user)
            .select_related("post")
            .order_by("created_at", "pk")
        ],
        "found_helpful": [
            {"post": str(reaction.post), "at": iso_or_none(reaction.created_at)}
            for reaction in Reaction.objects.filter(user=user)
            .select_related("post")
            .order_by("created_at", "pk")
        ],
        "topics_read": [
            {"topic": topic_named(read.topic), "last_post_read": read.last_read_number}
            for read in TopicRead.objects.filter(user=user)
            .select_related("topic")
            .order_by("topic_id")
        ],
        "category_watches": [
            {"category": watch.category.slug, "level": watch.level}
            for watch in CategoryWatch.objects.filter(user=user)
            .select_related("category")
            .order_by("category_id")
        ],
        "topic_watches": [
            {"topic": topic_named(watch.topic), "level": watch.level, "reason": watch.reason}
            for watch in TopicWatch.objects.filter(user=user)
            .select_related("topic")
            .order_by("topic_id")
        ],
        "flags_raised": [
            {
                "post": str(flag.post),
                "reason": flag.reason,
                "note": flag.note,
                "at": iso_or_none(flag.created_at),
                "resolved_at": iso_or_none(flag.resolved_at),
            }
            for flag in Flag.objects.filter(reporter=user)
            .select_related("post")
            .order_by("created_at", "pk")
        ],
        "flags_resolved": [
            {
                "post": str(flag.post),
                "resolution": flag.resolution,
                "at": iso_or_none(flag.resolved_at),
            }
            for flag in Flag.objects.filter(resolved_by=user)
            .select_related("post")
            .order_by("resolved_at", "pk")
        ],
        "moderated_categories": sorted(
            ModeratorScope.objects.filter(user=user).values_list("category__slug", flat=True)
        ),
        "moderation_actions_taken": [
            {"action": action.action, "reason": action.reason, "at": iso_or_none(action.created_at)}
            for action in ModerationAction.objects.filter(actor=user).order_by("created_at", "pk")
        ],
        "moderation_actions_about_me": [
            {"action": action.action, "reason": action.reason, "at": iso_or_none(action.created_at)}
            for action in ModerationAction.objects.filter(member=user).order_by("created_at", "pk")
        ],
        "suspensions": [
            {
                "until": iso_or_none(suspension.ends_at),
                "reason": suspension.reason,
                "lifted_at": iso_or_none(suspension.lifted_at),
            }
            for suspension in Suspension.objects.filter(member=user).order_by("created_at", "pk")
        ],
        # When and for which post a reply address was made for the person; never the key.
        "reply_addresses": [
            {
                "post": str(key.post_id),
                "created_at": iso_or_none(key.created_at),
                "used": key.used_count,
            }
            for key in ReplyKey.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "mail_received": [
            {
                "subject": mail.subject,
                "sender": mail.sender,
                "received_at": iso_or_none(mail.received_at),
                "outcome": mail.outcome,
            }
            for mail in InboundMail.objects.filter(user=user).order_by("received_at", "pk")
        ],
    }


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="forum_account_deleted")
def _account_deleted(sender, instance, **kwargs) -> None:
    """Before an account goes: take its "helpful" marks out of the posts' counts (the marks
    themselves go with the account), and delete the files it never posted and the mail it
    sent (posts written from that mail stay, like every post)."""
    marked = Reaction.objects.filter(user=instance).values("post_id")
    Post.objects.filter(pk__in=marked, helpful_count__gt=0).update(
        helpful_count=F("helpful_count") - 1
    )
    for attachment in PostAttachment.objects.filter(uploaded_by=instance, post__isnull=True):
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        if name:
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    InboundMail.objects.filter(user=instance).delete()
