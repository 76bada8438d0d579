"""Atomic writes keep the mode a new file or the replaced file would have."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from newsprism._io import write_atomic


def test_a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        new = tmp_path / "report.html"
        write_atomic(new, "<p>x</p>")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644  # not mkstemp's private 0600
        new.chmod(0o640)
        write_atomic(new, b"again")
        assert stat.S_IMODE(new.stat().st_mode) == 0o640 and new.read_bytes() == b"again"
    finally:
        os.umask(old)
