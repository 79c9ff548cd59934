"""Settings from the environment: defaults, the generated state secret, webhook safety."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings


def test_defaults_and_a_generated_secret_kept_in_a_private_file(tmp_path: Path) -> None:
    settings = Settings.from_env({"DROGOWSKAZ_DATA_DIR": str(tmp_path)})
    assert settings.bot_mode == "polling"
    assert settings.port == 8080
    assert settings.state_ttl_hours == 24
    assert settings.usage_retention_days == 730
    assert settings.suppression_k == 5
    assert settings.stale_after_days == 90
    secret_file = tmp_path / "state_secret"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    again = Settings.from_env({"DROGOWSKAZ_DATA_DIR": str(tmp_path)})
    assert again.state_secret == settings.state_secret


def test_webhook_mode_refuses_to_start_without_a_state_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="STATE_SECRET"):
        Settings.from_env({"BOT_MODE": "webhook", "DROGOWSKAZ_DATA_DIR": str(tmp_path)})


def test_values_are_parsed_and_secrets_stay_out_of_repr() -> None:
    settings = Settings.from_env(
        {
            "STATE_SECRET": "s3cret-value",
            "TELEGRAM_BOT_TOKEN": "123:token-value",
            "ADMIN_TELEGRAM_IDS": "11, 22,33",
            "PORT": "9000",
            "BOT_MODE": "webhook",
        }
    )
    assert settings.admin_telegram_ids == frozenset({11, 22, 33})
    assert settings.port == 9000
    assert "s3cret-value" not in repr(settings)
    assert "token-value" not in repr(settings)


@pytest.mark.parametrize(
    "environ",
    [
        {"STATE_SECRET": "x", "PORT": "eighty"},
        {"STATE_SECRET": "x", "ADMIN_TELEGRAM_IDS": "12,abc"},
        {"STATE_SECRET": "x", "BOT_MODE": "carrier-pigeon"},
    ],
)
def test_malformed_values_fail_with_a_clear_error(environ: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        Settings.from_env(environ)
