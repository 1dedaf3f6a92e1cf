"""The thinc operations the parse model runs on: numpy's, with a maxout for prediction only.

thinc's ``NumpyOps.maxout`` walks every unit of its input in a compiled loop, comparing the pieces one by
one for the largest and recording which it was (the backward pass needs that; the coder never trains):
~180 µs for the 400x96x3 output of one of the tok2vec's five maxout layers. ``PredictOps.maxout`` takes the
elementwise maximum over the pieces with numpy (~26 µs): the same value in every unit, since the largest
of the pieces is the largest whichever way it is found (tests/unit/test_coder_predict_ops.py compares the
tok2vec's output bit for bit with thinc's on the dev gold sentences). ``which`` comes back empty.
"""

from __future__ import annotations

import numpy
from thinc.api import NumpyOps


class PredictOps(NumpyOps):
    """``NumpyOps`` (its matrix products through numpy's BLAS when ``use_blis`` is off) with a maxout for
    prediction: the maximum over the last axis, and no argmax."""

    def maxout(self, X: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        best = numpy.maximum(X[..., 0], X[..., 1]) if X.shape[-1] > 1 else X[..., 0].copy()
        for piece in range(2, X.shape[-1]):
            numpy.maximum(best, X[..., piece], out=best)
        return best, numpy.zeros((0,), dtype="int32")
