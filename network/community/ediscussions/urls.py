"""The e-discussions' addresses, under /<language>/community/e/, in the forum's namespace
(``community:ediscussion...``). Each part adds its block."""

urlpatterns: list = [
    # -- Pages (views/pages.py) --------------------------------------------------------------
    # -- Facilitator's editor (views/facilitator.py) -----------------------------------------
    # -- Dashboard, tray and exports (views/dashboard.py) ------------------------------------
    # -- Summary (views/summary.py) ----------------------------------------------------------
    # -- Archive import (views/imports.py) ---------------------------------------------------
]
