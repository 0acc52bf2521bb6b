"""The notification of a consolidated summary: shared with the participants for endorsement,
then published (``summary.summary_share``, ``summary.summary_publish``).

Registered from ``CommunityConfig.ready``. Context keys, the contract with
``templates/notifications/ediscussion_summary/``: ``event`` ("shared" or "published"),
``ediscussion_id``, ``titles`` (the e-discussion's title in each language), ``endorse_until``
(ISO 8601, empty when none), and once published ``page_urls`` (the library resource's address
for a reader of each language). The notification's own address is the page to endorse (shared)
or to read the summary (published), reversed again in each reader's language."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import kind_register

EDISCUSSION_SUMMARY = kind_register(
    code="ediscussion_summary",
    label=_("The consolidated summary of an e-discussion you took part in"),
    help_text=_("When it is shared for your endorsement, and when it is published."),
)
