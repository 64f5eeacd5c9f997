"""Logging filter placeholder (the core work makes it scrub sensitive values)."""

import logging


class ScrubSensitiveFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return True
