"""The parse model's maxout for prediction (brink/coder/predict_ops.py) gives thinc's values, bit for bit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

from brink.coder.parse import load_model
from brink.coder.predict_ops import PredictOps

DEV = Path(__file__).resolve().parents[2] / "tests" / "gold" / "dev"


def test_the_maxout_is_the_largest_piece_of_each_unit() -> None:
    X = numpy.array([[[1.0, 3.0, 2.0], [-1.0, -0.5, -2.0]], [[0.0, 0.0, 0.0], [5.0, 4.0, 5.0]]], dtype="f")
    best, which = PredictOps().maxout(X)
    assert best.tolist() == [[3.0, -0.5], [0.0, 5.0]]
    assert best.dtype == numpy.float32 and best.flags.c_contiguous
    assert which.size == 0  # no argmax: prediction only
    two, _ = PredictOps().maxout(X[..., 1:])
    assert two.tolist() == [[3.0, -0.5], [0.0, 5.0]]
    one, _ = PredictOps().maxout(X[..., :1])
    assert one.tolist() == [[1.0, -1.0], [0.0, 5.0]]


def test_random_units_get_thincs_values_bit_for_bit() -> None:
    X = numpy.random.default_rng(7).standard_normal((300, 96, 3)).astype("f")
    X[0, :, 1] = X[0, :, 0]  # ties
    ours, _ = PredictOps().maxout(X)
    thincs, _ = NumpyOps().maxout(X)
    assert numpy.array_equal(ours.view("uint32"), thincs.view("uint32"))


def test_the_tok2vec_output_is_thincs_on_the_dev_sentences() -> None:
    nlp = load_model()
    tok2vec = nlp.get_pipe("tok2vec").model  # type: ignore[attr-defined]
    nodes = list(tok2vec.walk())
    assert all(isinstance(n.ops, PredictOps) for n in nodes)
    texts = [
        json.loads(line)["sentence"]
        for path in sorted(DEV.glob("sentences*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    docs = [nlp.make_doc(t) for t in texts]
    with threadpool_limits(limits=1, user_api="blas"):
        ours = [tok2vec.predict(docs[i : i + 64]) for i in range(0, len(docs), 64)]
        loaded = [n.ops for n in nodes]
        thincs_ops = NumpyOps(use_blis=False)  # (thinc's maxout, the same matrix products)
        try:
            for n in nodes:
                n.ops = thincs_ops
            thincs = [tok2vec.predict(docs[i : i + 64]) for i in range(0, len(docs), 64)]
        finally:
            for n, ops in zip(nodes, loaded, strict=True):
                n.ops = ops
    assert len(texts) > 900
    for mine, theirs in zip(ours, thincs, strict=True):
        for a, b in zip(mine, theirs, strict=True):
            assert numpy.array_equal(a.view("uint32"), b.view("uint32"))
