"""Settings from the environment, with safe defaults.

With nothing set, the portal runs on a SQLite file in ``instance/`` and keeps a
generated secret key there. With ``PORTAL_ENV=production`` it refuses to start
without ``SECRET_KEY`` and ``DATABASE_URL`` and sets secure cookie flags.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"


class ConfigurationError(RuntimeError):
    """The environment does not hold what production needs."""


@dataclass(frozen=True)
class CrisisContact:
    """One way to get urgent help, shown on the "Need help now?" page."""

    name: str
    phone: str
    description: str


def _generated_secret_key(instance_dir: Path) -> str:
    """Read the secret key kept in instance/, creating it on first run."""
    instance_dir.mkdir(parents=True, exist_ok=True)
    key_file = instance_dir / "secret_key"
    if not key_file.exists():
        # O_EXCL: two workers starting at once cannot both write a key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the Flask config from the environment, then apply ``overrides``."""
    overrides = overrides or {}
    env = os.environ
    production = env.get("PORTAL_ENV", "development") == "production"
    instance_dir = Path(overrides.get("INSTANCE_DIR", INSTANCE_DIR))

    if production:
        missing = [name for name in ("SECRET_KEY", "DATABASE_URL") if not env.get(name)]
        if missing:
            raise ConfigurationError(
                "PORTAL_ENV=production needs these environment variables: " + ", ".join(missing)
            )

    config: dict[str, Any] = {
        "PORTAL_ENV": "production" if production else "development",
        # None: the default name, translated into the reader's language.
        "SERVICE_NAME": env.get("SERVICE_NAME") or None,
        "DATABASE_URL": env.get("DATABASE_URL") or f"sqlite:///{instance_dir / 'portal.sqlite3'}",
        "REDIS_URL": env.get("REDIS_URL") or None,
        "INSTANCE_DIR": str(instance_dir),
        # Sessions live in the database; the cookie holds only an opaque token.
        "SESSION_COOKIE_NAME": "portal_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_IDLE_TIMEOUT_SECONDS": _int_env("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60),
        "SESSION_WARNING_SECONDS": _int_env("SESSION_WARNING_SECONDS", 2 * 60),
        "SESSION_ABSOLUTE_TIMEOUT_SECONDS": _int_env(
            "SESSION_ABSOLUTE_TIMEOUT_SECONDS", 12 * 60 * 60
        ),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        # Sign-in throttling: failures per account, and attempts per client address.
        "SIGN_IN_LIMIT_PER_ACCOUNT": env.get("SIGN_IN_LIMIT_PER_ACCOUNT", "5 per 15 minutes"),
        "SIGN_IN_LIMIT_PER_ADDRESS": env.get("SIGN_IN_LIMIT_PER_ADDRESS", "30 per 15 minutes"),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the server-side session
        "WTF_CSRF_SSL_STRICT": production,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "CRISIS_CONTACTS_FILE": env.get("CRISIS_CONTACTS_FILE") or None,
        "CARER_SUPPORT_FILE": env.get("CARER_SUPPORT_FILE") or None,
        "TEAM_DUTY_LINE": env.get("TEAM_DUTY_LINE") or None,
        "CONTACT_EMAIL": env.get("CONTACT_EMAIL", "enquiries@example.nhs.uk"),
        "CONTACT_PHONE": env.get("CONTACT_PHONE") or None,
        # How long a link that brings someone onto the portal works for.
        "INVITATION_VALID_DAYS": _int_env("INVITATION_VALID_DAYS", 14),
        # Times are stored in UTC and shown in the service's own time zone,
        # so "14:05" on a page is the time on the reader's clock in England.
        "BABEL_DEFAULT_TIMEZONE": env.get("TIMEZONE", "Europe/London"),
        # A review request not acknowledged after this many working days
        # (Monday to Friday) is highlighted on the team's requests list.
        "REVIEW_ACKNOWLEDGE_WORKING_DAYS": _int_env("REVIEW_ACKNOWLEDGE_WORKING_DAYS", 2),
        "TESTING": False,
    }
    secret = env.get("SECRET_KEY")
    config.update(overrides)
    config["SECRET_KEY"] = (
        overrides.get("SECRET_KEY") or secret or _generated_secret_key(Path(config["INSTANCE_DIR"]))
    )
    limiter_storage = "memory://"
    if config["REDIS_URL"]:
        limiter_storage = config["REDIS_URL"]
    config.setdefault("RATELIMIT_STORAGE_URI", limiter_storage)
    # Set explicitly: Flask-Limiter keeps this flag on its one shared object,
    # so an app that leaves it unset would inherit another app's choice.
    config.setdefault("RATELIMIT_ENABLED", True)
    config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    return config
