"""Settings shared by every environment. Everything that differs between machines comes from
environment variables, read once through ``env`` below."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.object_storage import media_origins, s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

# ---------------------------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_ID = 1

# ---------------------------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
]
THIRD_PARTY_APPS = [
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_celery_beat",
    "csp",
    # Inbound email webhooks of mail providers (the forum's replies by email).
    "anymail",
]
LOCAL_APPS = [
    "taxonomy",
    "network",
    "network.community",
    "notifications",
    "base",
    "outreach",
    "library",
    "practices",
    "practice_search",
    "practice_submissions",
    "assessments",
    "mooc",
    "competition",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, cached pages included.
    "network.security_headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # 400 for a query string with too many parameters, before anything reads it (network/inputs.py).
    "network.inputs.QueryStringMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Serves cached pages to anonymous visitors when PAGE_CACHE_ENABLED (base/cache.py);
    # before the rest, so that a hit skips them.
    "base.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells request.user whether this session passed the second factor (network/mfa.py).
    "network.mfa.SecondFactorSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Coordinators and superusers give the second factor before using /cms/ or /django-admin/.
    "network.middleware.AdminTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "notifications.context_processors.unread",
            ],
        },
    },
]

# ---------------------------------------------------------------------------------------------
# Data: database, cache, files
# ---------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's default planner cost (4) assumes spinning disks and then prefers scanning a
    # whole table to the GIN index of the practice search; 1.1 is the usual value for SSDs.
    # JIT compilation pays off for long reports, not for the short statements of a web request:
    # it added about 200 ms to each facet count over 100,000 practices. Parallel plans are off
    # too (PG_MAX_PARALLEL_WORKERS_PER_GATHER, default 0): under concurrent requests the extra
    # processes compete with the other requests for the same cores (make bench at 100,000
    # practices, four alternating runs: 33-34 against 31-32 requests/s, p95 402-418 against
    # 431-501 ms).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options",
        f"-c random_page_cost={env.float('PG_RANDOM_PAGE_COST', default=1.1)} -c jit=off"
        f" -c max_parallel_workers_per_gather="
        f"{env.int('PG_MAX_PARALLEL_WORKERS_PER_GATHER', default=0)}",
    )

REDIS_URL = env("REDIS_URL", default="")


def _redis_database(url: str, offset: int) -> str:
    """``url`` with its database number moved by ``offset`` (redis://host:6379/0 -> .../2)."""
    from urllib.parse import urlsplit, urlunsplit

    from django.core.exceptions import ImproperlyConfigured

    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss"} or not parts.path.strip("/").isdigit():
        raise ImproperlyConfigured(
            "REDIS_URL names no database number (redis://host:6379/0): set CACHE_URL and "
            "PAGE_CACHE_URL explicitly."
        )
    number = int(parts.path.strip("/")) + offset
    return urlunsplit(parts._replace(path=f"/{number}"))


# The default cache (allauth's sign-in rate limits, TOTP replay marks) and the page cache
# (rendered pages and shared fragments, base/cache.py) each get a Redis database of
# their own, never the Celery broker's: with one REDIS_URL, the broker keeps its database, the
# default cache uses the next one and the pages the one after. The backend fails open
# (network/redis_cache.py). See README, "Caches".
CACHE_URL = env("CACHE_URL", default=_redis_database(REDIS_URL, 1) if REDIS_URL else "")
PAGE_CACHE_URL = env("PAGE_CACHE_URL", default=_redis_database(REDIS_URL, 2) if REDIS_URL else "")
# Seconds a rendered page or a shared fragment is kept (here and, as s-maxage, in a CDN), and
# seconds a browser may keep a public page (max-age).
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
CACHES = {
    "default": (
        {
            "BACKEND": "network.redis_cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "convive",
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    "pages": (
        {
            "BACKEND": "network.redis_cache.RedisCache",
            "LOCATION": PAGE_CACHE_URL,
            "KEY_PREFIX": "convive-pages",
            "TIMEOUT": PAGE_CACHE_TIMEOUT,
        }
        if PAGE_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "TIMEOUT": PAGE_CACHE_TIMEOUT,
        }
    ),
}
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=False)
# A CDN or caching proxy in front of the site: publishing purges the page's addresses from it
# (wagtail.contrib.frontend_cache). FRONTEND_CACHE_URL is a proxy that accepts HTTP PURGE
# (Varnish, nginx); CLOUDFLARE_* purge Cloudflare. Neither set: nothing is purged.
WAGTAILFRONTENDCACHE: dict[str, dict] = {}
if FRONTEND_CACHE_URL := env("FRONTEND_CACHE_URL", default=""):
    # Wagtail's HTTP backend with a timeout (FRONTEND_CACHE_TIMEOUT seconds): a proxy that does
    # not answer never holds a publish up (base/frontend_cache.py).
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "base.frontend_cache.TimedHTTPBackend",
        "LOCATION": FRONTEND_CACHE_URL,
        "TIMEOUT": env.float("FRONTEND_CACHE_TIMEOUT", default=2.0),
    }
