"""A small SMTP server for tests: it accepts every message and records it, like a mail server
that has taken it (the 250 after DATA). From ``hold_after`` messages on it stops answering
DATA until released and then drops the connection without taking the message: a send that a
dying worker never finished."""

import email
import socketserver
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Received:
    recipients: tuple[str, ...]
    message_id: str


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, *, hold_after: int | None = None):
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.received: list[Received] = []
        self.held = 0
        self.hold_after = hold_after
        self.release = threading.Event()
        self.lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.shutdown()
        self.server_close()

    def stop_holding(self) -> None:
        with self.lock:
            self.hold_after = None
        self.release.set()

    def take(self, recipients: list[str], data: bytes) -> bool:
        """Record a message, or return False when it is to be held."""
        with self.lock:
            if self.hold_after is not None and len(self.received) >= self.hold_after:
                self.held += 1
                return False
            message_id = email.message_from_bytes(data)["Message-ID"]
            self.received.append(Received(tuple(recipients), message_id))
            return True


class _SmtpHandler(socketserver.StreamRequestHandler):
    server: SmtpSink

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 sink ready")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb == "QUIT":
                self.reply("221 bye")
                return
            if verb == "MAIL":
                recipients = []
            elif verb == "RCPT":
                recipients.append(command.partition(":")[2].strip().strip("<>"))
            elif verb == "DATA":
                self.reply("354 go on")
                data = self._read_data()
                if not self.server.take(recipients, data):
                    self.server.release.wait()
                    return
            self.reply("250 ok")

    def _read_data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)
