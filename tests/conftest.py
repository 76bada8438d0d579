"""What every test shares: a run that never touches the user's configuration, environment or cache,
and the Hypothesis profiles of the fuzz tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture(scope="session", autouse=True)
def hermetic_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the configuration and cache folders at temporary ones and remove every ``NEWSPRISM_*`` variable.

    Session-scoped, so module- and session-scoped fixtures (which pytest sets up before any
    function-scoped one) run hermetic too, and so the whole run shares one embedding cache: it
    starts empty (nothing of the user's is read) and is filled once, which keeps the suite as fast
    as with a warm cache. Subprocesses (the CLI tests) inherit the same environment. A test that
    sets a variable with ``monkeypatch`` gets this environment back afterwards.

    Yields:
        The temporary folder that holds ``config/`` (``XDG_CONFIG_HOME``) and ``cache/``
        (``XDG_CACHE_HOME``).
    """
    home = tmp_path_factory.mktemp("xdg")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(home / "config"))
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        for var in list(os.environ):
            if var.startswith("NEWSPRISM_"):
                mp.delenv(var)
        yield home
