"""The suite itself: no test reads the user's configuration or environment or writes the user's cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Hermetic
from newsprism.analysis.embed import get_embedder
from newsprism.config import Config, default_cache_dir, default_config_path, load_config

USERS_CACHE = Path.home() / ".cache" / "newsprism"


def test_config_and_cache_point_away_from_the_user_s(hermetic_environment: Hermetic) -> None:
    assert not [var for var in os.environ if var.startswith("NEWSPRISM_")]
    assert default_config_path() == hermetic_environment.config_home / "newsprism" / "config.toml"
    assert not default_config_path().exists()
    assert default_cache_dir() == hermetic_environment.cache_home / "newsprism" != USERS_CACHE
    assert get_embedder(Config()).path.is_relative_to(hermetic_environment.cache_home)  # type: ignore[attr-defined]
    assert load_config() == Config()  # no configuration file: the defaults


def test_a_cli_process_sees_the_same_environment(hermetic_environment: Hermetic) -> None:
    code = "from newsprism.config import default_cache_dir, default_config_path as c; print(c()); print(default_cache_dir())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    config, cache = (Path(line) for line in out.stdout.splitlines())
    assert config.is_relative_to(hermetic_environment.config_home)
    assert cache.is_relative_to(hermetic_environment.cache_home)


def test_a_test_s_own_settings_are_undone_after_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # load_config reads exactly the folder the environment names (so pointing it elsewhere works) ...
    (tmp_path / "newsprism").mkdir()
    (tmp_path / "newsprism" / "config.toml").write_text("max_input_bytes = 1234\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("NEWSPRISM_EMBEDDINGS", "false")
    assert load_config() == Config(max_input_bytes=1234, embeddings=False)


def test_the_previous_test_s_settings_are_gone(hermetic_environment: Hermetic) -> None:
    # ... and monkeypatch gives the next test the run's environment back.
    assert os.environ["XDG_CONFIG_HOME"] == str(hermetic_environment.config_home)
    assert "NEWSPRISM_EMBEDDINGS" not in os.environ and load_config() == Config()
