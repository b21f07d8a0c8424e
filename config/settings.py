"""Groundswell settings: one file, driven by environment variables.

SQLite is the default so a fresh clone runs; set DATABASE_URL for PostgreSQL (production).
Nothing here touches the filesystem or the network at import time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GROUNDSWELL_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


DEBUG = env_bool("DEBUG", False)
# A development key only; production must set SECRET_KEY (or SECRET_KEY_FILE).
SECRET_KEY = env_secret(
    "SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("SITE_NAME", "Groundswell")
# The site's own address: every absolute link in emails and Atom feeds starts with it
# (groundswell/core/urls.py absolute_url). Set it to the public https address in production.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1
AUTH_USER_MODEL = "accounts.User"

INSTALLED_APPS = [
    # The Django admin behind allauth sign-in with MFA, for administrators only.
    "groundswell.moderation.admin_apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    "groundswell.core",
    "groundswell.accounts",
    "groundswell.sitepages",
    # The shared content layer (ContentItem and the registry of kinds), before the domain apps.
    "groundswell.content",
    "groundswell.notifications",
    "groundswell.places",
    "groundswell.topics",
    "groundswell.stories",
    "groundswell.search",
    "groundswell.api",
    "groundswell.audit",
    "groundswell.moderation",
    "groundswell.privacy",
    "groundswell.trust",
    "groundswell.safeguarding",
    "groundswell.organisations",
    "groundswell.assets",
    "groundswell.openreferral",
    "groundswell.offers",
    "groundswell.follows",
    "groundswell.messaging",
    "groundswell.introductions",
    "groundswell.collaboration",
    "groundswell.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stored pages for anonymous visitors (core/pagecache.py): a hit skips everything below.
    "groundswell.core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "groundswell.core.middleware.SessionTimeoutMiddleware",
    "groundswell.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Moderators and admins must set up MFA; staff pages need an MFA-verified session.
    "groundswell.moderation.middleware.StaffMFAMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "groundswell.core.context_processors.site",
                # The site's own name, logo, colours and footer pages (the one owner: sitepages).
                "groundswell.sitepages.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ by default, DATABASE_URL for PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    }
    # PostgreSQL: parameters bound by the server, and a query run DB_PREPARE_THRESHOLD times on
    # one connection kept as a prepared statement, so PostgreSQL stops planning it afresh on every
    # page (see docs/architecture.md). 0 goes back to Django's default (parameters bound by the
    # client, nothing prepared): needed behind a pooler in transaction mode that doesn't track
    # prepared statements (PgBouncer before 1.21).
    _prepare = env_int("DB_PREPARE_THRESHOLD", 5)
    if _prepare and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=_prepare
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(VAR_DIR / "groundswell.sqlite3")),
            # Keep each thread's connection: reopening runs the PRAGMAs below on every request.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA mmap_size=134217728; PRAGMA journal_size_limit=27103364; "
                    "PRAGMA cache_size=4000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    # Shared by every process and server, in the database (core/sharedcache.py): rate limits,
    # allauth's login limits and its used one-time codes. Only the actions they limit touch it.
    "default": {"BACKEND": "groundswell.core.sharedcache.SharedDatabaseCache"},
    # Per process, for what only speeds pages up (search candidates, the search form's lists).
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "groundswell",
    },
    # Rendered pages for anonymous visitors, per worker process (core/pagecache.py).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "groundswell-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 2000)},
    },
}
# How long a stored page may be served at most. Withdrawals, hiding and edits end it at once
# (content version); new reactions and counts reach anonymous visitors within this time.
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# How long a story page's copy shared by signed-in members may be reused (stories/member_page.py).
# Members' marks and the counts are read fresh on every request and any change to the content ends
# a copy at once, so this only bounds how long an unused copy takes memory. 0 turns it off.
MEMBER_PAGE_CACHE_SECONDS = env_int("MEMBER_PAGE_CACHE_SECONDS", 600)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "groundswell.core.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions live in the database: a logged-out session can never come back from a cache.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Absolute limit from sign-in, and idle limit since the last request (core.middleware).
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 60 * 60 * 12)
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False

# django-allauth
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# How long a sign-in or reauthentication counts before sensitive pages ask again.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_ADAPTER = "groundswell.accounts.adapter.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "groundswell.accounts.adapter.MFAAdapter"
MFA_FORMS = {  # the code box without a placeholder repeating its label
    "authenticate": "groundswell.accounts.allauth_forms.MFAAuthenticateForm",
    "reauthenticate": "groundswell.accounts.allauth_forms.MFAReauthenticateForm",
    "activate_totp": "groundswell.accounts.allauth_forms.ActivateTOTPForm",
}  # issuer: the site's current name
# allauth's own limits (sign-up, sign-in, password reset) per address, in the cache. Addresses
# get room for a hospital or library where many people share one.
ACCOUNT_RATE_LIMITS = {
    "signup": env_str("RATE_LIMIT_SIGNUP", "20/m/ip,100/h/ip"),
    "login": env_str("RATE_LIMIT_LOGIN", "30/m/ip"),
    "reset_password": "20/m/ip,5/m/key",
    # Password or code typed again before deleting the account or downloading one's data
    # (accounts/reauthentication.py): a few quick retries, no more than 20 guesses an hour.
    "reauthenticate": "5/m/user,20/h/user",
}

# Email: written as files under var/mail/ unless EMAIL_HOST is set (Django 6.1 MAILERS).
EMAIL_HOST_NAME = env_str("EMAIL_HOST", "")
if EMAIL_HOST_NAME:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST_NAME,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_secret("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            # One readable UTF-8 file per email, links never wrapped (core/mail.py).
            "BACKEND": "groundswell.core.mail.ReadableFileBackend",
            "OPTIONS": {"file_path": env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))},
        }
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Groundswell <no-reply@groundswell.localhost>")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [
    BASE_DIR / "static",
    # The asset map's library and its offline base layer, from npm (package-lock.json; `make
    # install` runs npm ci): only the folders the map page loads, never all of node_modules.
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    (
        "vendor/uk-outlines",
        BASE_DIR / "node_modules" / "world-geojson" / "areas" / "united_kingdom",
    ),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
WHITENOISE_USE_FINDERS = DEBUG

# Upload limits: images are re-encoded server-side; the request body cap stops abuse early.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
STORY_IMAGE_MAX_BYTES = env_int("STORY_IMAGE_MAX_BYTES", 5 * 1024 * 1024)
# How many pages of 20 results a search offers at most: the best of the newest 20 x this many
# matches are ranked (search/selectors.py). Fewer costs less CPU per search.
SEARCH_MAX_PAGES = env_int("SEARCH_MAX_PAGES", 25)
if not 1 <= SEARCH_MAX_PAGES <= 100:
    raise ImproperlyConfigured("SEARCH_MAX_PAGES must be between 1 and 100.")
# A file upload over STORY_IMAGE_MAX_BYTES is dropped as it arrives, never written to disk
# (core/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "groundswell.core.uploads.SizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
STORY_BODY_MAX_CHARS = 20000
COMMENT_BODY_MAX_CHARS = 5000

# Security headers. Production (DEBUG off behind TLS) turns on secure cookies and HSTS via HTTPS=1.
HTTPS = env_bool("HTTPS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
)
# The client's address (groundswell/core/clientaddr.py) for every rate limit, allauth's sign-in
# and sign-up limits included, and the audit log. Behind reverse proxies, TRUSTED_PROXY_COUNT says
# how many, so the address is read from X-Forwarded-For (the Nth entry from the right: anything
# further left could be forged); or TRUSTED_CLIENT_IP_HEADER names a header the proxy sets to it
# (X-Real-IP, CF-Connecting-IP). API_TRUSTED_PROXIES, the old name, is read when the new is unset.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("API_TRUSTED_PROXIES", 0))
TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER", "")

# The asset map (groundswell/assets/mapping.py) needs nothing from another site: its library and
# the outlines of the UK's nations are static files. A site with its own tile server names it
# here, e.g. "https://{s}.tiles.example.org/{z}/{x}/{y}.png", with the credit its licence asks
# for; its host is then allowed to serve images, and nothing else.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "")


def map_tile_origin(url: str) -> str:
    """The CSP source for a tile URL template: its scheme and host, with Leaflet's {s}
    subdomain placeholder as a wildcard ("https://*.tiles.example.org")."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}.", "subdomain-placeholder."))
    host = parts.netloc.replace("subdomain-placeholder.", "*.")
    if parts.scheme not in ("https", "http") or not host or "{" in host or "}" in host:
        raise ImproperlyConfigured(
            "MAP_TILE_URL must be an http(s) URL template such as "
            "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
        )
    return f"{parts.scheme}://{host}"


