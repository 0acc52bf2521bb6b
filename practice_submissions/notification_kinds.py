"""Notification kinds of practice proposals. Context keys (the contract with the templates):
``submission_id``, ``title``, ``submitter_name``, and ``message`` (the coordinator's words;
empty when none); an approval adds ``page_urls``, the published practice page's address in
each language, which its email links first (in the reader's language)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import kind_register

SUBMITTED = kind_register(
    code="practice_submission_submitted",
    label=_("A practice was proposed for the directory"),
    help_text=_("Sent to coordinators."),
)
CHANGES_REQUESTED = kind_register(
    code="practice_submission_changes_requested",
    label=_("Coordinators ask for changes to a practice you proposed"),
)
APPROVED = kind_register(
    code="practice_submission_approved",
    label=_("A practice you proposed was published"),
)
DECLINED = kind_register(
    code="practice_submission_declined",
    label=_("A practice you proposed was declined"),
)
