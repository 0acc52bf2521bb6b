"""The community of practice: the forum officials use mostly by email, its private spaces
(the partners' intranet, the coordination committee) and its moderation.

A Django app of its own (label ``community``) inside ``network``, so it stays in the network's
layer: pages of higher layers (practices, library resources) reach it only through the link-card
registry (``cards.py``) they fill from their own ``AppConfig.ready``.
"""
