"""The e-discussions' pages are valid HTML (the Nu HTML Checker, as tests/test_html_validity.py
runs it): the list, a home with its fallbacks and join button, a question with contributions
(one on behalf of an organisation) and a preview, the participants, and every page of the
facilitator's editor, a form with its errors among them."""

import re
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from network.community.ediscussions import services
from network.community.models import Question
from network.community.services.posting import reply_create
from network.roles import Role
from tests.community.ediscussion_helpers import running_ediscussion
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.network.conftest import person, sign_in
from tests.test_html_validity import _errors, _vnu_command

pytestmark = pytest.mark.django_db


def _save(client: Client, folder, pages: list[tuple[str, str, dict | None]]) -> dict[str, str]:
    names = {}
    for number, (method, path, data) in enumerate(pages):
        response = client.post(path, data) if method == "post" else client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        name = f"{number:03d}-{re.sub(r'[^a-z0-9]+', '-', path.lower()).strip('-')}.html"
        (folder / name).write_bytes(response.content)
        names[name] = path
    return names


def test_the_e_discussion_pages_are_valid_html(tmp_path):
    command = _vnu_command()
    coordinator = person(Role.COORDINATOR)
    coordinator.second_factor_passed = True
    ediscussion = running_ediscussion(
        facilitator=coordinator, access="public", framing={"en": "We ask **you**."}
    )
    services.week_save(
        by=coordinator,
        ediscussion=ediscussion,
        number=1,
        opens_at=ediscussion.starts_at,
        titles={"en": "Coordination"},
    )
    author = UserFactory(listed_in_directory=True, first_name="Ana")
    MembershipFactory(user=author, local_authority=LocalAuthorityFactory(country="CO"))
    topic = Question.objects.get(week__ediscussion=ediscussion, number=1).topic
    post = reply_create(author=author, topic=topic, source="En *Bogotá*...", language="es").post
    services.contribution_on_behalf_record(
        by=author, contribution=post.contribution, organisation="Red", country="CO", name="Ana"
    )
    slug = ediscussion.slug
    member, editor = Client(), Client()
    member.force_login(UserFactory())
    sign_in(editor, coordinator)
    names = {}
    for language in ("en", "pt"):
        with translation.override(language):
            names |= _save(
                member,
                tmp_path,
                [
                    ("get", reverse("community:ediscussion_list"), None),
                    ("get", reverse("community:ediscussion", args=[slug]), None),
                    ("get", reverse("community:ediscussion_question", args=[slug, 1]), None),
                    (
                        "post",
                        reverse("community:ediscussion_question", args=[slug, 1]),
                        {"source": "**Our** work", "on_behalf_name": "Ana", "action": "preview"},
                    ),
                    ("get", reverse("community:ediscussion_participants", args=[slug]), None),
                ],
            )
    names |= _save(
        editor,
        tmp_path,
        [
            ("get", reverse("community:ediscussion_create"), None),
            ("post", reverse("community:ediscussion_create"), {"title_en": "x" * 300}),
            ("get", reverse("community:ediscussion_editor", args=[slug]), None),
            ("get", reverse("community:ediscussion_settings", args=[slug]), None),
            ("get", reverse("community:ediscussion_week_add", args=[slug]), None),
            ("get", reverse("community:ediscussion_week", args=[slug, 1]), None),
            ("get", reverse("community:ediscussion_week", args=[slug, 2]), None),
            ("get", reverse("community:ediscussion_question_add", args=[slug, 2]), None),
            ("get", reverse("community:ediscussion_question_edit", args=[slug, 1]), None),
            ("get", reverse("community:ediscussion_people", args=[slug]) + "?q=Ana", None),
        ],
    )

    result = subprocess.run(
        [*command, str(tmp_path)], capture_output=True, text=True, timeout=600, check=False
    )

    errors = _errors(result.stderr or '{"messages": []}', names)
    assert errors == [], f"{len(errors)} HTML error(s):\n" + "\n".join(errors)
