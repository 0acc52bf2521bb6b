"""Writes of the questionnaire editor: creating questionnaires, editing a draft's elements and
choice lists, review and approval, publishing, text fixes of frozen versions and new versions.

Every function decides with ``network.permissions.decide`` first and raises ``PermissionDenied``
with the rule's reason; bad input raises ``ValidationError`` keyed by the form's field names so
that views put each message next to its field. Whether a version is well built is
``structure.version_problems``'s answer alone; whether its languages are complete is
``coverage.version_coverage``'s.
"""

from .choices import (
    choice_delete,
    choice_list_create,
    choice_list_delete,
    choice_list_rename,
    choice_move,
    choice_save,
)
from .common import ELEMENT_TEXTS, TAG_CODES, published_keys
from .elements import ElementData, element_delete, element_move, element_save
from .questionnaires import questionnaire_create, version_copy, version_settings_update
from .review import (
    comment_add,
    comment_resolve,
    version_approve,
    version_publish,
    version_retire,
    version_send_back,
    version_submit_for_review,
)
from .text_fixes import TextChange, text_fix_apply

__all__ = [
    "ELEMENT_TEXTS",
    "TAG_CODES",
    "ElementData",
    "TextChange",
    "choice_delete",
    "choice_list_create",
    "choice_list_delete",
    "choice_list_rename",
    "choice_move",
    "choice_save",
    "comment_add",
    "comment_resolve",
    "element_delete",
    "element_move",
    "element_save",
    "published_keys",
    "questionnaire_create",
    "text_fix_apply",
    "version_approve",
    "version_copy",
    "version_publish",
    "version_retire",
    "version_send_back",
    "version_settings_update",
    "version_submit_for_review",
]
