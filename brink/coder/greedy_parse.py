"""The dependency parser's greedy transition loop, driven from Python: spaCy's arithmetic, not its GIL churn.

spaCy's ``Parser.greedy_parse`` runs its transition loop in compiled code with the GIL released, but the
installed build takes the GIL back for every hidden unit of every state at every step (its maxout's
``Vec.arg_max``: ``PyGILState_Ensure``/``Release`` showed as ~12 % of the coder's CPU time under ``perf``):
~10 µs per transition, more than half of the parser's time. ``GreedyParser`` runs the same steps with the
same compiled pieces, a step for all sentences at once instead of one per state and hidden unit:

- the parser model's own layers give each sentence's token table, per spaCy's sub-batch (the sentences of a
  ``nlp.pipe`` batch sorted by length, a quarter of the batch each), so the matrix products are the ones
  spaCy computes; the sub-batches' tables are laid end to end in one array, one padding row first;
- per step: spaCy's ``get_token_ids`` (the states' feature tokens), its ``precompute_hiddens`` (the same
  ``sum_state_features`` over the table, bias and maxout), the output layer through BLIS's ``sgemm`` as
  spaCy's loop calls it (then its bias), and spaCy's ``transition_states`` (validity, best valid move,
  the move), for the unfinished states of every sub-batch together.

Each sentence's parse depends only on its own rows, so the heads and labels are spaCy's, exactly:
tests/unit/test_coder_greedy_parse.py compares them with spaCy's own parser on the dev gold sentences.
A model with classes it never saw in training (their scores are set per batch) uses spaCy's own loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.ml.parser_model import ParserStepModel, precompute_hiddens
from spacy.pipeline import DependencyParser
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps, set_dropout_rate


class _Table:
    """A stand-in for the parser's lower layer that hands ``precompute_hiddens`` a table already computed
    (the sub-batches' tables end to end); its bias, sizes and ops are the layer's."""

    def __init__(self, table: numpy.ndarray, lower: Model) -> None:
        self.table = table
        self.lower = lower
        self.ops = lower.ops

    def __call__(self, _tokvecs: object, _is_train: bool) -> tuple[numpy.ndarray, None]:
        return self.table, None

    def get_param(self, name: str) -> Any:
        return self.lower.get_param(name)

    def has_dim(self, name: str) -> bool:
        return bool(self.lower.has_dim(name))

    def get_dim(self, name: str) -> int:
        return int(self.lower.get_dim(name))


class GreedyParser:
    """spaCy's ``DependencyParser`` (greedy, beam width 1) with the transition loop of this module."""

    def __init__(self, parser: DependencyParser) -> None:
        self.parser = parser
        model = parser.model
        self.exact = (
            parser.cfg.get("beam_width", 1) == 1
            and bool(model.attrs.get("has_upper"))
            and not model.attrs.get("unseen_classes")
            and model.get_ref("lower").get_dim("nP") >= 2
        )

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        if not self.exact:
            yield from self.parser.pipe(docs, batch_size=batch_size)
            return
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == batch_size:
                self._parse_batch(batch, batch_size)
                yield from batch
                batch = []
        if batch:
            self._parse_batch(batch, batch_size)
            yield from batch

    def _parse_batch(self, batch: list[Doc], batch_size: int) -> None:
        """spaCy's ``Parser.pipe`` for one batch: sorted by length, in sub-batches of a quarter of it."""
        by_length = sorted(batch, key=len)
        size = max(batch_size // 4, 2)
        subs = [by_length[i : i + size] for i in range(0, len(by_length), size)]
        parser = self.parser
        parsed = iter(self._parse([sub for sub in subs if any(len(d) for d in sub)]))
        for sub in subs:  # (a sub-batch of empty texts only is not parsed: spaCy keeps its first states)
            states = [next(parsed) for _ in sub] if any(len(d) for d in sub) else parser.moves.init_batch(sub)
            parser.set_annotations(sub, states)

    def _parse(self, subs: list[list[Doc]]) -> list[Any]:
        """The final states of the sub-batches' documents (in the sub-batches' order), parsed together."""
        if not subs:
            return []
        parser = self.parser
        docs = [d for sub in subs for d in sub]
        parser._ensure_labels_are_added(docs)
        model = parser.model
        set_dropout_rate(model, 0.0)
        tok2vec, lower, upper = model.layers
        table = _table(lower, [tok2vec.predict(sub) for sub in subs])
        batch = parser.moves.init_batch(docs)  # (token offsets run on across the sub-batches, as the table)
        hidden = precompute_hiddens(len(docs), None, _Table(table, lower), activation="maxout")
        weights = upper.get_param("W")
        bias = upper.get_param("b")
        blis = NumpyOps(use_blis=True)  # (its gemm: BLIS's sgemm, as spaCy's loop calls it)
        token_ids = _TokenIds(hidden).of
        states = [s for s in batch if not s.is_final()]
        while states:
            vectors = hidden.predict(token_ids(states))
            scores = blis.gemm(vectors, weights, trans2=True)
            scores += bias
            states = parser.transition_states(states, scores)
        return list(batch)


def _table(lower: Model, tokvecs: list[numpy.ndarray]) -> numpy.ndarray:
    """The lower layer's table for the sub-batches' tokens end to end, after its padding row: its forward
    (spaCy's ``_precomputable_affine``) one product per sub-batch, written in place instead of copied."""
    nF, nO, nP, nI = (lower.get_dim(d) for d in ("nF", "nO", "nP", "nI"))
    table = numpy.empty((1 + sum(len(x) for x in tokvecs), nF * nO * nP), dtype="f")
    weights: Any = lower.get_param("W").reshape((nF * nO * nP, nI))
    ops: Any = lower.ops  # (numpy's BLAS: brink.coder.parse.use_numpy_gemm)
    row = 1
    for x in tokvecs:
        ops.gemm(x, weights, trans2=True, out=table[row : row + len(x)])
        row += len(x)
    shaped = table.reshape((table.shape[0], nF, nO, nP))
    pad: Any = lower.get_param("pad")
    shaped[0] = numpy.squeeze(pad, 0)
    return shaped


class _TokenIds:
    """The states' feature tokens: spaCy's ``ParserStepModel.get_token_ids`` (it reads only ``state2vec``)."""

    def __init__(self, state2vec: precompute_hiddens) -> None:
        self.state2vec = state2vec

    def of(self, states: list[Any]) -> numpy.ndarray:
        ids: numpy.ndarray = ParserStepModel.get_token_ids(self, states)
        return ids
