"""Helpers for tests that start real processes (Celery workers, web servers): wait for a
condition, stop a process with everything it started, find a free local port."""

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable


def wait_for(condition: Callable[[], object], seconds: float = 30, every: float = 0.1) -> bool:
    """True as soon as ``condition()`` is truthy, False after ``seconds`` without it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def process_kill(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Send ``sig`` to the process group of ``process`` (started with start_new_session=True,
    so that its pool processes get it too) and wait for it to end."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        process.wait(timeout=30)


def free_port() -> int:
    """A local TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
