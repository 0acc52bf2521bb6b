"""What happens to an e-discussion, for the parts that follow it (announcement emails, search).

``sender`` is the ``EDiscussion`` class.
"""

from django.dispatch import Signal

# A week's questions were published (their topics exist). Arguments: week.
week_published = Signal()
# An e-discussion closed at its end (its question topics take no more replies). Arguments:
# ediscussion.
ediscussion_closed = Signal()