if CLOUDFLARE_ZONEID := env("CLOUDFLARE_ZONEID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": CLOUDFLARE_ZONEID,
    }
# Seconds the shared cache keeps a search's facet counts (the key changes on every publish).
PRACTICE_SEARCH_CACHE_SECONDS = env.int("PRACTICE_SEARCH_CACHE_SECONDS", default=600)
# The sets the facet counts are taken from (practices/search.py) are rebuilt by a task after every
# change and never go stale (their key is the generation token): they may stay longer.
PRACTICE_SEARCH_SETS_SECONDS = env.int("PRACTICE_SEARCH_SETS_SECONDS", default=3600)

STATIC_URL = "/static/"
# Where collectstatic writes (production serves it through WhiteNoise).
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Files nobody may fetch by address (practice proposals' attachments before approval): outside
# MEDIA_ROOT, never served by the web server, only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # practice_submissions.storage.private_storage: files only permission-checked views stream.
    "private": {"BACKEND": "practice_submissions.storage.PrivateMediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible object storage (AWS S3, MinIO, Ceph, Scaleway...) when a bucket is named,
# so that every node sees the same files: public media (Wagtail images, renditions, documents) in
# AWS_STORAGE_BUCKET_NAME, private files in AWS_PRIVATE_STORAGE_BUCKET_NAME, a bucket of its own
# (a public-read bucket policy would otherwise cover them). See the README, "Running at scale".
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_PRIVATE_STORAGE_BUCKET_NAME = env("AWS_PRIVATE_STORAGE_BUCKET_NAME", default="")
# Where browsers load public media from besides the site itself (Content-Security-Policy img-src).
MEDIA_ORIGINS: list[str] = []
if AWS_STORAGE_BUCKET_NAME:
    _S3_PLACE = {
        "public_bucket": AWS_STORAGE_BUCKET_NAME,
        "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
    }
    STORAGES.update(
        s3_storages(
            **_S3_PLACE,
            private_bucket=AWS_PRIVATE_STORAGE_BUCKET_NAME,
            access_key=env("AWS_ACCESS_KEY_ID", default=None),
            secret_key=env("AWS_SECRET_ACCESS_KEY", default=None),
            addressing_style=env("AWS_S3_ADDRESSING_STYLE", default="auto"),
            public_acl=env("AWS_DEFAULT_ACL", default="public-read") or None,
            public_location=env("AWS_LOCATION", default=""),
            private_location=env("AWS_PRIVATE_LOCATION", default=""),
            cache_control=env("AWS_S3_CACHE_CONTROL", default="public, max-age=86400"),
        )
    )
    MEDIA_ORIGINS = media_origins(**_S3_PLACE)
# Uploads: anything bigger than this is refused by the forms that accept files.
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Images: anything with more pixels than this is refused before it is decoded, wherever images are
# accepted (network.inputs.image_pixels_validate, and Wagtail's own image uploads).
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)

# ---------------------------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "network:dashboard"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Convive] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_ADAPTER = "network.adapters.AccountAdapter"
# Failed sign-ins are counted per client and per (address, client), never per address alone:
# five wrong passwords typed by someone else must not lock a person out of their account.
# network.adapters.AccountAdapter counts the "key" rate per (address, client); allauth keeps
# the counts in the default cache, which is Redis, shared by every worker, when REDIS_URL is set.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/5m/ip,5/5m/key"}
# How many reverse proxies in front of the site append to X-Forwarded-For (0: trust REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Convive"
# Invitation links to join an organisation stop working after this many days.
INVITATION_TTL_DAYS = env.int("INVITATION_TTL_DAYS", default=14)
# What a join applicant is told in the acknowledgement: the coordinators answer within this.
JOIN_REQUEST_REVIEW_DAYS = env.int("JOIN_REQUEST_REVIEW_DAYS", default=10)

# ---------------------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# ---------------------------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Convive"
WAGTAILADMIN_BASE_URL = SITE_URL
# One door: Wagtail's sign-in and password-reset pages lead to allauth's (second factor and
# throttling); config/urls.py sends /cms/login/ and /django-admin/login/ there too.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_UPLOAD_SIZE
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
# Checks that pixel limit from the header, before Willow decodes the file (network/cms_images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "network.cms_images.CmsImageForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No Gravatar avatars in the CMS: editors' email hashes stay with us, and the CMS's
# Content-Security-Policy loads images from our own origin only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a call from every editor's browser to releases.wagtail.org (connect-src stays our own):
# Wagtail upgrades come through the project's dependency updates.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# ---------------------------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Convive <no-reply@convive.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The network secretariat's address, shown in every page's footer and in the legal pages.
CONTACT_EMAIL = env("CONTACT_EMAIL", default="secretariat@convive.example.org")
# Seconds before a silent mail server counts as an error (retried later) rather than holding a
# worker until the task time limit kills it.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=60)
# A worker keeps its connection to the mail server between emails for this many idle seconds
# (notifications.services.mail_connection): bursts of email reuse one connection.
EMAIL_CONNECTION_IDLE_SECONDS = env.int("EMAIL_CONNECTION_IDLE_SECONDS", default=30)

# ---------------------------------------------------------------------------------------------
# Community forum (network/community)
# ---------------------------------------------------------------------------------------------
# Where members reply to forum emails: one address per post and recipient, ``{key}`` being the
# signed key (network/community/services/reply_keys.py); mail to it must reach the inbound
# pipeline (a provider's webhook, or the IMAP mailbox polled by Celery beat).
FORUM_REPLY_ADDRESS = env("FORUM_REPLY_ADDRESS", default="reply+{key}@forum.convive.example.org")
# A category that accepts new topics by email has the address ``{slug}`` makes here.
FORUM_CATEGORY_ADDRESS = env(
    "FORUM_CATEGORY_ADDRESS", default="forum+{slug}@forum.convive.example.org"
)
FORUM_REPLY_KEY_DAYS = env.int("FORUM_REPLY_KEY_DAYS", default=90)
# How long authors may edit their own posts.
FORUM_EDIT_MINUTES = env.int("FORUM_EDIT_MINUTES", default=24 * 60)
# Posts shown on one page of a topic.
FORUM_POSTS_PER_PAGE = 20
FORUM_TOPICS_PER_PAGE = 30
# Rate limits per member, counted in the database over a sliding window (every worker agrees);
# members who have no published post yet get the stricter "NEW" figures. Moderators are exempt.
FORUM_LIMIT_POSTS_PER_HOUR = env.int("FORUM_LIMIT_POSTS_PER_HOUR", default=30)
FORUM_LIMIT_TOPICS_PER_DAY = env.int("FORUM_LIMIT_TOPICS_PER_DAY", default=10)
FORUM_LIMIT_NEW_POSTS_PER_HOUR = env.int("FORUM_LIMIT_NEW_POSTS_PER_HOUR", default=5)
FORUM_LIMIT_NEW_TOPICS_PER_DAY = env.int("FORUM_LIMIT_NEW_TOPICS_PER_DAY", default=2)
FORUM_LIMIT_MENTIONS_PER_POST = env.int("FORUM_LIMIT_MENTIONS_PER_POST", default=10)
FORUM_LIMIT_NEW_MENTIONS_PER_POST = env.int("FORUM_LIMIT_NEW_MENTIONS_PER_POST", default=3)
# A published post nobody was told of yet (its fan-out task lost with a broker that was down) is
# told by the sweep this many minutes after it was published; one published more than
# FORUM_FANOUT_MAX_AGE_HOURS ago is marked told without emailing anyone (stale news).
FORUM_FANOUT_SWEEP_AFTER_MINUTES = env.int("FORUM_FANOUT_SWEEP_AFTER_MINUTES", default=2)
FORUM_FANOUT_MAX_AGE_HOURS = env.int("FORUM_FANOUT_MAX_AGE_HOURS", default=48)
# Files attached to one post; images are re-encoded to at most this many pixels on a side.
FORUM_ATTACHMENTS_PER_POST = 5
FORUM_IMAGE_MAX_SIDE = 2000
# Flags one member may raise in a day, and how many members' open flags hide a post at once
# until a moderator reviews it (network/community/services/moderation.py).
FORUM_LIMIT_FLAGS_PER_DAY = env.int("FORUM_LIMIT_FLAGS_PER_DAY", default=20)
FORUM_FLAGS_TO_HIDE = env.int("FORUM_FLAGS_TO_HIDE", default=3)
# Inbound mail, way 1: a provider posts each message to /community/inbound/<provider>/
# (django-anymail; "mailgun", "postmark" or "sendgrid"). Mailgun's posts are signed with its
# webhook signing key; Postmark and SendGrid only send the basic-auth "user:password" of
# ANYMAIL_WEBHOOK_SECRET in the address, which is then required. Unset: the webhook answers 404.
FORUM_INBOUND_PROVIDER = env("ANYMAIL_INBOUND_PROVIDER", default="")
ANYMAIL = {
    "WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET", default=""),
    "MAILGUN_WEBHOOK_SIGNING_KEY": env("MAILGUN_WEBHOOK_SIGNING_KEY", default=""),
}
# Inbound mail, way 2: Celery beat reads the unseen messages of this IMAP mailbox every minute,
# and marks each seen (or moves it to FORUM_IMAP_PROCESSED_FOLDER) once processed.
FORUM_IMAP_HOST = env("FORUM_IMAP_HOST", default="")
FORUM_IMAP_PORT = env.int("FORUM_IMAP_PORT", default=993)
FORUM_IMAP_SSL = env.bool("FORUM_IMAP_SSL", default=True)
FORUM_IMAP_USER = env("FORUM_IMAP_USER", default="")
FORUM_IMAP_PASSWORD = env("FORUM_IMAP_PASSWORD", default="")
FORUM_IMAP_FOLDER = env("FORUM_IMAP_FOLDER", default="INBOX")
FORUM_IMAP_PROCESSED_FOLDER = env("FORUM_IMAP_PROCESSED_FOLDER", default="")
# Sender authentication: the authserv-ids (comma-separated, e.g. "mx.google.com" for a Gmail
# mailbox, or your own MX's name) whose Authentication-Results headers (DKIM, SPF, DMARC) are
# trusted. Mail whose sender's domain did not pass is held for a moderator instead of posted.
# Empty: not checked (mail/authentication.py says why only your own receiver can be trusted).
FORUM_INBOUND_AUTHSERV_IDS = env.list("FORUM_INBOUND_AUTHSERV_IDS", default=[])
# The original of a received email (kept for mail held for a moderator, and for mail that could
# not be read) is personal data: the daily purge empties it this many days after it was
# received, whether a moderator decided on it or not; the record of what happened stays.
FORUM_INBOUND_KEEP_DAYS = env.int("FORUM_INBOUND_KEEP_DAYS", default=30)
# E-discussions: the largest archive (an mbox, or a zip of .eml files) a coordinator may upload
# to import a past e-discussion; larger ones go through ``manage.py ediscussion_import``.
EDISCUSSION_IMPORT_MAX_SIZE = env.int("EDISCUSSION_IMPORT_MAX_SIZE", default=30 * 1024 * 1024)
# The facilitator's PDF of contributions is made while they wait (WeasyPrint lays out a few
# dozen contributions a second): above this many, the dashboard offers it week by week.
EDISCUSSION_PDF_MAX_CONTRIBUTIONS = env.int("EDISCUSSION_PDF_MAX_CONTRIBUTIONS", default=400)

