"""The forum's pages, one module per part; views are thin: they ask ``permissions`` and
``visibility`` through selectors and services."""
