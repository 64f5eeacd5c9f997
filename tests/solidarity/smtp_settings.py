"""Test settings for a worker process that sends real e-mail to the local test SMTP server."""

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("VIGIE_TEST_SMTP_PORT", "25"))
EMAIL_USE_TLS = False