# ---------------------------------------------------------------------------------------------
# Needs assessments (assessments/)
# ---------------------------------------------------------------------------------------------
# Small-cell protection (assessments/analysis/suppression.py): outside the assessment team, a
# count of 1 to ASSESSMENT_SMALL_CELL_MIN - 1 authorities is shown as "<5" (with the value set
# here), and other cells are hidden so that it cannot be worked out from the totals. At least
# 3: zeros are shown, so "<2" would mean exactly 1.
ASSESSMENT_SMALL_CELL_MIN = env.int("ASSESSMENT_SMALL_CELL_MIN", default=5)

# ---------------------------------------------------------------------------------------------
# Celery: without REDIS_URL every task runs inline (eager); with it, Redis is broker and backend.
# CELERY_BROKER_URL gives the broker a Redis of its own (persistent, noeviction: see README).
# ---------------------------------------------------------------------------------------------
# Eager tasks still take a producer from the pool (Celery checks their serializer), which builds
# a broker connection: the in-process memory transport is named with a host so kombu need not
# warn "No hostname was supplied" on the first task.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL) or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL.startswith("memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A message taken by a worker and not acknowledged within this time is delivered again
    # (acks_late: a worker that dies never acknowledges). Redis' default is an hour; ours is
    # the longest a message can legitimately wait reserved and then run (twice the time limit),
    # with room to spare. No task here uses countdown/eta, which this timeout would repeat.
    "visibility_timeout": 3 * CELERY_TASK_TIME_LIMIT,
    # Without these, publishing to an unresponsive broker waits forever inside the request.
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# Publishing retries once at once (a pooled connection to a restarted Redis is stale), then
# gives up: the notification outbox publishes again what could not be (see
# notifications/services.py); other callers see kombu's OperationalError.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# The notification outbox: a queued email with no task message published within this time
# is published again; an email still "sending" after this time (longer than the task time
# limit, so no worker can still be in that send) was interrupted (seconds).
NOTIFICATIONS_QUEUED_TIMEOUT = env.int("NOTIFICATIONS_QUEUED_TIMEOUT", default=300)
NOTIFICATIONS_SENDING_TIMEOUT = env.int(
    "NOTIFICATIONS_SENDING_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 120
)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# Periodic tasks; django-celery-beat copies these into its tables when beat starts.
CELERY_BEAT_SCHEDULE: dict = {}
# Notification digests, in each person's language.
CELERY_BEAT_SCHEDULE["notifications-daily-digest"] = {
    "task": "notifications.digest_send",
    "schedule": crontab(minute=0, hour=6),
    "args": ("daily",),
}
CELERY_BEAT_SCHEDULE["notifications-weekly-digest"] = {
    "task": "notifications.digest_send",
    "schedule": crontab(minute=0, hour=6, day_of_week="mon"),
    "args": ("weekly",),
}
# Every minute, short-lived: a sweep that waited for a worker longer than the next one is
# dropped rather than run late (both are idempotent).
CELERY_BEAT_SCHEDULE["notifications-delivery-sweep"] = {
    "task": "notifications.delivery_sweep",
    "schedule": crontab(),
    "options": {"expires": 50},
}
# Files chosen for forum posts that were never written go after two days.
CELERY_BEAT_SCHEDULE["community-attachments-pending-purge"] = {
    "task": "community.attachments_pending_purge",
    "schedule": crontab(minute=20, hour=3),
}
# Wagtail's go-live and expiry dates take effect within a minute.
CELERY_BEAT_SCHEDULE["outreach-publish-scheduled"] = {
    "task": "outreach.publish_scheduled",
    "schedule": crontab(),
    "options": {"expires": 50},
}

