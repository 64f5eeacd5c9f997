"""config.env: a malformed variable is an ImproperlyConfigured error naming it."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_path, env_str
from tests.config.conftest import clean_environ, manage


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("yes", True), ("On", True), (" TRUE ", True), ("0", False), ("no", False)],
)
def test_env_bool_accepts_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("VIGIE_FLAG", raw)

    assert env_bool("VIGIE_FLAG") is expected


def test_env_bool_default_when_unset(monkeypatch):
    monkeypatch.delenv("VIGIE_FLAG", raising=False)

    assert env_bool("VIGIE_FLAG", True) is True


def test_env_bool_refuses_maybe(monkeypatch):
    monkeypatch.setenv("VIGIE_DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match=r"VIGIE_DEBUG='maybe' is not a boolean"):
        env_bool("VIGIE_DEBUG")


def test_env_int_refuses_text_and_values_below_minimum(monkeypatch):
    monkeypatch.setenv("VIGIE_EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match=r"VIGIE_EMAIL_PORT='twenty-five' is not an"):
        env_int("VIGIE_EMAIL_PORT", 25)

    monkeypatch.setenv("VIGIE_EMAIL_PORT", "-1")
    with pytest.raises(ImproperlyConfigured, match="VIGIE_EMAIL_PORT=-1 is too small"):
        env_int("VIGIE_EMAIL_PORT", 25, minimum=0)


def test_env_int_reads_a_number(monkeypatch):
    monkeypatch.setenv("VIGIE_EMAIL_PORT", " 587 ")

    assert env_int("VIGIE_EMAIL_PORT", 25) == 587


def test_env_str_required_refuses_unset_and_blank(monkeypatch):
    monkeypatch.delenv("VIGIE_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="VIGIE_REQUIRED is required"):
        env_str("VIGIE_REQUIRED")

    monkeypatch.setenv("VIGIE_REQUIRED", "   ")
    with pytest.raises(ImproperlyConfigured, match="VIGIE_REQUIRED is required"):
        env_str("VIGIE_REQUIRED")


def test_env_list_drops_blanks(monkeypatch):
    monkeypatch.setenv("VIGIE_ALLOWED_HOSTS", " a.fr, ,b.fr,")

    assert env_list("VIGIE_ALLOWED_HOSTS") == ["a.fr", "b.fr"]


def test_env_choice_names_the_allowed_values(monkeypatch):
    monkeypatch.setenv("VIGIE_LOG_LEVEL", "LOUD")

    with pytest.raises(ImproperlyConfigured, match="VIGIE_LOG_LEVEL='LOUD' is not one of DEBUG"):
        env_choice("VIGIE_LOG_LEVEL", "INFO", ["DEBUG", "INFO"])


def test_env_path_expands_home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("VIGIE_DATA_DIR", "~/data")

    assert env_path("VIGIE_DATA_DIR", Path("/nowhere")) == tmp_path / "data"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("VIGIE_DEBUG", "maybe"),
        ("VIGIE_EMAIL_PORT", "smtp"),
        ("VIGIE_LOG_LEVEL", "chatty"),
    ],
)
def test_manage_py_stops_naming_the_bad_variable(variable, value):
    env = clean_environ() | {"DJANGO_SETTINGS_MODULE": "config.settings.dev", variable: value}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{variable}={value!r}" in result.stderr
