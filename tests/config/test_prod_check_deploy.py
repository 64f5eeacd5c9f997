"""With the production settings and a realistic environment, check --deploy reports nothing."""

from tests.config.conftest import manage


def test_check_deploy_reports_nothing(prod_env):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=prod_env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr


def test_check_deploy_warns_when_https_redirect_is_switched_off(prod_env):
    """The test above could not pass by accident: the same check does see a weakened config."""
    prod_env["VIGIE_SSL_REDIRECT"] = "0"

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=prod_env)

    assert result.returncode != 0
    assert "security.W008" in result.stderr


def test_secrets_from_generate_keys_satisfy_the_production_settings(prod_env):
    dev_env = {k: v for k, v in prod_env.items() if not k.startswith("VIGIE_")}
    dev_env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    generated = manage("generate_keys", env=dev_env)
    assert generated.returncode == 0, generated.stderr
    secrets = dict(line.split("=", 1) for line in generated.stdout.split())
    assert set(secrets) == {"VIGIE_SECRET_KEY", "VIGIE_FIELD_KEYS", "VIGIE_BLIND_INDEX_KEY"}

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=prod_env | secrets)

    assert result.returncode == 0, result.stderr
