"""A small production deployment on one machine, for the multi-node test: a PostgreSQL database
of its own, a Redis server of its own, media in two buckets of an S3 server (moto's, from
tests/object_storage.py), two gunicorn instances ("nodes") with config.settings.production and
a Celery worker, each a separate process that shares nothing with the others but those services.

``Cluster.env`` is the one place that says how a node is configured: only ``REDIS_URL``, from
which the settings derive the broker's and the caches' databases as in production, and the
``AWS_*`` variables of the buckets (see docs/architecture.md, "Testing")."""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import requests

from tests.network.conftest import totp_code
from tests.object_storage import Buckets
from tests.processes import free_port, process_kill, wait_for

from .site import ANSWER

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"  # tests.factories.UserFactory's
START_SECONDS = 60


# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------
def database_create(base_url: str) -> str:
    """A new, empty database ``convive_nodes_<random>`` on the server of ``base_url``."""
    name = f"convive_nodes_{uuid.uuid4().hex[:10]}"
    with _admin_connection(base_url) as connection, connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))


def database_drop(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class _admin_connection:
    """An autocommit connection to the server's ``postgres`` database (CREATE/DROP DATABASE
    cannot run in a transaction)."""

    def __init__(self, url: str):
        self.url = urlunsplit(urlsplit(url)._replace(path="/postgres"))

    def __enter__(self):
        self.connection = psycopg2.connect(self.url)
        self.connection.autocommit = True
        return self.connection

    def __exit__(self, *exc):
        self.connection.close()


class PrivateRedis:
    """A redis-server of our own, on a free port, without persistence: stopped, it loses
    everything, as a restarted cache or broker without a disk does. Nothing else uses it, so
    deployments of parallel test workers (pytest-xdist) never meet."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def running(self) -> bool:
        return self.process is not None

    @staticmethod
    def binary() -> str | None:
        return shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin")

    def start(self) -> None:
        binary = self.binary()
        assert binary, "redis-server is not installed (Debian: apt-get install redis-server)"
        command = [binary, "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
        assert wait_for(self._answers, seconds=10), "redis-server did not start"

    def stop(self) -> None:
        if self.process is not None:
            process_kill(self.process)
            self.process = None

    def pause(self) -> None:
        """Freeze the server (SIGSTOP): connections open, no answer, as a Redis that hangs."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def database(self, number: int):
        """A client of database ``number`` of this server."""
        import redis

        return redis.Redis.from_url(f"redis://127.0.0.1:{self.port}/{number}", socket_timeout=5)

    def _answers(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=1).ping())
        except redis.RedisError:
            return False


