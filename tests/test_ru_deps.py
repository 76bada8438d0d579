"""The Russian stack installs and imports on this Python: pymorphy3 stands in for pymorphy2."""

import subprocess
import sys


def test_shim_makes_natasha_import_in_a_fresh_interpreter():
    code = (
        "from newsprism.analysis.ru import _shim; _shim.install(); import pymorphy2, pymorphy3;"
        "import pymorphy2.analyzer as a; assert pymorphy2 is pymorphy3, pymorphy2;"
        "assert a.MorphAnalyzer is pymorphy3.MorphAnalyzer; import natasha, yargy; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_models_ship_in_the_wheel_and_normalise_names():
    from newsprism.analysis.ru._natasha import models

    m = models()  # installs the shim, so natasha can be imported after it
    from natasha import Doc

    doc = Doc("В Москве глава Минобороны встретился с министром иностранных дел Сергеем Лавровым.")
    doc.segment(m.segmenter)
    doc.tag_morph(m.morph_tagger)
    doc.tag_ner(m.ner_tagger)
    for span in doc.spans:
        span.normalize(m.morph_vocab)
    assert "Сергей Лавров" in {s.normal for s in doc.spans if s.type == "PER"}


def test_ukrainian_dictionary_is_installed():
    from newsprism.analysis.ru._natasha import morph

    assert morph("uk").parse("міністра")[0].normal_form == "міністр"


def test_natasha_runs_numpy_on_one_blas_thread_and_restores_the_setting():
    import numpy as np

    from newsprism.analysis.ru import _blas

    controls = _blas._controls()
    if controls is None:  # numpy on another BLAS: the block changes nothing, and must still run
        with _blas.one_blas_thread():
            assert float(np.ones((2, 2)) @ np.ones(2) @ np.ones(2)) == 4.0
        return
    get = controls[0]
    before = get()
    with _blas.one_blas_thread():
        assert get() == 1
        with _blas.one_blas_thread():  # nested: the inner block leaves the outer one's setting
            assert get() == 1
        assert get() == 1
    assert get() == before
