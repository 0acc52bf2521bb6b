"""E-discussions: moderated, time-boxed consultations built on the forum.

An e-discussion owns one forum category (its access is the e-discussion's visibility, decided by
``community.visibility`` like any category's); each of its questions is a topic of that category
whose posts are the contributions. So contributions are written, sanitised, moderated, searched
and notified by the forum's own services; this package adds the schedule, the participants, the
routing of email to questions, the facilitator's dashboard and the consolidated summary.
"""