# ---------------------------------------------------------------------------------------------
# The deployment
# ---------------------------------------------------------------------------------------------
@dataclass
class Cluster:
    database_url: str
    redis_server: PrivateRedis
    buckets: Buckets  # public and private media, on the S3 server
    root: Path  # logs and the collected static files
    smtp_port: int = 0
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        """The environment of every node, the worker and the site scripts."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "multinode-test-secret-not-for-production",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "http://127.0.0.1",
            "DATABASE_URL": self.database_url,
            # As in production, one URL: the broker keeps its database (0), the default cache
            # and the page cache take the next two (config/settings/base.py).
            "REDIS_URL": self.redis_server.url,
            "PAGE_CACHE_ENABLED": "true",
            # Plain http on the loopback: no redirect to https (cookies stay Secure; the
            # client below sends them anyway, as a TLS-terminating proxy's client would).
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "CONN_MAX_AGE": "0",
            # Media, public and private, in the buckets every process shares.
            **self.buckets.environment(),
            "STATIC_ROOT": str(self.root / "static"),
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port or free_port()}",
            "EMAIL_TIMEOUT": "20",
            # Short enough that an email lost with a broker or a worker is sent again within
            # the test; the sweep decides on an interrupted send after 5 s.
            "NOTIFICATIONS_QUEUED_TIMEOUT": "2",
            "NOTIFICATIONS_SENDING_TIMEOUT": "5",
            "PYTHONUNBUFFERED": "1",
        }

    def site(self, action: str, argument: object = "") -> object:
        """Run an action of tests/multinode/site.py, in a process of the cluster's own that
        stays up between actions."""
        process = self.processes.get("site")
        if process is None:
            log = (self.root / "site.log").open("ab")
            process = self.processes["site"] = subprocess.Popen(
                [sys.executable, "-m", "tests.multinode.site"],
                cwd=REPO,
                env=self.env(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                start_new_session=True,
            )
        process.stdin.write(f"{action} {argument}\n")
        process.stdin.flush()
        for line in process.stdout:
            if line.startswith(ANSWER):
                answer = json.loads(line[len(ANSWER) :])
                assert "error" not in answer, f"{action} {argument}:\n{answer['error']}"
                return answer["result"]
        raise AssertionError(f"the site process ended:\n{self.log('site')}")

    # -- processes ------------------------------------------------------------------------------
    def node_start(self, name: str) -> None:
        port = self.ports.setdefault(name, free_port())
        command = [sys.executable, "-m", "gunicorn", "config.wsgi"]
        command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4"]
        command += ["--timeout", "60", "--log-level", "warning"]
        self.processes[name] = self._start(name, command)

    def worker_start(self, *, smtp_port: int) -> None:
        self.smtp_port = smtp_port
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork"]
        command += ["--concurrency=2", "--loglevel=WARNING"]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        self.processes["worker"] = self._start("worker", command)

    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = (self.root / f"{name}.log").open("ab")
        # A session of its own: killing it kills its gunicorn or Celery children too.
        return subprocess.Popen(
            command, cwd=REPO, env=self.env(), stdout=log, stderr=log, start_new_session=True
        )

    def wait_until_serving(self, *names: str) -> None:
        for name in names:
            assert wait_for(lambda name=name: self._serves(name), seconds=START_SECONDS), (
                f"{name} did not start:\n{self.log(name)}"
            )

    def _serves(self, name: str) -> bool:
        assert self.processes[name].poll() is None, f"{name} exited:\n{self.log(name)}"
        try:
            return requests.get(f"{self.url(name)}/robots.txt", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def log(self, name: str) -> str:
        path = self.root / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self, name: str, *, kill: bool = False) -> None:
        process = self.processes.pop(name, None)
        if process is not None:
            process_kill(process, 9 if kill else 15)

    def stop_all(self) -> None:
        """The end of the test: nothing is in flight any more, no need to wait for it."""
        for name in list(self.processes):
            self.stop(name, kill=True)


def cluster_prepare(cluster: Cluster) -> None:
    """Give the cluster its migrated database and its collected static files.

    Both are built once per version of the code that makes them (the migrations; the static
    files and installed packages) and copied from then on: a PostgreSQL template database
    ``convive_nodes_tpl_<hash>`` and a folder in the system's temporary directory. Building
    takes a minute or more on a busy two-core machine; copying takes a second."""
    template = f"convive_nodes_tpl_{_digest('*/migrations/*.py', '*/*/migrations/*.py')}"
    static = Path(tempfile.gettempdir()) / f"convive-nodes-static-{_digest('static/**/*')}"
    jobs = []
    if not _database_exists(cluster.database_url, template):
        jobs.append(_template_build(cluster, template))
    if not static.is_dir():
        jobs.append(_static_build(cluster, static))
    for finish in jobs:
        finish()
    name = urlsplit(cluster.database_url).path.lstrip("/")
    with _admin_connection(cluster.database_url) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    (cluster.root / "static").symlink_to(static)


def _digest(*patterns: str) -> str:
    """A short hash of the files matching ``patterns`` and of every installed package."""
    from importlib.metadata import distributions

    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(REPO.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode() + path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:16]


def _database_exists(url: str, name: str) -> bool:
    with _admin_connection(url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _manage(cluster: Cluster, env: dict, *command: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *command, "--noinput", "-v", "0"],
        cwd=REPO,
        env={**cluster.env(), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _finish(job: subprocess.Popen) -> None:
    output, _ = job.communicate(timeout=600)
    assert job.returncode == 0, output.decode(errors="replace")


def _template_build(cluster: Cluster, template: str):
    """Migrate a database under a temporary name, then rename it to ``template`` (so that a
    half-built one is never used); older templates are dropped."""
    building = f"{template}_{uuid.uuid4().hex[:6]}"
    url = urlunsplit(urlsplit(cluster.database_url)._replace(path=f"/{building}"))
    with _admin_connection(url) as connection, connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{building}"')
    job = _manage(cluster, {"DATABASE_URL": url}, "migrate")

    def finish() -> None:
        try:
            _finish(job)
            with _admin_connection(url) as connection, connection.cursor() as cursor:
                cursor.execute(
                    "SELECT datname FROM pg_database"
                    " WHERE datname LIKE 'convive\\_nodes\\_tpl\\_%%' AND datname <> %s",
                    [building],
                )
                for (old,) in cursor.fetchall():
                    cursor.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
                cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
        except BaseException:
            database_drop(url)
            raise

    return finish


def _static_build(cluster: Cluster, static: Path):
    building = static.with_name(f"{static.name}-{uuid.uuid4().hex[:6]}")
    job = _manage(cluster, {"STATIC_ROOT": str(building)}, "collectstatic")

    def finish() -> None:
        _finish(job)
        for old in static.parent.glob("convive-nodes-static-*"):
            if old not in (building, static):
                shutil.rmtree(old, ignore_errors=True)
        try:
            building.rename(static)
        except OSError:  # another run finished first: theirs is the same
            shutil.rmtree(building, ignore_errors=True)

    return finish


# ---------------------------------------------------------------------------------------------
# Visitors
# ---------------------------------------------------------------------------------------------
class _SendSecureCookies(DefaultCookiePolicy):
    """Production's cookies are Secure (for https behind the proxy); the nodes speak plain http
    on the loopback, so this client sends them anyway."""

    def return_ok_secure(self, cookie, request):
        return True


class Visitor(requests.Session):
    """A person's browser: cookies, and the CSRF token Django's forms ask for."""

    def __init__(self):
        super().__init__()
        self.cookies.set_policy(_SendSecureCookies())

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        # requests copies the cookies into a jar of the default policy before choosing which
        # to send; choose from our own.
        prepared = super().prepare_request(request)
        prepared.headers.pop("Cookie", None)
        prepared.prepare_cookies(self.cookies)
        return prepared

    def csrf(self) -> str:
        return self.cookies.get("__Secure-csrftoken", "")

    def submit(
        self, url: str, data: dict, *, form_url: str = "", files: dict | None = None
    ) -> requests.Response:
        """GET the form (at ``url``, or ``form_url`` when it posts elsewhere), for the CSRF
        cookie, and POST it (with ``files``: {field: (name, bytes, type)}, as a multipart
        upload)."""
        self.get(form_url or url, timeout=10)
        return self.post(
            url,
            data={**data, "csrfmiddlewaretoken": self.csrf()},
            files=files,
            allow_redirects=False,
            timeout=10,
        )

    def sign_in(self, base: str, email: str, *, second_factor: bool = False) -> None:
        """Password, then (coordinators) a code from the authenticator app, as in
        tests/network/conftest.py sign_in, but over HTTP."""
        response = self.submit(f"{base}/en/accounts/login/", {"login": email, "password": PASSWORD})
        assert response.status_code == 302, f"the password was refused: {response.status_code}"
        if second_factor:
            assert response.headers["Location"].endswith("/accounts/2fa/authenticate/")
            code = totp_code()
            response = self.submit(f"{base}/en/accounts/2fa/authenticate/", {"code": code})
            assert response.status_code == 302, "the code was refused"


def make_root() -> Path:
    return Path(tempfile.mkdtemp(prefix="convive-nodes-"))
