"""Reading the email members send to the forum: their new text without the quoted message
(``trimming``), the files they attached (``files``), and whether a message is an automatic
reply or a bounce (``classify``).

Pure functions over parsed messages (``email.message_from_bytes(raw,
policy=email.policy.default)``): no database, so the inbound pipeline decides what to do with
the answer (post it, hold it for moderation, mark an address as bouncing).
"""
