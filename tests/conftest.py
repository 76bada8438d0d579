"""What every test shares: a run that never touches the user's configuration, environment or cache,
and the Hypothesis profiles of the fuzz tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Fuzz budgets (tests/test_fuzz.py). "ci", the default: a fixed, seeded set of inputs (the same on
# every run, no example database written), sized so the fuzz file stays well under two minutes on
# two cores. "long": fresh random inputs each run, 20 times as many, with the example database in
# .hypothesis/ so that a failure found once is replayed first next time:
#     pytest tests/test_fuzz.py --hypothesis-profile=long --hypothesis-show-statistics
# Deadlines are off in both: the machine is shared, and a hang is caught by the input sizes
# (bounded) and by the suite's wall time, not by a per-example timer.
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
           "print_blob": True}
settings.register_profile("ci", derandomize=True, database=None, **_COMMON)
settings.register_profile("long", **_COMMON)
settings.load_profile("ci")  # --hypothesis-profile=long, given on the command line, loads after this


@dataclass(frozen=True, slots=True)
class Hermetic:
    """Where a test run keeps its configuration and cache folders."""

    config_home: Path  # XDG_CONFIG_HOME: an empty temporary folder, so no configuration file is read
    cache_home: Path  # XDG_CACHE_HOME: the project's own test cache, never the user's


@pytest.fixture(scope="session", autouse=True)
def hermetic_environment(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hermetic]:
    """Point the configuration and cache folders away from the user's and remove every ``NEWSPRISM_*`` variable.

    Session-scoped, so module- and session-scoped fixtures (which pytest sets up before any
    function-scoped one) run hermetic too. Subprocesses (the CLI tests) inherit the same
    environment; a test that sets a variable with ``monkeypatch`` gets this one back afterwards.

    The configuration folder is a new temporary one. The embedding cache lives in pytest's own
    cache of this project (``.pytest_cache/d/newsprism-xdg-cache``): nothing of the user's is
    read or written, and the second run does not embed again what the first did (from an empty
    cache the suite spends ~40 s more CPU, mostly on the loaded-language tagger's words). Its
    entries are keyed by model, prefix and text, so a reused entry is what the model computes.
    ``pytest --cache-clear`` (or ``-p no:cacheprovider``, which gives a temporary one) runs cold.

    Yields:
        The two folders.
    """
    cache = getattr(request.config, "cache", None)
    folders = Hermetic(config_home=tmp_path_factory.mktemp("xdg-config"),
                       cache_home=cache.mkdir("newsprism-xdg-cache") if cache is not None
                       else tmp_path_factory.mktemp("xdg-cache"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(folders.config_home))
        mp.setenv("XDG_CACHE_HOME", str(folders.cache_home))
        for var in list(os.environ):
            if var.startswith("NEWSPRISM_"):
                mp.delenv(var)
        yield folders
