"""Model fields that encrypt sensitive values at rest, and their keyed blind indexes.

Usage (a register of vulnerable people, say)::

    class Person(BlindIndexMixin, models.Model):
        phone = EncryptedCharField(_("phone"), max_length=30, blank=True)
        phone_index = BlindIndexField("phone", sources="phone")
        last_name = models.CharField(max_length=100)
        birth_date = EncryptedDateField(_("birth date"), null=True)
        name_birth_index = BlindIndexField("name_birthdate", sources=("last_name", "birth_date"))

    Person.objects.filter(phone_index=blind_index("phone", "06 12 34 56 78"))

Encrypted values are decrypted when loaded and encrypted again (with the newest key of
settings.VIGIE_FIELD_KEYS) when saved. They cannot be searched: every lookup but
``isnull`` raises a FieldError pointing to the blind index. Blind indexes are computed on
``save()`` and ``bulk_create()``; ``QuerySet.update()`` bypasses them, so change encrypted
sources through ``save()``. Key rotation: ``manage.py rotate_field_keys``.

Keep sensitive fields out of ``__str__`` (it shows in logs, admin and error reports), and
do not use ``dumpdata`` as a backup: it writes the decrypted values.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django import forms
from django.conf import settings
from django.core import checks, validators
from django.core.exceptions import FieldError, ImproperlyConfigured, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core import crypto
from vigie.core.crypto import DecryptionError

__all__ = [
    "BlindIndexField",
    "BlindIndexMixin",
    "DecryptionError",
    "EncryptedCharField",
    "EncryptedDateField",
    "EncryptedJSONField",
    "EncryptedTextField",
    "blind_index",
    "current_key_ring",
    "encrypted_fields",
    "blind_index_fields",
]


@lru_cache(maxsize=8)
def _ring_for(keys: tuple[str, ...]) -> crypto.KeyRing:
    try:
        return crypto.KeyRing.from_strings(keys)
    except crypto.InvalidKeyError as error:
        raise ImproperlyConfigured(f"{error} Generate keys with: manage.py generate_keys") from None


def current_key_ring() -> crypto.KeyRing:
    """The key ring of settings.VIGIE_FIELD_KEYS (cached per value, so override_settings works)."""
    return _ring_for(tuple(settings.VIGIE_FIELD_KEYS))


def blind_index(purpose: str, *values: object) -> str:
    """The blind index of ``values`` for ``purpose`` ("phone", "name_birthdate", "name", "email").

    Raises ValueError (without echoing the value) if a value cannot be normalised.
    """
    key = settings.VIGIE_BLIND_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("VIGIE_BLIND_INDEX_KEY is empty; run manage.py generate_keys.")
    return crypto.compute_blind_index(key, purpose, *values)


class EncryptedMixin:
    """Shared behaviour: text column holding a token; plaintext only in Python."""

    # Error messages that never echo the submitted value.
    safe_error_messages = {
        "invalid_choice": _("This value is not one of the allowed choices."),
    }

    def __init__(self, *args: Any, context: str | None = None, **kwargs: Any) -> None:
        if kwargs.get("unique") or kwargs.get("primary_key"):
            raise ImproperlyConfigured(
                "Encrypted fields cannot be unique or primary keys: put the constraint on a "
                "BlindIndexField instead."
            )
        if kwargs.get("db_index"):
            raise ImproperlyConfigured(
                "Encrypted fields cannot be indexed: add a BlindIndexField for look-ups."
            )
        self.context = context
        messages = dict(self.safe_error_messages)
        messages.update(kwargs.pop("error_messages", None) or {})
        super().__init__(*args, error_messages=messages, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("error_messages", None)
        if self.context is not None:
            kwargs["context"] = self.context
        return name, path, args, kwargs

    @property
    def crypto_context(self) -> str:
        """Associated data: the model label and field name (or an explicit ``context``)."""
        return self.context or f"{self.model._meta.label_lower}.{self.name}"

    # Subclasses turn Python values to and from the plaintext string.
    def to_plaintext(self, value: Any) -> str:
        return str(value)

    def from_plaintext(self, text: str) -> Any:
        return text

    def get_internal_type(self) -> str:
        return "TextField"

    def get_prep_value(self, value: Any) -> Any:
        value = self.to_python(value)
        if value is None:
            return None
        return current_key_ring().encrypt(self.to_plaintext(value), self.crypto_context)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        try:
            text = current_key_ring().decrypt(value, self.crypto_context)
        except DecryptionError as error:
            raise DecryptionError(f"{self.model._meta.label}.{self.name}: {error}") from None
        return self.from_plaintext(text)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(
            f"{self.model._meta.label}.{self.name} is encrypted and cannot be searched with "
            f"'{lookup_name}'. Filter on its BlindIndexField with "
            "blind_index(purpose, value) instead (only isnull is supported here)."
        )

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(
            f"{self.model._meta.label}.{self.name} is encrypted: '{lookup_name}' cannot be applied."
        )


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Free text (address, notes), encrypted at rest."""

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        return str(value)


