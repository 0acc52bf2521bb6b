"""The fan-out task retries what passes (a database or broker away for a moment)."""

from unittest import mock

import pytest
from django.db import OperationalError

from network.community import tasks
from network.community.services.notify import Fanout


def test_the_fanout_task_retries_a_passing_database_error():
    calls = [OperationalError("server closed the connection"), Fanout(told=3, mentioned=1)]

    def fanout(**kwargs):
        outcome = calls.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    with mock.patch.object(tasks.notify, "post_fanout", side_effect=fanout) as post_fanout:
        result = tasks.forum_post_fanout.apply(args=(42, ["ana"]), throw=False)

    assert result.get() == 4
    assert post_fanout.call_count == 2
    post_fanout.assert_called_with(post_id=42, mentioned=["ana"], mentions_only=False)


def test_a_bug_is_not_retried():
    with mock.patch.object(tasks.notify, "post_fanout", side_effect=KeyError("bug")) as fanout:
        result = tasks.forum_post_fanout.apply(args=(42,), throw=False)
    assert fanout.call_count == 1
    with pytest.raises(KeyError):
        result.get()
