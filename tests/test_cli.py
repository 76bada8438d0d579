"""The command line, run as a user runs it: a real process, real files, exit codes and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "newsprism.cli", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True, text=True, env=full_env, timeout=300,
    )


def test_version_and_help() -> None:
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("newsprism ")
    helped = run("--help")
    assert helped.returncode == 0 and "analyze" in helped.stdout and "Exit codes" in helped.stdout
    sub = run("analyze", "--help")
    assert sub.returncode == 0 and "--format" in sub.stdout and "stdin" in sub.stdout


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    nofile = run("analyze")
    assert nofile.returncode == 2 and "error" in nofile.stderr
    badfmt = run("analyze", "--format", "xml", str(DATA / "marker_story.txt"))
    assert badfmt.returncode == 2
    unknown_task = run("eval", "nonsense")
    assert unknown_task.returncode == 2 and "unknown eval task" in unknown_task.stderr


def test_analyze_json_record_fields(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = run("analyze", "--no-nlp", "--format", "json", "-o", str(out),
              str(EXAMPLES / "blinken-lavrov-afp.txt"), str(EXAMPLES / "blinken-lavrov-ru-state.txt"))
    assert res.returncode == 0, res.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    assert all(r["schema"] == "newsprism.analysis/1" for r in records)
    art = records[0]["article"]
    assert set(art) == {"id", "source", "agency", "author", "title", "url", "published", "language", "text"}
    assert (art["source"], art["agency"], art["published"]) == ("The Moscow Times", "AFP", "2022-07-29")
    assert records[1]["article"]["published"] == "2022-07-29" and records[1]["article"]["source"] is None


def test_bad_inputs_named_rest_written(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\xff" * 100)
    out = tmp_path / "out.jsonl"
    res = run("analyze", "--no-nlp", "--format", "json", "-o", str(out),
              str(empty), str(DATA / "marker_story.txt"), str(binary), str(DATA / "page.html"))
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"newsprism: {empty}: ") and "empty" in lines[0]
    assert lines[1].startswith(f"newsprism: {binary}: ") and "binary" in lines[1]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_all_inputs_bad_exit_1(tmp_path: Path) -> None:
    res = run("analyze", "--no-nlp", str(tmp_path / "missing.txt"))
    assert res.returncode == 1 and "missing.txt: file not found" in res.stderr


def test_stdin_markdown_report() -> None:
    res = run("analyze", "--no-nlp", "-", stdin=(DATA / "wire_story.md").read_bytes())
    assert res.returncode == 0, res.stderr
    assert "# Harbour Bridge Reopens" in res.stdout and "**Agency:** Reuters" in res.stdout


def test_size_limit_from_environment(tmp_path: Path) -> None:
    res = run("analyze", "--no-nlp", str(DATA / "page.html"), env={"NEWSPRISM_MAX_INPUT_BYTES": "100"})
    assert res.returncode == 1 and "limit" in res.stderr


def test_config_file_errors_are_usage_errors(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("max_input_bytes = 'lots'\n", encoding="utf-8")
    res = run("--config", str(cfg), "analyze", "--no-nlp", str(DATA / "page.html"))
    assert res.returncode == 2 and "max_input_bytes" in res.stderr
    res = run("--config", str(tmp_path / "none.toml"), "analyze", "--no-nlp", str(DATA / "page.html"))
    assert res.returncode == 2 and "not found" in res.stderr


def test_output_write_is_atomic_and_keeps_old_file_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    res = run("analyze", "--no-nlp", "--format", "json", "-o", str(out), str(tmp_path / "missing.txt"))
    assert res.returncode == 1
    # Nothing read: the output holds the (empty) result of this run, written whole.
    assert out.read_text(encoding="utf-8") == ""
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_python_api_matches_cli(fmt: str) -> None:
    import newsprism

    batch = newsprism.analyze([EXAMPLES / "blinken-lavrov-afp.txt", "Not a file but a text: talks resumed."],
                              options=_no_nlp())
    assert len(batch) == 2 and batch.errors == []
    assert batch[0].article.agency == "AFP"
    assert batch[1].article.origin == "<text>"


def _no_nlp() -> object:
    from newsprism.analysis import AnalyzeOptions

    return AnalyzeOptions(nlp=False, embeddings=False)
