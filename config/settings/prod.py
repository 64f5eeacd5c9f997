"""Production: every secret from the environment, HTTPS everywhere.

Start-up stops with an ImproperlyConfigured error naming the variable when a secret is
missing or weak; `manage.py check --deploy --fail-level WARNING` then reports nothing.
"""

import base64
import binascii

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403

GENERATE_HINT = "Generate secrets with: manage.py generate_keys"


def _check_secret_key(value: str) -> str:
    if len(value) < 50 or len(set(value)) < 5:
        raise ImproperlyConfigured(
            "VIGIE_SECRET_KEY is too weak: it must be a random string of at least 50 "
            f"characters with at least 5 distinct ones. {GENERATE_HINT}"
        )
    if value.startswith(("dev-insecure", "django-insecure")):
        raise ImproperlyConfigured(
            f"VIGIE_SECRET_KEY is the development key; set a random one. {GENERATE_HINT}"
        )
    return value


def _check_field_keys(keys: list[str]) -> list[str]:
    if not keys:
        raise ImproperlyConfigured(f"VIGIE_FIELD_KEYS is required. {GENERATE_HINT}")
    for position, key in enumerate(keys, start=1):
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raw = b""
        if len(raw) != 32:
            raise ImproperlyConfigured(
                f"VIGIE_FIELD_KEYS: key number {position} is not 32 bytes in urlsafe base64. "
                f"{GENERATE_HINT}"
            )
    return keys


def _check_blind_index_key(value: str) -> str:
    if len(value) < 32 or value.startswith("dev-only"):
        raise ImproperlyConfigured(
            f"VIGIE_BLIND_INDEX_KEY must be a random string of at least 32 characters. "
            f"{GENERATE_HINT}"
        )
    return value


DEBUG = False
if env_bool("VIGIE_DEBUG", False):
    raise ImproperlyConfigured("VIGIE_DEBUG must not be on with the production settings.")
SECRET_KEY = _check_secret_key(env_str("VIGIE_SECRET_KEY"))
SECRET_KEY_FALLBACKS = [_check_secret_key(key) for key in env_list("VIGIE_SECRET_KEY_FALLBACKS")]
ALLOWED_HOSTS = env_list("VIGIE_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "VIGIE_ALLOWED_HOSTS is required: the host names Vigie answers to, comma-separated."
    )
VIGIE_FIELD_KEYS = _check_field_keys(env_list("VIGIE_FIELD_KEYS"))
VIGIE_BLIND_INDEX_KEY = _check_blind_index_key(env_str("VIGIE_BLIND_INDEX_KEY"))

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("VIGIE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("VIGIE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
