"""Did the sender's domain vouch for this message? Read from the ``Authentication-Results``
header (RFC 8601) that *our* receiving server (or the mail provider whose webhook posts to us)
added: its DKIM, SPF and DMARC results.

Anyone can write such a header into a message they send, so only a header whose authserv-id
(its first word) is one of ``trusted`` counts, and only the topmost such one (the receiving
server prepends its own). With no trusted id configured nothing is checked (``UNCHECKED``).

A message *passes* when DMARC passed, or when DKIM or SPF passed for the sender's own domain
(the From address's, or a parent of it: relaxed alignment). It *fails* when DMARC failed, or
when nothing passed and DKIM or SPF failed. Anything else (no trusted header, results "none",
"neutral", "temperror") is ``UNKNOWN``.
"""

import email.message
import re
from dataclasses import dataclass
from email.utils import parseaddr

PASS = "pass"  # noqa: S105 (an authentication result, not a password)
FAIL = "fail"
UNKNOWN = "unknown"
UNCHECKED = "unchecked"

_RESULT = re.compile(r"\b(dkim|spf|dmarc)\s*=\s*([a-z]+)([^;]*)", re.IGNORECASE)
_PROPERTY = re.compile(r"\b(header\.d|header\.i|smtp\.mailfrom|header\.from)\s*=\s*([^\s;]+)", re.I)
_COMMENT = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class Authentication:
    verdict: str  # PASS, FAIL, UNKNOWN or UNCHECKED
    detail: str = ""  # the results read, for the moderator and the log ("dkim=fail spf=none")

    @property
    def trusted(self) -> bool:
        return self.verdict in (PASS, UNCHECKED)


def _domain(value: str) -> str:
    value = value.strip().strip("<>").lower().rstrip(".")
    return value.rsplit("@", 1)[-1]


def _aligned(domain: str, sender_domain: str) -> bool:
    return bool(domain) and (sender_domain == domain or sender_domain.endswith("." + domain))


def _trusted_header(message: email.message.EmailMessage, trusted: set[str]) -> str | None:
    for header in message.get_all("Authentication-Results", []):
        text = _COMMENT.sub(" ", str(header))
        authserv_id = text.split(";", 1)[0].split()[0].lower() if text.strip() else ""
        if authserv_id in trusted:
            return text
    return None


def sender_authentication(
    *, message: email.message.EmailMessage, trusted: set[str] | frozenset[str]
) -> Authentication:
    """The verdict on ``message``'s sender domain (see the module docstring)."""
    trusted = {item.lower() for item in trusted if item}
    if not trusted:
        return Authentication(UNCHECKED)
    header = _trusted_header(message, trusted)
    if header is None:
        return Authentication(UNKNOWN, "no Authentication-Results from a trusted server")
    sender_domain = _domain(parseaddr(str(message.get("From", "")))[1])
    results: list[tuple[str, str, str]] = []
    for method, result, rest in _RESULT.findall(header.split(";", 1)[-1]):
        method, result = method.lower(), result.lower()
        properties = {name.lower(): _domain(value) for name, value in _PROPERTY.findall(rest)}
        domain = properties.get("header.d") or properties.get("header.i") or ""
        if method == "spf":
            domain = properties.get("smtp.mailfrom", "")
        results.append((method, result, domain))
    detail = " ".join(f"{method}={result}" for method, result, _domain_ in results) or "none"
    if any(method == "dmarc" and result == FAIL for method, result, _d in results):
        return Authentication(FAIL, detail)
    if any(method == "dmarc" and result == PASS for method, result, _d in results) or any(
        method in ("dkim", "spf") and result == PASS and _aligned(domain, sender_domain)
        for method, result, domain in results
    ):
        return Authentication(PASS, detail)
    if any(
        method in ("dkim", "spf") and result in (FAIL, "softfail") for method, result, _d in results
    ):
        return Authentication(FAIL, detail)
    return Authentication(UNKNOWN, detail)
