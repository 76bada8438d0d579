"""The dataset-derived models live in newsprism-models; newsprism holds Apache-2.0 material only.

With the package installed (the normal case) everything reads from it. Without it newsprism runs
degraded and says so: that is tested for real, in a ``python`` process whose import system cannot
find ``newsprism_models`` (a finder first on ``sys.meta_path`` that answers as for a package that
is not installed), running the command line as a user does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import newsprism_models
import numpy as np
import pytest

from newsprism import _models
from newsprism.comparison.pairs import (
    FALLBACK_ALIGN_COSINE,
    FALLBACK_EQUIVALENT_COSINE,
    FALLBACK_POSSIBLE_COSINE,
    cosine_only_model,
    load_pair_model,
    pair_model,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MODEL_FILES = {"event_pair_model.json", "loaded_model.json", "loaded_spans.json", "loaded_spans.npz", "pair_model.json"}
INSTALL = "pip install ./models"

# Runs the newsprism command line in a process where ``import newsprism_models`` fails as it does
# when the package is not installed (ModuleNotFoundError naming it), whatever the install mode.
WITHOUT_MODELS = """
import sys

class NotInstalled:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "newsprism_models":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NotInstalled())
from newsprism.cli import main
sys.exit(main(sys.argv[1:]))
"""

# Two reports written for this test: one sentence told in nearly the same words by both, one pair
# on the same subject in other words, a loaded word in the first.
REPORT_A = """Warehouse fire forces evacuations in Marlow

Firefighters in Marlow evacuated 40 homes on Tuesday after a warehouse fire spread to a nearby street.
The blaze started shortly after noon in a storage building owned by a furniture company.
Residents described the council's response as disgraceful.
Officials said no one was injured.
"""
REPORT_B = """Homes evacuated as fire spreads in Marlow

