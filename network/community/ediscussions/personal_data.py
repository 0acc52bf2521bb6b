"""E-discussions' section of a person's personal data export.

Export: the e-discussions the person created, their part in each e-discussion (role, country
and organisation as recorded, when invited and when they joined, the reminders they were sent
and what their contributions said they spoke for), the week reply addresses made for them
(which week, when, until when; never the key), their answers to consolidated summaries and
the archives they imported.
The contributions' text is in the forum's section, as posts.

Deleting an account: participations, week reply addresses and endorsements go with it through
their foreign keys; contributions stay in their e-discussion without an author, like every
forum post; e-discussions the person created and archives they imported stay, without them.
"""

from network import personal_data
from network.personal_data import iso_or_none

from .models import (
    ArchiveImport,
    Contribution,
    EDiscussion,
    Endorsement,
    Participant,
    WeekReplyKey,
)


@personal_data.register(
    "ediscussions",
    covers=[
        "community.EDiscussion",
        "community.Participant",
        "community.WeekReplyKey",
        "community.Endorsement",
        "community.ArchiveImport",
    ],
)
def ediscussions_export(user) -> dict:
    participations = (
        Participant.objects.filter(user=user)
        .select_related("ediscussion")
        .prefetch_related("nudges__week")
        .order_by("ediscussion__starts_at", "pk")
    )
    on_behalf: dict[int, list[dict]] = {}
    for contribution in (
        Contribution.objects.filter(participant__user=user)
        .exclude(on_behalf_organisation="")
        .order_by("created_at", "post_id")
    ):
        on_behalf.setdefault(contribution.participant_id, []).append(
            {
                "post": str(contribution.post_id),
                "name": contribution.on_behalf_name,
                "position": contribution.on_behalf_position,
                "organisation": contribution.on_behalf_organisation,
                "country": contribution.on_behalf_country,
            }
        )
    return {
        "created": [
            {"title": ediscussion.title, "created_at": iso_or_none(ediscussion.created_at)}
            for ediscussion in EDiscussion.objects.filter(created_by=user).order_by(
                "created_at", "pk"
            )
        ],
        "participations": [
            {
                "ediscussion": participant.ediscussion.title,
                "role": participant.role,
                "country": participant.country,
                "organisation": participant.organisation,
                "organisation_type": participant.organisation_type,
                "invited_at": iso_or_none(participant.invited_at),
                "joined_at": iso_or_none(participant.joined_at),
                "reminders": [
                    {"week": nudge.week.number, "sent_at": iso_or_none(nudge.sent_at)}
                    for nudge in participant.nudges.all()
                ],
                "contributions_on_behalf_of": on_behalf.get(participant.pk, []),
            }
            for participant in participations
        ],
        # When and for which week a reply address was made for the person; never the key.
        "week_reply_addresses": [
            {
                "ediscussion": key.week.ediscussion.title,
                "week": key.week.number,
                "created_at": iso_or_none(key.created_at),
                "expires_at": iso_or_none(key.expires_at),
            }
            for key in WeekReplyKey.objects.filter(user=user)
            .select_related("week__ediscussion")
            .order_by("created_at", "pk")
        ],
        "summary_answers": [
            {
                "ediscussion": endorsement.summary.ediscussion.title,
                "endorsed": endorsement.endorsed,
                "comment": endorsement.comment,
                "at": iso_or_none(endorsement.updated_at),
            }
            for endorsement in Endorsement.objects.filter(user=user)
            .select_related("summary__ediscussion")
            .order_by("updated_at", "pk")
        ],
        "archives_imported": [
            {
                "archive": archive.archive_name,
                "questions": archive.questions_name,
                "ediscussion": archive.ediscussion.title if archive.ediscussion else None,
                "messages": len(archive.entries),
                "at": iso_or_none(archive.created_at),
            }
            for archive in ArchiveImport.objects.filter(by=user)
            .select_related("ediscussion")
            .order_by("created_at", "pk")
        ],
    }
