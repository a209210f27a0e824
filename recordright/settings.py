"""Django settings for recordright, read from the environment (see docs/admin-guide.md)."""

from __future__ import annotations

import dj_database_url
from django.utils.functional import lazy

from recordright import config, keys

DATA_DIR = config.data_dir()
BASE_DIR = config.Path(__file__).resolve().parent

DEBUG = config.env_bool("RECORDRIGHT_DEBUG", False)
# Django's signing key: given explicitly, or derived from the master key (which is
# random, per instance, and kept apart from the data). recordright.web.checks refuses
# to start with a placeholder or short key when DEBUG is off.
# Derived when first used, so importing the settings reads no key (recordright.startup).
SECRET_KEY = (config.env_str("RECORDRIGHT_SECRET_KEY", "")
              or lazy(lambda: keys.derive("django-secret").hex(), str)())
ALLOWED_HOSTS = config.env_list("RECORDRIGHT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = config.env_list("RECORDRIGHT_CSRF_TRUSTED_ORIGINS", [])
# The address people use: every link in an email, invitation or calendar feed starts with it.
# 'recordright run' sets it from its own host, port and scheme when it is not configured,
# and notes it in the data folder for the commands run beside it (config.site_url).
SITE_URL = config.site_url()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Before allauth, so the site's layout overrides allauth's templates.
    "recordright.web",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "recordright.accounts",
    "recordright.audit",
    "recordright.patients",
    "recordright.providers",
    "recordright.requests",
    "recordright.letters",
    "recordright.reminders",
    "recordright.directory",
    "recordright.closed_practices",
    "recordright.vault",
    "recordright.sharing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "recordright.web.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "recordright.web.uploads.UploadLimitMiddleware",  # before CSRF, which reads the body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "recordright.web.session_timeout.IdleSessionTimeoutMiddleware",
    "recordright.accounts.policy.RequireVerifiedEmailAndTwoFactorMiddleware",
    "recordright.web.middleware.NoStoreForPatientDataMiddleware",
]

ROOT_URLCONF = "recordright.urls"
WSGI_APPLICATION = "recordright.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recordright.web.context.site",
                "recordright.web.csp.nonce",
            ],
        },
    },
]


def _database() -> dict:
    url = config.env_str("DATABASE_URL", "")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    return {
        "ENGINE": "recordright.db.sqlcipher",
        "NAME": str(DATA_DIR / "recordright.db"),  # created by recordright.startup
        # WAL lets the web server read while the worker writes. A write that meets
        # another's lock (a directory import's transaction) waits for it, up to 20 s
        # (under gunicorn's 30 s), instead of failing with "database is locked";
        # IMMEDIATE takes the lock at BEGIN, so the wait happens where it can be retried.
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000",
                    "transaction_mode": "IMMEDIATE", "timeout": 20},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: email addresses are the login; lockout after repeated failures.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = config.env_str("RECORDRIGHT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    # Five failed logins for one account from one address in five minutes lock that account
    # for that address (the "key" is account + address, recordright.accounts.adapter), so a
    # stranger elsewhere cannot lock its owner out. Counters live in the database cache.
    "login_failed": config.env_str("RECORDRIGHT_LOGIN_FAILED_LIMIT", "10/m/ip,5/5m/key"),
}
ACCOUNT_ADAPTER = "recordright.accounts.adapter.AccountAdapter"
# Behind a reverse proxy, the number of proxies whose X-Forwarded-For to trust for the
# client's address (lockout and audit); 0 means the connection's own address.
ALLAUTH_TRUSTED_PROXY_COUNT = config.env_int("RECORDRIGHT_TRUSTED_PROXY_COUNT", 0)
# The password is asked again before email addresses, password or two-factor change.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Every account must confirm its email and use two-factor sign-in (recordright.accounts.policy).
RECORDRIGHT_REQUIRE_VERIFIED_EMAIL = config.env_bool("RECORDRIGHT_REQUIRE_VERIFIED_EMAIL", False)
RECORDRIGHT_REQUIRE_TWO_FACTOR = config.env_bool("RECORDRIGHT_REQUIRE_TWO_FACTOR", False)
if RECORDRIGHT_REQUIRE_VERIFIED_EMAIL:
    ACCOUNT_EMAIL_VERIFICATION = "mandatory"

# Shared by every web worker and kept across restarts (login lockout counters): a table in
# the database, created by the accounts migrations and 'recordright run'.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                      "LOCATION": "recordright_cache"}}
# allauth's links follow the site's address (recordright.accounts.adapter puts them on it).
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "recordright"

