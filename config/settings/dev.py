"""Development: DEBUG on, console e-mail, demo-friendly keys."""

from config.env import env_bool, env_choice, env_str

from .base import *  # noqa: F403
from .base import VIGIE_BLIND_INDEX_KEY, VIGIE_FIELD_KEYS

DEBUG = env_bool("VIGIE_DEBUG", True)
EMAIL_BACKEND = env_str("VIGIE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# SMS of the alerts written to var/sms/outbox.jsonl (VIGIE_SMS_BACKEND=twilio to really send).
VIGIE_SMS_BACKEND = env_choice("VIGIE_SMS_BACKEND", "file", ("", "file", "twilio"))
# Development-only keys (never use these in production: prod.py requires real ones).
VIGIE_FIELD_KEYS = VIGIE_FIELD_KEYS or ["ZGV2LW9ubHkta2V5LWRldi1vbmx5LWtleS1kZXYtMDA="]
VIGIE_BLIND_INDEX_KEY = VIGIE_BLIND_INDEX_KEY or "dev-only-blind-index-key"