# Forum posts whose fan-out never finished (a broker down at the commit, a worker that died) are
# told; a sweep that waited for a worker longer than the next one is dropped (both idempotent).
CELERY_BEAT_SCHEDULE["community-fanout-sweep"] = {
    "task": "community.forum_fanout_sweep",
    "schedule": crontab(minute="*/2"),
    "options": {"expires": 100},
}

# Inbound forum mail: stored mail whose task was lost, and the IMAP mailbox when configured.
CELERY_BEAT_SCHEDULE["community-inbound-poll"] = {
    "task": "community.inbound_poll",
    "schedule": crontab(),
    "options": {"expires": 50},
}
# Received emails' originals older than FORUM_INBOUND_KEEP_DAYS are emptied once a day.
CELERY_BEAT_SCHEDULE["community-inbound-purge"] = {
    "task": "community.inbound_originals_purge",
    "schedule": crontab(minute=40, hour=3),
}

# E-discussions: each week's questions are published within a minute of their time, and an
# e-discussion closes within a minute of its end.
CELERY_BEAT_SCHEDULE["community-ediscussions-tick"] = {
    "task": "community.ediscussions_tick",
    "schedule": crontab(),
    "options": {"expires": 50},
}

# E-discussions: participants who have not contributed to a week are reminded once, this many
# days after it opened (0: only by hand, from the facilitator's button).
EDISCUSSION_NUDGE_AFTER_DAYS = env.int("EDISCUSSION_NUDGE_AFTER_DAYS", default=3)
CELERY_BEAT_SCHEDULE["community-ediscussions-nudges"] = {
    "task": "community.ediscussion_nudges_due",
    "schedule": crontab(minute="*/15"),
    "options": {"expires": 600},
}

