"""A model with every kind of sensitive field, as the register of vulnerable people will have."""

from django.db import models

from vigie.core.fields import (
    BlindIndexField,
    BlindIndexMixin,
    EncryptedCharField,
    EncryptedDateField,
    EncryptedJSONField,
    EncryptedTextField,
)


class SensitiveRecord(BlindIndexMixin, models.Model):
    name = models.CharField(max_length=100)
    phone = EncryptedCharField(max_length=30, blank=True)
    phone_index = BlindIndexField("phone", sources="phone")
    birth_date = EncryptedDateField(null=True, blank=True)
    address = EncryptedTextField(blank=True)
    emergency_contact = EncryptedJSONField(null=True, blank=True)
    name_birth_index = BlindIndexField("name_birthdate", sources=("name", "birth_date"))

    def __str__(self) -> str:
        return f"record #{self.pk}"
