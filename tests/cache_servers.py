"""Redis servers that fail: one that refuses connections, one that accepts and never answers.
Each on a free port of its own (safe under pytest-xdist)."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def refusing_server() -> Iterator[str]:
    """The URL of a port nothing listens on (the connection is refused)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def hanging_server() -> Iterator[str]:
    """The URL of a server that accepts connections (the kernel's backlog does) and never
    answers, as a paused or overloaded Redis."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    try:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    finally:
        listener.close()