from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The nonce is for the one <style> block base.html prints with the site's own colours.
    "style-src": [CSP.SELF, CSP.NONCE],
    # Images from this site only, and from the map's tile server when the site names one.
    "img-src": [CSP.SELF, "data:", *([map_tile_origin(MAP_TILE_URL)] if MAP_TILE_URL else [])],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Groundswell policy
CONSENT_NOTICE_VERSION = "2026-11-v1"
FEED_PAGE_SIZE = 20
ACCOUNT_SIGNUP_FORM_CLASS = "groundswell.accounts.forms.SignupForm"
# Sign-up does the same work for a taken address as for a new one (accounts/signup.py).
ACCOUNT_FORMS = {
    "login": "groundswell.accounts.allauth_forms.LoginForm",
    "signup": "groundswell.accounts.signup.EvenSignupForm",
    "add_email": "groundswell.accounts.allauth_forms.AddEmailForm",
    "change_password": "groundswell.accounts.allauth_forms.ChangePasswordForm",
    "set_password": "groundswell.accounts.allauth_forms.SetPasswordForm",
    "reset_password": "groundswell.accounts.allauth_forms.ResetPasswordForm",
    "reset_password_from_key": "groundswell.accounts.allauth_forms.ResetPasswordKeyForm",
    "reauthenticate": "groundswell.accounts.allauth_forms.ReauthenticateForm",
}
ACCOUNT_USER_DISPLAY = "groundswell.accounts.adapter.user_display"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# REST API (/api/): requests per minute per token or signed-in member, per address for people who
# are not signed in, and per address whatever the credentials (0 turns a limit off). Addresses
# follow TRUSTED_PROXY_COUNT above.
API_RATE_LIMIT_PER_TOKEN = env_int("API_RATE_LIMIT_PER_TOKEN", 120)
API_RATE_LIMIT_ANONYMOUS = env_int("API_RATE_LIMIT_ANONYMOUS", 60)
API_RATE_LIMIT_PER_IP = env_int("API_RATE_LIMIT_PER_IP", 600)