# Needs assessments: the invitations' reminders due, once a day at 13:00 UTC (morning across
# the Americas); each invitation gets at most its assessment's number, that many days apart.
CELERY_BEAT_SCHEDULE["assessments-reminders"] = {
    "task": "assessments.reminders_send",
    "schedule": crontab(minute=0, hour=13),
    "options": {"expires": 3600},
}
# Exports of answers: the files past their expiry (a week after they were written) are deleted.
CELERY_BEAT_SCHEDULE["assessments-exports-expire"] = {
    "task": "assessments.exports_expire",
    "schedule": crontab(minute=50, hour=3),
    "options": {"expires": 3600},
}

# "Most viewed": the views recorded since the last run are added to the shared ranking that every
# worker orders by (a run that waited longer than the next one is dropped; both are idempotent).
CELERY_BEAT_SCHEDULE["practices-views-rank"] = {
    "task": "practices.views_rank",
    "schedule": crontab(minute="*/5"),
    "options": {"expires": 240},
}

# ---------------------------------------------------------------------------------------------
# Security defaults (production tightens these)
# ---------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp, network/security_headers.py). The public pages have no
# script and no inline style; the only frames are the video players of
# base.blocks.video_player_url. Under /cms/ and /django-admin/ the middleware allows
# inline script and style (Wagtail's admin needs them) and sends this policy as report-only.
_CSP_STRICT = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, *MEDIA_ORIGINS],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_STRICT}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_STRICT}
# Powerful browser features the site never uses are off for it and for every frame it embeds
# (django-permissions-policy). Fullscreen, encrypted media and picture-in-picture stay available
# to the video players; WebAuthn stays available for two-factor keys.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        # Only features browsers recognise: Chromium logs an error for each unknown one
        # (ambient-light-sensor, bluetooth) on every page.
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per task run (Wagtail's reference index, search index, cache purge): noise.
        "django_tasks": {"level": "WARNING"},
    },
}