class EncryptedCharField(EncryptedTextField):
    """Short text (phone, name), encrypted; ``max_length`` bounds the plaintext."""

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
        if max_length is not None:
            self.validators.append(validators.MaxLengthValidator(max_length))

    def formfield(self, **kwargs: Any) -> Any:
        defaults = {"form_class": forms.CharField, "max_length": self.max_length}
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


class EncryptedDateField(EncryptedMixin, models.TextField):
    """A date (birth date), stored as an encrypted ISO string, returned as datetime.date."""

    safe_error_messages = {
        **EncryptedMixin.safe_error_messages,
        "invalid": _("This value is not a valid date (expected YYYY-MM-DD)."),
    }

    def to_python(self, value: Any) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def to_plaintext(self, value: dt.date) -> str:
        return value.isoformat()

    def from_plaintext(self, text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    def formfield(self, **kwargs: Any) -> Any:
        defaults = {"form_class": forms.DateField}
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


class EncryptedJSONField(EncryptedMixin, models.TextField):
    """A JSON document (e.g. an emergency contact {"name", "phone"}), encrypted as a whole."""

    def to_python(self, value: Any) -> Any:
        return value

    def to_plaintext(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def from_plaintext(self, text: str) -> Any:
        return json.loads(text)

    def formfield(self, **kwargs: Any) -> Any:
        defaults = {"form_class": forms.JSONField}
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


class BlindIndexField(models.CharField):
    """Keyed HMAC of other fields' values, recomputed on save, for exact-match look-ups.

    ``BlindIndexField("phone", sources="phone")`` or
    ``BlindIndexField("name_birthdate", sources=("last_name", "birth_date"))``.
    Null when any source is empty.
    """

    def __init__(
        self,
        purpose: str | None = None,
        sources: Sequence[str] | str = (),
        *args: Any,
        **kwargs: Any,
    ) -> None:
        self.purpose = purpose or ""
        self.sources = (sources,) if isinstance(sources, str) else tuple(sources)
        kwargs.setdefault("max_length", crypto.BLIND_INDEX_CHARS)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["purpose"] = self.purpose
        kwargs["sources"] = list(self.sources)
        for key, default in (
            ("max_length", crypto.BLIND_INDEX_CHARS),
            ("db_index", True),
            ("null", True),
            ("blank", True),
            ("editable", False),
        ):
            kwargs[key] = getattr(self, key)
            if kwargs[key] == default:
                del kwargs[key]
        return name, path, args, kwargs

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        arity = len(crypto.PURPOSES.get(self.purpose, ()))
        if self.purpose not in crypto.PURPOSES:
            errors.append(
                checks.Error(
                    f"Unknown blind index purpose {self.purpose!r}.",
                    hint=f"Use one of: {', '.join(sorted(crypto.PURPOSES))}.",
                    obj=self,
                    id="core.E010",
                )
            )
        elif len(self.sources) != arity:
            errors.append(
                checks.Error(
                    f"Blind index {self.purpose!r} needs {arity} source field(s), "
                    f"got {len(self.sources)}.",
                    obj=self,
                    id="core.E011",
                )
            )
        names = {field.name for field in self.model._meta.get_fields()}
        for source in self.sources:
            if source not in names:
                errors.append(
                    checks.Error(
                        f"Blind index source {source!r} is not a field of "
                        f"{self.model._meta.label}.",
                        obj=self,
                        id="core.E012",
                    )
                )
        return errors

    def compute(self, instance: models.Model) -> str | None:
        values = [getattr(instance, source) for source in self.sources]
        if any(value is None or value == "" for value in values):
            return None
        try:
            return blind_index(self.purpose, *values)
        except ValueError:
            return None  # e.g. a "phone" with no digit: nothing to match on

    def pre_save(self, model_instance: models.Model, add: bool) -> str | None:
        value = self.compute(model_instance)
        setattr(model_instance, self.attname, value)
        return value


class BlindIndexMixin(models.Model):
    """Keeps blind indexes in step when ``save(update_fields=[...])`` names a source only."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            wanted = set(update_fields)
            for field in blind_index_fields(type(self)):
                if wanted.intersection(field.sources):
                    wanted.add(field.name)
            kwargs["update_fields"] = wanted
        super().save(*args, **kwargs)


def encrypted_fields(model: type[models.Model]) -> list[EncryptedMixin]:
    """The concrete encrypted fields of a model (its own table only)."""
    return [
        field
        for field in model._meta.get_fields(include_parents=False)
        if isinstance(field, EncryptedMixin) and field.concrete
    ]


def blind_index_fields(model: type[models.Model]) -> list[BlindIndexField]:
    return [
        field
        for field in model._meta.get_fields(include_parents=False)
        if isinstance(field, BlindIndexField)
    ]
