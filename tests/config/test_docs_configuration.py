"""The operator guides list every environment variable the settings read."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VARIABLE = re.compile(r"env_\w+\(\s*\"([A-Z][A-Z0-9_]+)\"")


def settings_variables() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        found |= set(VARIABLE.findall(path.read_text(encoding="utf-8")))
    return found


def test_the_settings_read_variables():
    assert {"VIGIE_SECRET_KEY", "DATABASE_URL", "VIGIE_DATA_DIR"} <= settings_variables()


@pytest.mark.parametrize("guide", ["operator-guide.en.md", "operator-guide.fr.md"])
def test_guide_documents_every_variable(guide):
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", text, flags=re.M))

    missing = settings_variables() - documented
    assert not missing, f"{guide} does not document {sorted(missing)}"