# People's data rights (groundswell/privacy; docs/privacy.md explains each one). Exports are kept
# in a private folder, never under MEDIA_ROOT. Requests for exports are also limited per hour by
# RATE_LIMITS["export"]. A retention period of 0 turns that rule off; `manage.py apply_retention`
# applies them (run it daily).
PRIVACY_EXPORT_ROOT = Path(env_str("PRIVACY_EXPORT_ROOT", str(VAR_DIR / "exports")))
PRIVACY_EXPORT_LINK_MINUTES = env_int("PRIVACY_EXPORT_LINK_MINUTES", 60)
PRIVACY_EXPORTS_PER_DAY = env_int("PRIVACY_EXPORTS_PER_DAY", 3)
RETENTION_UNVERIFIED_ACCOUNT_DAYS = env_int("RETENTION_UNVERIFIED_ACCOUNT_DAYS", 14)
RETENTION_DRAFT_MONTHS = env_int("RETENTION_DRAFT_MONTHS", 6)
RETENTION_EXPORT_HOURS = env_int("RETENTION_EXPORT_HOURS", 24)
RETENTION_WITHDRAWN_STORY_DAYS = env_int("RETENTION_WITHDRAWN_STORY_DAYS", 30)
RETENTION_TASK_RESULT_DAYS = env_int("RETENTION_TASK_RESULT_DAYS", 14)

# Moderation (groundswell/moderation): a story or comment is held for review once this many
# different members have reported it; stories from members who joined fewer than this many days
# ago wait for review in pre-moderated places and topics.
MODERATION_AUTO_HOLD_REPORTS = env_int("MODERATION_AUTO_HOLD_REPORTS", 3)
PREMODERATION_NEW_MEMBER_DAYS = env_int("PREMODERATION_NEW_MEMBER_DAYS", 14)

# Progressive trust, rate limits and safeguarding (groundswell/trust/conf.py and
# groundswell/safeguarding/conf.py hold the defaults and explain each number). JSON overrides merge
# into the defaults, e.g. TRUST_LIMITS='{"0": {"links_per_post": 1}}' or
# RATE_LIMITS='{"comment": {"user": [10, 600]}}'. Rate limits count in CACHES["default"], kept in
# the database, so they hold across every process and server.
TRUST_LIMITS_ENABLED = env_bool("TRUST_LIMITS_ENABLED", True)
TRUST_LIMITS = json.loads(env_str("TRUST_LIMITS", "{}"))
TRUST_REQUIREMENTS = json.loads(env_str("TRUST_REQUIREMENTS", "{}"))
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", True)
RATE_LIMITS = json.loads(env_str("RATE_LIMITS", "{}"))
# Help lines shown beside crisis language: a JSON list of {"name", "contact", "description"}.
# Empty means the UK defaults (999, NHS 111, Samaritans, Shout, National Domestic Abuse Helpline).
SAFEGUARDING_HELPLINES = json.loads(env_str("SAFEGUARDING_HELPLINES", "[]"))
SAFEGUARDING_EMAIL_MODERATORS = env_bool("SAFEGUARDING_EMAIL_MODERATORS", True)

# Community asset map (groundswell/assets): a listing not checked ("Still correct") for this many
# days shows "this may be out of date" and its owner is reminded once.
ASSETS_REVIEW_AFTER_DAYS = env_int("ASSETS_REVIEW_AFTER_DAYS", 180)

# Offers and needs (groundswell/offers): a need open this many days with nobody offering help is
# shown to the organisers of its place and to organisations that work on its topics.
OFFERS_UNANSWERED_DAYS = env_int("OFFERS_UNANSWERED_DAYS", 7)

# Open Referral UK (groundswell/openreferral): the vocabularies an imported service's taxonomy
# terms may come from; a term from any other is reported as an unknown taxonomy. Compared without
# case, spaces or punctuation. "Groundswell topics" is our own, so our exports import back.
OPENREFERRAL_KNOWN_TAXONOMIES = [
    "esdServiceTypes",
    "esdNeeds",
    "esdCircumstances",
    "OpenActive Activity List",
    "openActiveActivities",
    "Groundswell topics",
]
