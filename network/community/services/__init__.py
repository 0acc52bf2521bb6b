"""The forum's writes, one module per area: ``posting`` (topics, replies, edits), ``reply_keys``
(reply addresses), and the others each part of the forum adds."""