# Email: nothing goes out until an SMTP server is configured (docs/admin-guide.md).
EMAIL_HOST = config.env_str("RECORDRIGHT_EMAIL_HOST", "")
EMAIL_PORT = config.env_int("RECORDRIGHT_EMAIL_PORT", 587)
EMAIL_HOST_USER = config.env_str("RECORDRIGHT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = config.env_str("RECORDRIGHT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = config.env_bool("RECORDRIGHT_EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = config.env_bool("RECORDRIGHT_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
# Without a mail server nothing is printed either (mails hold reset links and letters):
# recordright.mail drops them with a warning that names no content.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "recordright.mail.NoMailServerBackend"
)
# An email-to-fax gateway, e.g. "{number}@fax.example.com": letters "sent by fax" are emailed there.
RECORDRIGHT_FAX_EMAIL_GATEWAY = config.env_str("RECORDRIGHT_FAX_EMAIL_GATEWAY", "")
DEFAULT_FROM_EMAIL = config.env_str("RECORDRIGHT_FROM_EMAIL", "recordright <noreply@localhost>")

# The worker enqueues each of these tasks once a day (recordright.web worker command).
RECORDRIGHT_DAILY_TASKS = [
    # Refresh every request's assessment first, so dashboards and reminders read today's law.
    "recordright.requests.tasks.refresh_assessments",
    "recordright.reminders.tasks.send_daily_reminders",
    "recordright.vault.tasks.recover_interrupted_imports",
    "recordright.web.tasks.forget_old_form_tokens",
]
# ... and each of these when it starts: an import interrupted by a stop is finished or undone.
RECORDRIGHT_STARTUP_TASKS = ["recordright.vault.tasks.recover_interrupted_imports"]

TASKS = {
    "default": {
        "BACKEND": config.env_str("RECORDRIGHT_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = "en-us"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = config.env_str("RECORDRIGHT_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "files"
# Uploads (recordright.web.uploads): refused by Content-Length, then counted as they arrive,
# and kept in memory up to this limit (a view may opt into a larger one, spooled encrypted):
# Django's handlers, which write large uploads to a plain temporary file, are not used.
MAX_UPLOAD_BYTES = config.env_int("RECORDRIGHT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# A full NPPES import that would remove more than this share of the directory is refused
# unless forced (a header-only or truncated file).
DIRECTORY_MAX_REMOVAL_PERCENT = config.env_int("RECORDRIGHT_DIRECTORY_MAX_REMOVAL_PERCENT", 10)
FILE_UPLOAD_HANDLERS = ["recordright.web.uploads.LimitedUploadHandler"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # a form's fields other than files
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# The vault (docs/vault.md): limits on what one file may cost to read.
RECORDRIGHT_VAULT_MAX_UPLOAD_BYTES = config.env_int("RECORDRIGHT_VAULT_MAX_UPLOAD_MB", 1024) * 2**20
RECORDRIGHT_VAULT_MAX_XML_BYTES = config.env_int("RECORDRIGHT_VAULT_MAX_XML_MB", 200) * 2**20
RECORDRIGHT_VAULT_MAX_TEXT_BYTES = config.env_int("RECORDRIGHT_VAULT_MAX_TEXT_MB", 50) * 2**20
RECORDRIGHT_VAULT_MAX_FHIR_BYTES = config.env_int("RECORDRIGHT_VAULT_MAX_FHIR_MB", 4096) * 2**20
RECORDRIGHT_VAULT_MAX_ZIP_BYTES = config.env_int("RECORDRIGHT_VAULT_MAX_ZIP_MB", 2048) * 2**20
RECORDRIGHT_VAULT_ZIP_MAX_ENTRIES = config.env_int("RECORDRIGHT_VAULT_ZIP_MAX_ENTRIES", 20000)
RECORDRIGHT_VAULT_ZIP_MAX_ENTRY_BYTES = (
    config.env_int("RECORDRIGHT_VAULT_ZIP_MAX_ENTRY_MB", 2048) * 2**20)
RECORDRIGHT_VAULT_ZIP_MAX_TOTAL_BYTES = (
    config.env_int("RECORDRIGHT_VAULT_ZIP_MAX_TOTAL_MB", 8192) * 2**20)
RECORDRIGHT_VAULT_ZIP_MAX_RATIO = config.env_int("RECORDRIGHT_VAULT_ZIP_MAX_RATIO", 200)
RECORDRIGHT_VAULT_ZIP_MAX_DEPTH = config.env_int("RECORDRIGHT_VAULT_ZIP_MAX_DEPTH", 3)
# PDF rendering and OCR run in a child process with these limits (vault.sandbox).
RECORDRIGHT_OCR_MEMORY_MB = config.env_int("RECORDRIGHT_OCR_MEMORY_MB", 2048)
RECORDRIGHT_OCR_CPU_SECONDS = config.env_int("RECORDRIGHT_OCR_CPU_SECONDS", 1800)
RECORDRIGHT_OCR_WALL_SECONDS = config.env_int("RECORDRIGHT_OCR_WALL_SECONDS", 3600)

SESSION_COOKIE_HTTPONLY = True
# Messages often name a patient ("Sam is added."): keep them in the server-side session
# (in the encrypted database), never in a cookie, which is signed but readable.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = 60 * 60 * 12  # a session ends after 12 hours whatever happens
# ... and after this many minutes without a request (recordright.web.session_timeout).
RECORDRIGHT_SESSION_IDLE_MINUTES = config.env_int("RECORDRIGHT_SESSION_IDLE_MINUTES", 60)

# HTTPS (docs/admin-guide.md, "Running behind a proxy"): secure cookies, HSTS and the
# redirect to https when the site's address is https. The proxy in front says which
# requests came in over https in a header named by RECORDRIGHT_PROXY_SSL_HEADER.
HTTPS = not DEBUG and SITE_URL.startswith("https://")
SECURE_PROXY_SSL_HEADER = config.proxy_ssl_header(config.env_str("RECORDRIGHT_PROXY_SSL_HEADER"))
SECURE_SSL_REDIRECT = HTTPS and SECURE_PROXY_SSL_HEADER is not None
SECURE_HSTS_SECONDS = config.env_int("RECORDRIGHT_HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and config.env_bool("RECORDRIGHT_HSTS_PRELOAD", False)
# Preloading commits the whole domain to https in browsers for months: the owner's choice.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS

# Argon2 for new and changed passwords; older PBKDF2 hashes are rehashed at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Health data never reaches a log: request bodies and SQL are not logged, and
# the console handler prints only warnings from Django itself.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Tokens in URL paths (invitations, calendar feeds, reset links) are redacted.
    "filters": {"redact_tokens": {"()": "recordright.web.redact.RedactTokensFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"handlers": [], "level": "ERROR", "propagate": False},
        "recordright": {"handlers": ["console"], "level": "INFO"},
    },
}
