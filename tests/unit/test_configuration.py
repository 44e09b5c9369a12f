from __future__ import annotations

from pathlib import Path

import pytest

from portal.config import ConfigurationError, load_config


def test_with_no_settings_it_uses_sqlite_in_instance_and_makes_a_secret_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    for name in ("DATABASE_URL", "SECRET_KEY", "PORTAL_ENV", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    first = load_config({"INSTANCE_DIR": str(tmp_path)})
    assert first["DATABASE_URL"] == f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    assert len(first["SECRET_KEY"]) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by owner only
    assert load_config({"INSTANCE_DIR": str(tmp_path)})["SECRET_KEY"] == first["SECRET_KEY"]
    assert first["SESSION_COOKIE_SECURE"] is False
    assert first["RATELIMIT_STORAGE_URI"] == "memory://"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str
):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-from-the-environment")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.example/portal")
    monkeypatch.delenv(missing)
    with pytest.raises(ConfigurationError, match=missing):
        load_config({"INSTANCE_DIR": str(tmp_path)})
    assert not (tmp_path / "secret_key").exists()


def test_production_sets_secure_cookies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-from-the-environment")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.example/portal")
    config = load_config({"INSTANCE_DIR": str(tmp_path)})
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SECRET_KEY"] == "a-real-secret-from-the-environment"


def test_redis_url_moves_rate_limits_to_redis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    assert load_config({"INSTANCE_DIR": str(tmp_path)})["RATELIMIT_STORAGE_URI"] == (
        "redis://127.0.0.1:6379/3"
    )
