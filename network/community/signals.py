"""What happens to forum content, for the parts of the forum that follow it without the writing
services knowing them: notifications (watchers, mentions), the search index. The posting and
moderation services send these after their change is saved, inside its transaction; receivers
that do slow work (email fan-out) enqueue a Celery task with ``transaction.on_commit``.

Every signal's ``sender`` is the ``Post`` class; ``post`` is the post concerned.
"""

from django.dispatch import Signal

# A post became visible to readers: written (not held), or approved from the queue.
# Arguments: post; mentioned (usernames its text mentions and that resolved to members).
post_published = Signal()
# A post was written (published or held for a moderator), by any path. Arguments: post.
post_created = Signal()
# A published post's text, language or (for an opening post) topic title changed.
# Arguments: post; mentioned (the members its text mentions now); mentions_added (those of them
# its text did not mention before the edit).
post_edited = Signal()
# A post stopped being visible (deleted by its author, hidden by a moderator, rejected).
post_hidden = Signal()
# A hidden post was restored.
post_restored = Signal()
# A topic moved to another category, was hidden or restored, or changed title: whatever is
# indexed or listed per topic must be read again. Arguments: post (the opening post).
topic_changed = Signal()
# A moderator moved a topic to another category (sent after ``topic_changed``). Arguments: post
# (the opening post; ``post.topic.category`` is the new category).
topic_moved = Signal()
