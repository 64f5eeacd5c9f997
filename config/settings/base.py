"""Settings shared by every environment. Values come from the environment only."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_cache, env_choice, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("VIGIE_SECRET_KEY", "dev-insecure-key-change-me-" + "x" * 30)
SECRET_KEY_FALLBACKS = env_list("VIGIE_SECRET_KEY_FALLBACKS")
DEBUG = env_bool("VIGIE_DEBUG", False)
ALLOWED_HOSTS = env_list("VIGIE_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("VIGIE_CSRF_TRUSTED_ORIGINS")

# Where the public reference data lives (boundaries, populations, SPF series...).
VIGIE_DATA_DIR = env_path("VIGIE_DATA_DIR", (BASE_DIR.parent / "shared" / "data").resolve())
# Name shown in the header: the city or territory running this instance.
VIGIE_CITY_NAME = env_str("VIGIE_CITY_NAME", "Ille-et-Vilaine")
# Code of the area (usually a department) the instance watches.
VIGIE_TERRITORY_CODE = env_str("VIGIE_TERRITORY_CODE", "35")
# Map tiles: empty means no background tiles (polygons still render).
VIGIE_TILE_URL = env_str("VIGIE_TILE_URL", "")
VIGIE_TILE_ATTRIBUTION = env_str("VIGIE_TILE_ATTRIBUTION", "")
# The "République française" block of the design system is reserved to State services:
# a town hall or another city leaves it off (the default); a State service may turn it on.
VIGIE_STATE_LOGO = env_bool("VIGIE_STATE_LOGO", False)
# Public contacts shown on the accessibility, legal and personal-data pages
# (e-mail, postal address or phone). Empty: the pages say "the town hall".
VIGIE_CONTACT = env_str("VIGIE_CONTACT", "")
VIGIE_DPO_CONTACT = env_str("VIGIE_DPO_CONTACT", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "widget_tweaks",
    "dsfr",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "template_partials",
    "vigie.core",
    "vigie.accounts",
    "vigie.territory",
    "vigie.observatory",
    "vigie.registry",
    "vigie.directory",
    "vigie.solidarity",
    "vigie.alerts",
    "vigie.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vigie.core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "vigie.accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "vigie" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vigie.portal.context_processors.vigie",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'vigie.sqlite3'}"),
        conn_max_age=env_int("VIGIE_DB_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache, shared by every process and server: by default a table of the database
# (created by `migrate`); VIGIE_CACHE_URL may name a Redis server instead. The public forms'
# rate limits do not depend on it: they count in the database (vigie/core/throttle.py).
CACHES = {"default": env_cache("VIGIE_CACHE_URL")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "vigie.accounts.validators.MaximumLengthValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

# Staff sessions: idle timeout and absolute limit (OWASP ASVS 7.3).
SESSION_COOKIE_AGE = env_int("VIGIE_SESSION_ABSOLUTE_SECONDS", 12 * 3600)
VIGIE_SESSION_IDLE_SECONDS = env_int("VIGIE_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): 5 failures per IP+username within the cool-off.
AXES_FAILURE_LIMIT = env_int("VIGIE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("VIGIE_LOGIN_COOLOFF_SECONDS", 60) / 3600  # hours
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Count "Ann@x.fr" and "ann@x.fr" together; log a keyed pseudonym, never the e-mail address.
AXES_USERNAME_CALLABLE = "vigie.accounts.throttle.axes_username"
AXES_CLIENT_STR_CALLABLE = "vigie.accounts.throttle.axes_client_str"
# Never store one-time or recovery codes in the attempts table.
AXES_SENSITIVE_PARAMETERS = ["otp_token", "csrfmiddlewaretoken"]

# Audit log retention (days): events older than this are purged by `purge_audit_log`.
VIGIE_AUDIT_RETENTION_DAYS = env_int("VIGIE_AUDIT_RETENTION_DAYS", 3 * 365, minimum=1)

# Observatory: hour (0-23, TIME_ZONE) of the daily refresh (`manage.py observatory schedule`).
VIGIE_OBSERVATORY_REFRESH_HOUR = env_int("VIGIE_OBSERVATORY_REFRESH_HOUR", 6, minimum=0)

# Register of vulnerable people (docs/registry.md): minutes between the calls to a person
# not reached before a home visit; days before the purge erases a death reported during a
# call (time to correct a mistake); days an imported line may wait for an agent's check;
# days after a campaign's end its call notes and needs are kept; days after the yearly
# confirmation date each reminder letter is due; the hour (0-23) of the daily registry task;
# public sign-ups per minute from one address.
# The two lists are checked at start-up by vigie/registry/conf.py (whole minutes or days).
VIGIE_REGISTRY_RETRY_MINUTES = env_list("VIGIE_REGISTRY_RETRY_MINUTES", ["120", "1440"])
VIGIE_REGISTRY_DECEASED_GRACE_DAYS = env_int("VIGIE_REGISTRY_DECEASED_GRACE_DAYS", 30, minimum=0)
VIGIE_REGISTRY_IMPORT_REVIEW_DAYS = env_int("VIGIE_REGISTRY_IMPORT_REVIEW_DAYS", 90, minimum=1)
VIGIE_REGISTRY_CAMPAIGN_RETENTION_DAYS = env_int(
    "VIGIE_REGISTRY_CAMPAIGN_RETENTION_DAYS", 365, minimum=1
)
VIGIE_REGISTRY_REMINDER_DAYS = env_list("VIGIE_REGISTRY_REMINDER_DAYS", ["0", "30"])
VIGIE_REGISTRY_DAILY_HOUR = env_int("VIGIE_REGISTRY_DAILY_HOUR", 3, minimum=0)
VIGIE_REGISTRY_SIGNUPS_PER_MINUTE = env_int("VIGIE_REGISTRY_SIGNUPS_PER_MINUTE", 5, minimum=1)

# Directory: an entry not verified for this many days is flagged to agents as stale.
VIGIE_DIRECTORY_STALE_DAYS = env_int("VIGIE_DIRECTORY_STALE_DAYS", 90, minimum=1)

# Mutual aid (solidarity): retention of closed help requests before they are anonymised, the
# hour (0-23, TIME_ZONE) of the daily anonymisation, the optional address API ("search"
# endpoint of the national address service; empty: offline look-up only), the public forms'
# limit per minute and client, and the site's public address used in e-mails.
VIGIE_SOLIDARITY_RETENTION_DAYS = env_int("VIGIE_SOLIDARITY_RETENTION_DAYS", 183, minimum=1)
VIGIE_SOLIDARITY_RETENTION_HOUR = env_int("VIGIE_SOLIDARITY_RETENTION_HOUR", 3, minimum=0)
VIGIE_GEOCODER_URL = env_str("VIGIE_GEOCODER_URL", "")
VIGIE_GEOCODER_TIMEOUT = env_int("VIGIE_GEOCODER_TIMEOUT", 5, minimum=1)
VIGIE_SOLIDARITY_FORM_RATE = env_int("VIGIE_SOLIDARITY_FORM_RATE", 5, minimum=1)
VIGIE_SITE_URL = env_str("VIGIE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Alerts (vigie.alerts, docs/alerts.md): CAP documents, channels, subscriptions, deliveries.
# Links in e-mails, SMS, posters and CAP documents use VIGIE_SITE_URL (above).
VIGIE_ALERTS_CAP_SENDER = env_str("VIGIE_ALERTS_CAP_SENDER", "vigie@localhost")
VIGIE_ALERTS_CAP_STATUS = env_choice(
    "VIGIE_ALERTS_CAP_STATUS", "Actual", ("Actual", "Exercise", "Test")
)
VIGIE_ALERTS_EMAIL_BACKEND = env_str("VIGIE_ALERTS_EMAIL_BACKEND", "")  # empty: EMAIL_BACKEND
VIGIE_ALERTS_EMAIL_FROM = env_str("VIGIE_ALERTS_EMAIL_FROM", "")  # empty: DEFAULT_FROM_EMAIL
VIGIE_ALERTS_BATCH_SIZE = env_int("VIGIE_ALERTS_BATCH_SIZE", 200, minimum=1)
VIGIE_ALERTS_SEND_TASKS = env_int("VIGIE_ALERTS_SEND_TASKS", 2, minimum=1)
VIGIE_ALERTS_SEND_TIMEOUT = env_int("VIGIE_ALERTS_SEND_TIMEOUT", 30, minimum=1)
VIGIE_ALERTS_LEASE_SECONDS = env_int("VIGIE_ALERTS_LEASE_SECONDS", 600, minimum=3)
VIGIE_ALERTS_SWEEP_SECONDS = env_int("VIGIE_ALERTS_SWEEP_SECONDS", 60, minimum=1)
VIGIE_ALERTS_MAX_ATTEMPTS = env_int("VIGIE_ALERTS_MAX_ATTEMPTS", 8, minimum=1)
VIGIE_ALERTS_RETRY_SECONDS = env_int("VIGIE_ALERTS_RETRY_SECONDS", 30, minimum=1)
VIGIE_ALERTS_DAILY_HOUR = env_int("VIGIE_ALERTS_DAILY_HOUR", 3, minimum=0)
VIGIE_ALERTS_SUBSCRIBE_PER_IP = env_int("VIGIE_ALERTS_SUBSCRIBE_PER_IP", 5, minimum=1)
VIGIE_ALERTS_SUBSCRIBE_IP_WINDOW = env_int("VIGIE_ALERTS_SUBSCRIBE_IP_WINDOW", 60, minimum=1)
VIGIE_ALERTS_SUBSCRIBE_PER_ADDRESS = env_int("VIGIE_ALERTS_SUBSCRIBE_PER_ADDRESS", 3, minimum=1)
VIGIE_ALERTS_SUBSCRIBE_ADDRESS_WINDOW = env_int(
    "VIGIE_ALERTS_SUBSCRIBE_ADDRESS_WINDOW", 3600, minimum=1
)
VIGIE_ALERTS_SMS_CONFIRMATIONS_PER_HOUR = env_int(
    "VIGIE_ALERTS_SMS_CONFIRMATIONS_PER_HOUR", 200, minimum=1
)
VIGIE_ALERTS_PENDING_DAYS = env_int("VIGIE_ALERTS_PENDING_DAYS", 7, minimum=1)
VIGIE_ALERTS_BOUNCED_DAYS = env_int("VIGIE_ALERTS_BOUNCED_DAYS", 30, minimum=1)
VIGIE_ALERTS_DELIVERY_DAYS = env_int("VIGIE_ALERTS_DELIVERY_DAYS", 90, minimum=1)
# SMS: "" (none: the SMS channel says it is off), "file" (development), "twilio".
VIGIE_SMS_BACKEND = env_choice("VIGIE_SMS_BACKEND", "", ("", "file", "twilio"))
VIGIE_SMS_FILE_PATH = env_path("VIGIE_SMS_FILE_PATH", BASE_DIR / "var" / "sms" / "outbox.jsonl")
VIGIE_SMS_TWILIO_API_URL = env_str("VIGIE_SMS_TWILIO_API_URL", "https://api.twilio.com")
VIGIE_SMS_TWILIO_ACCOUNT_SID = env_str("VIGIE_SMS_TWILIO_ACCOUNT_SID", "")
VIGIE_SMS_TWILIO_AUTH_TOKEN = env_str("VIGIE_SMS_TWILIO_AUTH_TOKEN", "")
VIGIE_SMS_TWILIO_FROM = env_str("VIGIE_SMS_TWILIO_FROM", "")
VIGIE_SMS_TWILIO_MESSAGING_SERVICE_SID = env_str("VIGIE_SMS_TWILIO_MESSAGING_SERVICE_SID", "")

# Field encryption: comma-separated list of urlsafe-base64 32-byte keys, newest first.
VIGIE_FIELD_KEYS = env_list("VIGIE_FIELD_KEYS")
# Key for the blind index (HMAC-SHA256); separate from the encryption keys.
VIGIE_BLIND_INDEX_KEY = env_str("VIGIE_BLIND_INDEX_KEY", "")

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "vigie" / "locale"]
TIME_ZONE = env_str("VIGIE_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env_str("VIGIE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("VIGIE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("VIGIE_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("VIGIE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("VIGIE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("VIGIE_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("VIGIE_EMAIL_FROM", "vigie@localhost")

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "config.api_auth.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vigie API",
    "DESCRIPTION": "Aggregates and reference data of a Vigie instance for partners.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# No SRI hashes on the DSFR files: they are served from this site (same origin), and the
# production storage rewrites url() in dsfr.min.css, so the packaged hash would no longer
# match and browsers would refuse the stylesheet (tests/portal/test_static_integrity.py).
DSFR_USE_INTEGRITY_CHECKSUMS = False

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "vigie.core.logging.ScrubSensitiveFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["scrub"],
        }
    },
    "root": {"handlers": ["console"], "level": env_choice("VIGIE_LOG_LEVEL", "INFO", LOG_LEVELS)},
    # Django's own loggers go through the scrubbing handler too (by default they have
    # unfiltered handlers of their own).
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"level": "ERROR"},
    },
}
# Error reports (500 e-mails, debug page) hide personal data: see vigie/core/logging.py.
DEFAULT_EXCEPTION_REPORTER_FILTER = "vigie.core.logging.SensitiveExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "vigie.core.logging.SensitiveExceptionReporter"
