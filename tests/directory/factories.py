"""Factories of the directory tests."""

from __future__ import annotations

import factory

from vigie.directory.models import Responsibility, Service


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    reference = factory.Sequence(lambda n: f"test-{n:04d}")
    name = factory.Sequence(lambda n: f"Service {n}")
    category = "test_centre"
    address = "1 rue de l'Exemple"
    opening_hours = "24/7"
    wheelchair = "yes"
    languages = factory.LazyFunction(lambda: ["fr"])
    visibility = "public"


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility

    service = factory.SubFactory(ServiceFactory, category="crisis_actor")
    domain = "steering"
    description = "Pilote la réponse à la crise."
