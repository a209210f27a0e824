"""Configuration read from the environment, with defaults that just work.

Every setting can also be read from a file by appending ``_FILE`` to its name
(``RECORDRIGHT_SECRET_KEY_FILE=/run/secrets/key``), so secrets never need to sit
in a process listing or a shell history.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def env_str(name: str, default: str = "") -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name, "")
    if value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env_str(name, "")
    return int(value) if value.strip() else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name, "")
    if not value.strip():
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """``X-Forwarded-Proto`` or ``X-Forwarded-Proto: https`` → Django's SECURE_PROXY_SSL_HEADER."""
    name, _colon, expected = value.partition(":")
    if not name.strip():
        return None
    return ("HTTP_" + name.strip().upper().replace("-", "_"), expected.strip() or "https")


def data_dir() -> Path:
    """Where all state lives: the database, uploaded evidence, generated letters."""
    return Path(env_str("RECORDRIGHT_DATA_DIR", "./data")).expanduser().resolve()


def key_file() -> Path:
    """The master key lives apart from the data, in the user's config directory."""
    default = Path(platformdirs.user_config_dir("recordright")) / "master.key"
    return Path(env_str("RECORDRIGHT_KEY_FILE", str(default))).expanduser()


DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def site_address_file() -> Path:
    """Where ``recordright run`` notes the address it serves on, so commands run beside it
    (``remind`` from cron, ``share``) link to the same place."""
    return data_dir() / "site-address"


def site_url() -> str:
    """The address people use: RECORDRIGHT_SITE_URL, else what ``recordright run`` noted,
    else the default. Reading only: importing the settings writes nothing."""
    configured = env_str("RECORDRIGHT_SITE_URL", "")
    if not configured:
        try:
            configured = site_address_file().read_text(encoding="utf-8").strip()
        except OSError:
            configured = ""
    return (configured or DEFAULT_SITE_URL).rstrip("/")
