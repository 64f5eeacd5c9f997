"""Production: every secret from the environment, HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import VIGIE_BLIND_INDEX_KEY, VIGIE_FIELD_KEYS

DEBUG = False
SECRET_KEY = env_str("VIGIE_SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-insecure"):
    raise ImproperlyConfigured("VIGIE_SECRET_KEY must be a random string of 50+ characters.")
if not VIGIE_FIELD_KEYS or not VIGIE_BLIND_INDEX_KEY:
    raise ImproperlyConfigured("VIGIE_FIELD_KEYS and VIGIE_BLIND_INDEX_KEY are required.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("VIGIE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("VIGIE_HSTS_SECONDS", 31536000)
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
