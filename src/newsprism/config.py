"""Configuration: defaults, overridden by a TOML file, overridden by ``NEWSPRISM_*`` variables.

The file is ``~/.config/newsprism/config.toml`` (``$XDG_CONFIG_HOME`` honoured) or the one given
with ``--config``. Every key is a field of :class:`Config`; the matching environment variable is
the key upper-cased with a ``NEWSPRISM_`` prefix (``max_input_bytes`` -> ``NEWSPRISM_MAX_INPUT_BYTES``).

Example ``config.toml``::

    max_input_bytes = 5_000_000
    cache_dir = "/var/cache/newsprism"
    embeddings = true
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.errors import ConfigError

__all__ = ["Config", "default_cache_dir", "default_config_path", "load_config"]


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def default_config_path() -> Path:
    """Return the default configuration file path (``$XDG_CONFIG_HOME/newsprism/config.toml``)."""
    return _xdg("XDG_CONFIG_HOME", ".config") / "newsprism" / "config.toml"


def default_cache_dir() -> Path:
    """Return the default cache directory (``$XDG_CACHE_HOME/newsprism``)."""
    return _xdg("XDG_CACHE_HOME", ".cache") / "newsprism"


@dataclass(frozen=True, slots=True)
class Config:
    """Settings of one run.

    Attributes:
        max_input_bytes: Inputs larger than this are refused (10 MB by default).
        cache_dir: Where embeddings are cached; empty string means the default
            (``$XDG_CACHE_HOME/newsprism``).
        embeddings: Whether ``analyze`` computes statement embeddings.
        embed_cache: Whether embeddings are cached on disk.
        data_dir: Where ``newsprism eval`` looks for the research datasets.
        allow_private_addresses: Let ``ingest --fetch`` reach loopback, private, link-local and
            other non-public addresses (cloud metadata addresses stay refused).
        allowed_networks: Non-public networks ``--fetch`` may reach even without
            ``allow_private_addresses``: comma-separated addresses or CIDR blocks ("10.1.0.0/16").
        fetch_timeout: Seconds a fetch may take: each connect or read, and the whole body.
        fetch_max_redirects: Redirects followed per URL before giving up.
    """

    max_input_bytes: int = 10_000_000
    cache_dir: str = ""
    embeddings: bool = True
    embed_cache: bool = True
    data_dir: str = "../shared/data"
    allow_private_addresses: bool = False
    allowed_networks: str = ""
    fetch_timeout: float = 20.0
    fetch_max_redirects: int = 5

    @property
    def cache_path(self) -> Path:
        """The cache directory as a path, defaults resolved."""
        return Path(self.cache_dir).expanduser() if self.cache_dir else default_cache_dir()

    def replace(self, **changes: Any) -> Config:
        """Return a copy with some fields changed."""
        return dataclasses.replace(self, **changes)


def _coerce(name: str, raw: Any, kind: type, where: str) -> Any:
    """Turn a TOML or environment value into the field's type, or raise ConfigError."""
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
    elif kind is int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str):
            try:
                return int(raw.replace("_", ""))
            except ValueError:
                pass
    elif kind is float:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return float(raw)
        if isinstance(raw, str):
            try:
                return float(raw.replace("_", ""))
            except ValueError:
                pass
    elif kind is str and isinstance(raw, str):
        return raw
    raise ConfigError(f"{where}: {name} must be {kind.__name__}, got {raw!r}")


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Load the configuration.

    Args:
        path: A TOML file. ``None`` reads the default file if it exists; an explicit path that
            does not exist is an error.
        env: Environment to read ``NEWSPRISM_*`` overrides from (default ``os.environ``).

    Returns:
        The resolved :class:`Config`.

    Raises:
        ConfigError: The file is missing (when given explicitly), is not valid TOML, names an
            unknown key, or a value has the wrong type.
    """
    env = dict(os.environ) if env is None else env
    types = {"max_input_bytes": int, "cache_dir": str, "embeddings": bool, "embed_cache": bool, "data_dir": str,
             "allow_private_addresses": bool, "allowed_networks": str, "fetch_timeout": float,
             "fetch_max_redirects": int}
    values: dict[str, Any] = {}
    file = Path(path) if path is not None else default_config_path()
    if path is not None and not file.is_file():
        raise ConfigError(f"{file}: configuration file not found")
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ConfigError(f"{file}: not valid TOML: {err}") from None
        for key, raw in data.items():
            if key not in types:
                raise ConfigError(f"{file}: unknown setting {key!r} (known: {', '.join(sorted(types))})")
            values[key] = _coerce(key, raw, types[key], str(file))
    for key, kind in types.items():
        var = "NEWSPRISM_" + key.upper()
        if var in env:
            values[key] = _coerce(key, env[var], kind, var)
    cfg = Config(**values)
    if cfg.max_input_bytes <= 0:
        raise ConfigError(f"max_input_bytes must be positive, got {cfg.max_input_bytes}")
    for part in filter(None, (p.strip() for p in cfg.allowed_networks.split(","))):
        try:
            ipaddress.ip_network(part, strict=False)
        except ValueError:
            raise ConfigError(f"allowed_networks: not an address or CIDR block: {part!r}") from None
    if not cfg.fetch_timeout > 0:
        raise ConfigError(f"fetch_timeout must be positive, got {cfg.fetch_timeout}")
    if cfg.fetch_max_redirects < 0:
        raise ConfigError(f"fetch_max_redirects must be 0 or more, got {cfg.fetch_max_redirects}")
    return cfg
