"""Matrix products of the name model through numpy's OpenBLAS, on one thread.

thinc's CPU ops multiply with BLIS (cython-blis). On the machines Skymma runs on, the BLIS build
on PyPI is three to four times slower than the OpenBLAS bundled with numpy for the products the
name model's tok2vec computes (60,000 x 288 by 288 x 288: 456 ms against 148 ms of CPU, one
thread), which made it half of the model's time. ``use_openblas(nlp)`` gives every thinc layer of a
loaded pipeline ops whose ``gemm`` is ``numpy.matmul``; results agree to float rounding (the same
entities on the benchmark text). spaCy's transition-based parser keeps its own BLIS call (not
reachable from Python), which is a smaller share.

OpenBLAS is limited to one thread: Skymma parallelises over documents and page ranges in forked
workers, and a BLAS thread pool per worker would only oversubscribe the cores.
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits


class OpenBlasOps(NumpyOps):
    """thinc's numpy ops with matrix products by ``numpy.matmul`` (OpenBLAS)."""

    name = "openblas"

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_openblas(nlp: Language) -> None:
    """Switch every thinc model of ``nlp``'s components to ``OpenBlasOps``, BLAS on one thread."""
    threadpool_limits(limits=1, user_api="blas")
    ops = OpenBlasOps()
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
