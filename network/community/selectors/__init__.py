"""The forum's reads, one module per area; every one filters with ``visibility``."""