Firefighters in Marlow evacuated 40 homes on Tuesday after a fire at a warehouse spread to a nearby street.
A spokesman for the fire service said crews worked through the night.
The town's mayor promised an inquiry into the safety of industrial sites.
Schools in the area will stay closed until Thursday.
"""


def without_models(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_MODELS, *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


# -- the split -------------------------------------------------------------------------------------


def test_newsprism_holds_no_model_file_and_newsprism_models_holds_them_all() -> None:
    in_newsprism = {p.name for p in (ROOT / "src/newsprism").rglob("*") if p.name in MODEL_FILES}
    assert not in_newsprism
    assert not list((ROOT / "src/newsprism").rglob("*.npz"))
    assert set(newsprism_models.FILES) == MODEL_FILES == set(newsprism_models.LICENCES)
    for name in MODEL_FILES:
        path = newsprism_models.path(name)
        # The installed package serves this repository's files (a stale install would not).
        assert path.is_file() and path.read_bytes() == (ROOT / "models/newsprism_models" / name).read_bytes()
        assert _models.model_path(name) == path
    with pytest.raises(KeyError, match="no file"):
        newsprism_models.path("lexicon.tsv")


def test_metadata_tells_each_package_licence_and_pins_one_version() -> None:
    core = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    models = tomllib.loads((ROOT / "models/pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert core["license"] == "Apache-2.0"
    assert core["optional-dependencies"]["models"] == [f"newsprism-models=={models['version']}"]
    assert models["version"] == newsprism_models.__version__
    terms = set(models["license"].split(" AND "))
    assert terms == {"Apache-2.0", "AGPL-3.0-only", "LicenseRef-Research-Use", "CC-BY-3.0"}
    for term in terms:  # every term has its text
        assert (ROOT / "models/LICENSES" / f"{term}.txt").is_file(), term
    for name, expression in newsprism_models.LICENCES.items():
        assert set(expression.split(" AND ")) <= terms, name
    assert core["version"].startswith("0.1.") and newsprism_models.NEWSPRISM == ">=0.1.0,<0.2"


def test_notice_names_each_file_its_dataset_and_terms() -> None:
    notice = (ROOT / "models/LICENSE").read_text(encoding="utf-8")
    for name, datasets in {"loaded_model.json": ("BABE",), "loaded_spans.json": ("PTC", "BABE"),
                           "loaded_spans.npz": ("PTC", "BABE"), "pair_model.json": ("MSRP", "ECB+", "WMT")}.items():
        section = notice.split(f"newsprism_models/{name}", 1)[1].split("\nnewsprism_models/", 1)[0]
        for dataset in datasets:
            assert dataset in section, (name, dataset)
        for term in newsprism_models.LICENCES[name].split(" AND "):
            assert term in section, (name, term)
    assert "Cybulska" in notice and "Vossen" in notice  # CC BY 3.0 attribution


def test_each_model_file_records_its_data_and_licence() -> None:
    sentence = json.loads(newsprism_models.path("loaded_model.json").read_text(encoding="utf-8"))
    spans = json.loads(newsprism_models.path("loaded_spans.json").read_text(encoding="utf-8"))
    pairs = json.loads(newsprism_models.path("pair_model.json").read_text(encoding="utf-8"))
    assert "BABE" in sentence["provenance"]["dataset"] and "AGPL-3.0" in sentence["licence"]
    assert "PTC" in spans["provenance"]["dataset"] and "BABE" in spans["provenance"]["dataset"]
    names = {d["name"] for d in pairs["provenance"]["datasets"]}
    assert {"MSRP", "ECB+"} <= names and any(n.startswith("WMT") for n in names)


def _wheel(project: Path, out: Path) -> zipfile.ZipFile:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "--quiet", "--disable-pip-version-check", "-w", str(out), str(project)],
                   check=True, capture_output=True, timeout=300)
    return zipfile.ZipFile(next(out.glob("*.whl")))


def _metadata(wheel: zipfile.ZipFile) -> str:
    return wheel.read(next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))).decode()


def test_built_wheels_hold_what_their_licences_say(tmp_path: Path) -> None:
    setuptools = pytest.importorskip("setuptools")
    if int(setuptools.__version__.split(".")[0]) < 77:
        pytest.skip("building needs setuptools >= 77 (PEP 639 licence expressions) in this environment")
    # Build from copies: setuptools writes build/ and *.egg-info beside the sources.
    core, models = tmp_path / "core", tmp_path / "models"
    core.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, core / name)
    shutil.copytree(ROOT / "src", core / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "models", models, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"))

    wheel = _wheel(core, tmp_path / "w1")
    names = wheel.namelist()
    assert not [n for n in names if Path(n).name in MODEL_FILES or n.endswith(".npz")]
    assert "newsprism/lexicons/loaded_en.tsv" in names
    meta = _metadata(wheel)
    assert "License-Expression: Apache-2.0\n" in meta and 'Requires-Dist: newsprism-models==0.1.8; extra == "models"' in meta

    wheel = _wheel(models, tmp_path / "w2")
    names = wheel.namelist()
    assert {f"newsprism_models/{n}" for n in MODEL_FILES} <= set(names)
    assert not [n for n in names if n.startswith("newsprism/")]
    meta = _metadata(wheel)
    assert "License-Expression: Apache-2.0 AND AGPL-3.0-only AND LicenseRef-Research-Use AND CC-BY-3.0" in meta
    assert sum(n.endswith((".txt", "LICENSE")) and "/licenses/" in n for n in names) == 5


# -- the fallback alignment rule -------------------------------------------------------------------


def test_with_the_package_compare_uses_the_fitted_pair_model() -> None:
    assert _models.available()
    assert pair_model() is load_pair_model()
    assert pair_model().provenance.get("datasets")


def test_cosine_only_rule_is_hand_set_and_stricter_than_the_fitted_fallback() -> None:
    rule = cosine_only_model()
    assert rule.provenance["datasets"] == [] and "set by hand" in rule.provenance["rule"]
    cos = np.array([[0.80], [FALLBACK_POSSIBLE_COSINE], [0.94], [FALLBACK_ALIGN_COSINE], [0.96], [0.98]])
    aligned, equivalent = rule.fallback_aligned(cos), rule.fallback_equivalent(cos)
    assert np.all(np.diff(aligned) > 0)
    assert aligned[3] == pytest.approx(0.5) and aligned[2] < 0.5 < aligned[4]
    assert equivalent[4] < 0.5 < equivalent[5]  # 0.95-0.97: partial; above: paraphrase or same
    assert aligned[1] == pytest.approx(rule.possible_score) and rule.cosine_floor == FALLBACK_POSSIBLE_COSINE
    assert FALLBACK_POSSIBLE_COSINE < FALLBACK_ALIGN_COSINE < FALLBACK_EQUIVALENT_COSINE
    # The full heads are the same rule: the cosine decides alone, whatever the other features say.
    x = np.zeros((2, len(rule.aligned.weights)))
    x[:, 0] = [0.96, 0.96]
    x[1, 1:] = 1.0
    assert rule.aligned(x)[0] == rule.aligned(x)[1] == pytest.approx(rule.fallback_aligned(np.array([[0.96]]))[0])
    # A pair the fitted model's own cosine-only head would align is not aligned here.
    fitted = load_pair_model().fallback_aligned
    for c in (0.94, 0.945):
        assert fitted(np.array([[c]]))[0] >= 0.5 > rule.fallback_aligned(np.array([[c]]))[0]


# -- without newsprism-models, for real ------------------------------------------------------------


def _degraded_note(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "newsprism-models is not installed" in line]


def test_without_the_package_compare_runs_degraded_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "example.json"
    res = without_models("compare", str(EXAMPLES / "blinken-lavrov-afp.txt"),
                         str(EXAMPLES / "blinken-lavrov-ru-state.txt"), "--format", "json", "-o", str(out))
    assert res.returncode == 0, res.stderr
    note = _degraded_note(res.stderr)
    assert len(note) == 1 and INSTALL in note[0] and "lexicon" in note[0] and "cosine" in note[0]
    report = json.loads(out.read_text(encoding="utf-8"))
    loaded = [f for f in report["findings"] if f["type"] == "loaded_language"]
    assert loaded and not [f for f in loaded if f["data"].get("learned")]  # lexicon hits, no tagger
    assert all(f["data"]["sentence_score"] is None for f in loaded)  # no sentence model
    assert "newsprism_models" not in out.read_text(encoding="utf-8")
    # The same comparison with the package: tagger hits and sentence scores are back.
    res = subprocess.run([sys.executable, "-m", "newsprism.cli", "compare", str(EXAMPLES / "blinken-lavrov-afp.txt"),
                          str(EXAMPLES / "blinken-lavrov-ru-state.txt"), "--format", "json"],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert res.returncode == 0 and not _degraded_note(res.stderr)
    full = [f for f in json.loads(res.stdout)["findings"] if f["type"] == "loaded_language"]
    assert all(isinstance(f["data"]["sentence_score"], float) for f in full if not f["data"].get("learned"))
    # The tagger's words are in the analysis (the finding lists only its surest ones).
    res = subprocess.run([sys.executable, "-m", "newsprism.cli", "analyze", str(EXAMPLES / "blinken-lavrov-afp.txt"),
                          "--format", "json"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert res.returncode == 0
    assert any(h["learned"] for h in json.loads(res.stdout)["loaded"])


def test_without_the_package_statements_align_by_the_cosine_rule(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(REPORT_A, encoding="utf-8")
    b.write_text(REPORT_B, encoding="utf-8")
    res = without_models("compare", str(a), str(b), "--format", "json")
    assert res.returncode == 0, res.stderr
    assert len(_degraded_note(res.stderr)) == 1
    report = json.loads(res.stdout)
    text = {st["id"]: st["text"] for st in report["statements"]}
    assert len(report["alignments"]) == 1
    al = report["alignments"][0]
    assert {text[s].split(" after ")[0] for s in al["statement_ids"]} == {"Firefighters in Marlow evacuated 40 homes on Tuesday"}
    # Score = sigmoid(20 x (cosine - 0.95)): at least 0.5, at most 0.73 (identical statements).
    assert 0.5 <= al["score"] <= 0.731 and al["relation"] in ("same", "paraphrase")
    loaded = [f for f in report["findings"] if f["type"] == "loaded_language"]
    assert [f["data"]["term"] for f in loaded] == ["disgraceful"]


def test_without_the_package_the_eval_of_the_models_names_the_install_command(tmp_path: Path) -> None:
    for task in ("align", "loaded"):
        res = without_models("eval", task, "--data", str(tmp_path))
        assert res.returncode == 2, (task, res.stderr)
        assert f"newsprism eval {task} needs" in res.stderr and INSTALL in res.stderr, res.stderr
