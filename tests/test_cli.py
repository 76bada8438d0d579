"""The command line, run as a user runs it: real files, exit codes and messages.

Most tests run ``newsprism.cli.main`` in this process (what the ``newsprism`` script calls); the
``run`` helper starts a real ``python -m newsprism.cli`` process.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.cli import main

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"
TOO_FEW = "newsprism: error: compare needs at least two articles about the same event"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    """Run the command in this process: exit code, stdout, stderr lines."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


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


def test_eval_help_names_every_task(capsys: pytest.CaptureFixture[str]) -> None:
    from newsprism.eval import TASKS

    code = main(["eval", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert code == 0
    assert [t for t in TASKS if f"{t} (" not in out] == []


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
    assert set(art) == {"id", "source", "agency", "author", "title", "url", "published", "language", "text",
                        "furniture"}
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


def test_output_left_as_it_was_when_every_input_fails(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    res = run("analyze", "--no-nlp", "--format", "json", "-o", str(out), str(tmp_path / "missing.txt"))
    assert res.returncode == 1 and "missing.txt: file not found" in res.stderr
    # Nothing read, nothing written: the old file is untouched and no temporary file is left.
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_compare_leaves_output_as_it_was_on_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cmp.json"
    out.write_text("previous\n", encoding="utf-8")
    code, stdout, _ = cli(capsys, "compare", str(DATA / "marker_story.txt"), str(tmp_path / "gone.txt"),
                          "-o", str(out))
    assert code == 2 and stdout == ""
    assert out.read_text(encoding="utf-8") == "previous\n"


# --- every argument is a path; failed inputs are named before the usage error ---------------------


def test_mistyped_path_or_directory_is_named_not_read_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    code, stdout, err = cli(capsys, "analyze", "--no-nlp", "reports/day1")
    assert (code, stdout, err) == (1, "", ["newsprism: reports/day1: file not found"])
    code, stdout, err = cli(capsys, "analyze", "--no-nlp", "reports")
    assert (code, stdout, err) == (1, "", ["newsprism: reports: is a directory, not a file"])
    # A readable file next to them is still analysed, and the exit code says something failed.
    code, stdout, err = cli(capsys, "analyze", "--no-nlp", "reports", str(DATA / "marker_story.txt"))
    assert code == 1 and err == ["newsprism: reports: is a directory, not a file"]
    assert "The harbour bridge reopened" in stdout


def test_a_file_name_cannot_break_or_drive_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "analyze", "--no-nlp", str(tmp_path / "tab\there\x1b[31m\r.txt"))
    assert code == 1 and err == [f"newsprism: {tmp_path}/tab\\x09here\\x1b[31m\\x0d.txt: file not found"]


@pytest.mark.parametrize("bad", ["My Reprot.txt", "empty.txt", "folder"])
def test_compare_names_the_failed_input_then_the_usage_error(
        bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    problem = {"My Reprot.txt": "file not found", "empty.txt": "empty (no text)",
               "folder": "is a directory, not a file"}[bad]
    code, stdout, err = cli(capsys, "compare", str(DATA / "marker_story.txt"), bad)
    assert code == 2 and stdout == ""
    assert err == [f"newsprism: {bad}: {problem}", f"{TOO_FEW} (got one)"]


def test_compare_with_every_input_failed_names_each(tmp_path: Path) -> None:
    res = run("compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))  # a real process, once
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.splitlines() == [f"newsprism: {tmp_path / 'a.txt'}: file not found",
                                       f"newsprism: {tmp_path / 'b.txt'}: file not found", f"{TOO_FEW} (got none)"]


def test_compare_counts_articles_after_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # One JSONL file of three articles (and two bad lines) is three articles.
    out = tmp_path / "cmp.json"
    batch = DATA / "batch.jsonl"
    code, _, err = cli(capsys, "compare", str(batch), "-o", str(out))
    assert code == 1
    assert err[:2] == [f"newsprism: {batch}:3: invalid JSON (Expecting value at column 1)",
                       f"newsprism: {batch}:4: no 'text' field with article text"]
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == 3
    # Two files that hold one article between them are one.
    one = tmp_path / "one.jsonl"
    one.write_text('{"text": "The bridge reopened on Friday after two years of repairs."}\n', encoding="utf-8")
    code, _, err = cli(capsys, "compare", str(one), str(one))
    assert code == 2 and err == [f"{TOO_FEW} (got one; {one}:1 is the same article as {one}:1)"]


def test_config_before_or_after_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "small.toml"
    cfg.write_text("max_input_bytes = 100\n", encoding="utf-8")
    page = str(DATA / "page.html")
    for args in (("--config", str(cfg), "analyze", "--no-nlp", page), ("analyze", "--config", str(cfg), "--no-nlp", page),
                 ("analyze", "--no-nlp", page, "--config", str(cfg))):
        code, _, err = cli(capsys, *args)
        assert code == 1 and len(err) == 1 and "100-byte limit" in err[0], args
    bad = tmp_path / "bad.toml"
    bad.write_text("max_input_bytes = 'lots'\n", encoding="utf-8")
    code, _, err = cli(capsys, "compare", page, page, "--config", str(bad))
    assert code == 2 and len(err) == 1 and "max_input_bytes" in err[0]


# --- an output that cannot be written: one line, exit 2, nothing else touched -------------------


def test_unwritable_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = str(DATA / "marker_story.txt")
    folder = tmp_path / "folder"
    folder.mkdir()
    code, stdout, err = cli(capsys, "analyze", "--no-nlp", story, "-o", str(folder))
    assert (code, stdout, err) == (2, "", [f"newsprism: error: {folder}: cannot write (is a directory)"])
    afile = tmp_path / "a.txt"
    afile.write_text("keep\n", encoding="utf-8")
    code, _, err = cli(capsys, "compare", story, story, "-o", str(afile / "sub" / "out.json"))
    assert code == 2 and err == [f"newsprism: error: {afile / 'sub' / 'out.json'}: cannot write "
                                 f"({afile} is a file, not a folder)"]
    assert afile.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_in_a_read_only_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = cli(capsys, "analyze", "--no-nlp", str(DATA / "marker_story.txt"), "-o", str(locked / "o.md"))
    finally:
        locked.chmod(0o700)
    assert code == 2 and err == [f"newsprism: error: {locked / 'o.md'}: cannot write (permission denied)"]


def test_write_that_fails_midway_keeps_old_file(tmp_path: Path) -> None:
    # A file-size limit (as a quota or a full disk would) makes the write itself fail, after
    # the work is done: one line, exit 2, the old output intact, no temporary file left.
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    res = subprocess.run([sys.executable, "-m", "newsprism.cli", "analyze", "--no-nlp", "--format", "json",
                          "-o", str(out), str(EXAMPLES / "blinken-lavrov-afp.txt")],
                         capture_output=True, text=True, timeout=300, preexec_fn=limit)
    assert res.returncode == 2
    assert res.stderr.splitlines() == [f"newsprism: error: {out}: cannot write (file too large)"]
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_python_api_text_is_explicit_and_a_str_is_a_path() -> None:
    import newsprism

    batch = newsprism.analyze([EXAMPLES / "blinken-lavrov-afp.txt", newsprism.Text("Not a file but a text: talks resumed."),
                               "Not a file either: this str is a path."], options=_no_nlp())
    assert len(batch) == 2
    assert batch[0].article.agency == "AFP"
    assert batch[1].article.origin == "<text>" and batch[1].article.text.startswith("Not a file but a text")
    assert [str(e) for e in batch.errors] == ["Not a file either: this str is a path.: file not found"]
    art = newsprism.read(newsprism.Text("Talks resumed on Monday.", source="Example Wire", published="2024-05-06"))
    assert art.source == "Example Wire" and art.published is not None and art.published.isoformat() == "2024-05-06"


def test_python_api_usage_error_carries_the_failed_inputs(tmp_path: Path) -> None:
    import newsprism
    from newsprism.errors import EmptyInputError, UsageError

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UsageError) as caught:
        newsprism.compare([DATA / "marker_story.txt", empty])
    err = caught.value
    assert len(err.errors) == 1 and isinstance(err.errors[0], EmptyInputError)
    assert err.message == "compare needs at least two articles about the same event (got one)"
    assert str(err) == f"{err.message} [1 input failed: {empty}: empty (no text)]"


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_python_api_matches_cli(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import newsprism
    from newsprism.render.analysis import analyses_to_json, analysis_to_markdown

    talks = tmp_path / "talks.txt"
    talks.write_text("Talks resumed in Geneva on Monday, the ministry said. “We are ready,” Anna Berg said.\n",
                     encoding="utf-8")
    inputs = [str(EXAMPLES / "blinken-lavrov-afp.txt"), str(talks)]
    code, stdout, err = cli(capsys, "analyze", "--no-embeddings", "--format", fmt, *inputs)
    assert (code, err) == (0, [])
    batch = newsprism.analyze(inputs, embeddings=False)
    assert len(batch) == 2 and batch.errors == []
    assert batch[0].article.agency == "AFP" and batch[1].quotes  # the analysis ran, not only ingest
    # The command prints what the library returns, rendered: the same records, character for character.
    if fmt == "json":
        assert stdout == analyses_to_json(batch)
    else:
        assert stdout.split("\n---\n\n") == [analysis_to_markdown(aa) for aa in batch]


def _no_nlp() -> object:
    from newsprism.analysis import AnalyzeOptions

    return AnalyzeOptions(nlp=False, embeddings=False)
