"""Settings, built once from ``PEERHUB_*`` environment variables and passed in.

No module reads the environment at import time: ``Settings.from_env()`` is
called by the CLI (and tests build ``Settings`` directly), then handed to
``create_app(settings)`` and to every command.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from peerhub.errors import ConfigError

PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "placeholder", "dev", "development"})
SECRET_FILE = "secret_key"  # noqa: S105 - a file name, not a secret


def _bool(value: str) -> bool:
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError(f"expected a boolean, got {value!r}")


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number") from None


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip().rstrip("/") for part in value.split(",") if part.strip())


def normalize_database_url(url: str) -> str:
    """Accept the usual spellings and pick the async driver for each database."""
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith("sqlite://") and not url.startswith("sqlite+aiosqlite://"):
        return "sqlite+aiosqlite://" + url.split("://", 1)[1]
    return url


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    data_dir: Path = Path("var")
    database_url: str = ""
    redis_url: str | None = None
    secret_key: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    allowed_origins: tuple[str, ...] = ()
    cookie_secure: bool = False
    session_idle_seconds: int = 7 * 24 * 3600
    session_absolute_seconds: int = 30 * 24 * 3600
    log_level: str = "INFO"
    escalation_ack_seconds: int = 120
    metrics_allow: tuple[str, ...] = ("127.0.0.1", "::1")
    metrics_token: str | None = None
    trusted_proxies: tuple[str, ...] = ()
    # Concurrent argon2 hashes; each takes ~19 MiB, so a login flood is bounded.
    max_concurrent_hashes: int = 4
    seed_defaults: bool = True
    # Forum flood guard per person (staff exempt): a burst, then one post per interval.
    forum_post_burst: int = 10
    forum_post_interval_seconds: float = 12.0
    # Channel prefix and client-name prefix on a shared Redis (PEERHUB_REDIS_PREFIX).
    redis_prefix: str = "peerhub:"
    redis_name: str = "peerhub"

    @property
    def is_development(self) -> bool:
        return self.env == "development"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from the environment; refuse unsafe production setups.

        In development a secret is generated once and kept in the data
        directory; elsewhere a missing or placeholder secret is an error.
        """
        env = dict(os.environ if environ is None else environ)
        get = env.get
        mode = get("PEERHUB_ENV", "development").strip().lower()
        if mode not in {"development", "production"}:
            raise ConfigError("PEERHUB_ENV must be 'development' or 'production'")
        data_dir = Path(get("PEERHUB_DATA_DIR", "var")).expanduser()
        db_url = get("PEERHUB_DATABASE_URL") or get("DATABASE_URL") or ""
        if not db_url:
            db_url = f"sqlite+aiosqlite:///{(data_dir / 'peerhub.sqlite3').resolve()}"
        secret = get("PEERHUB_SECRET_KEY", "")
        if secret.strip().lower() in PLACEHOLDER_SECRETS or len(secret) < 16:
            if mode != "development":
                raise ConfigError(
                    "PEERHUB_SECRET_KEY is missing or a placeholder. Set it to a long random value, "
                    "e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
                )
            secret = ensure_dev_secret(data_dir)
        return cls(
            env=mode,
            data_dir=data_dir,
            database_url=normalize_database_url(db_url),
            redis_url=get("PEERHUB_REDIS_URL") or get("REDIS_URL") or None,
            secret_key=secret,
            host=get("PEERHUB_HOST", "127.0.0.1"),
            port=_int("PEERHUB_PORT", get("PEERHUB_PORT", "8000")),
            allowed_origins=_csv(get("PEERHUB_ALLOWED_ORIGINS", "")),
            cookie_secure=_bool(get("PEERHUB_COOKIE_SECURE", "false" if mode == "development" else "true")),
            log_level=get("PEERHUB_LOG_LEVEL", "INFO").upper(),
            escalation_ack_seconds=_int(
                "PEERHUB_ESCALATION_ACK_SECONDS", get("PEERHUB_ESCALATION_ACK_SECONDS", "120")
            ),
            metrics_allow=_csv(get("PEERHUB_METRICS_ALLOW", "127.0.0.1,::1")),
            metrics_token=get("PEERHUB_METRICS_TOKEN") or None,
            trusted_proxies=_csv(get("PEERHUB_TRUSTED_PROXIES", "")),
            seed_defaults=_bool(get("PEERHUB_SEED_DEFAULTS", "true")),
            # Several deployments (or test runs) sharing one Redis keep their channels apart.
            redis_prefix=get("PEERHUB_REDIS_PREFIX") or "peerhub:",
            redis_name=get("PEERHUB_REDIS_PREFIX") or "peerhub",
        )


def ensure_dev_secret(data_dir: Path) -> str:
    """Read, or create once, the development secret kept in the data directory."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SECRET_FILE
    if path.exists():
        value = path.read_text().strip()
        if len(value) >= 16:
            return value
    value = secrets.token_urlsafe(48)
    path.write_text(value + "\n")
    path.chmod(0o600)
    return value
