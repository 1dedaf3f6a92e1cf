"""Near-duplicate signatures: MinHash over word shingles, banded for locality-sensitive lookup.

The same wire story re-published with small edits (a new headline, a sentence added, a byline
changed) shares most of its word 3-grams. Its MinHash signature agrees with the first copy's in
most positions; split into bands, at least one band is identical with high probability, so the
band keys find the candidates and the signature comparison confirms them. The band layout for
a Jaccard threshold comes from datasketch's own optimisation (``MinHashLSH``); the index that
stores bands lives in Redis (``services/ingest/dedup.py``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 3
# Fixed seed: signatures must agree across processes and releases. Changing it (or NUM_PERM or
# the shingling) invalidates the stored index; do so only together with a new Redis key prefix.
SEED = 20240601
SCHEME = "affine32"  # datasketch ≥ 2.0: unbiased, 32-bit values

_WORD = re.compile(r"\w+")

Signature = npt.NDArray[np.uint32]


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)]


@dataclass(frozen=True)
class NearDuplicateSignatures:
    """Computes signatures and band keys for one similarity threshold."""

    threshold: float
    num_perm: int = NUM_PERM
    bands: list[tuple[int, int]] = field(init=False)
    _template: MinHash = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"near-duplicate threshold must be between 0 and 1, not {self.threshold}")
        layout = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        object.__setattr__(self, "bands", list(layout.hashranges))
        object.__setattr__(self, "_template", MinHash(num_perm=self.num_perm, seed=SEED, scheme=SCHEME))

    def signature(self, text: str) -> Signature:
        minhash = MinHash(
            num_perm=self.num_perm, seed=SEED, permutations=self._template.permutations, scheme=SCHEME
        )
        minhash.update_batch(shingles(text))
        return minhash.hashvalues.astype(np.uint32)

    def band_keys(self, signature: Signature) -> list[str]:
        """One key per band: ``"<band index>:<digest of that slice of the signature>"``."""
        return [
            f"{i}:{hashlib.blake2b(signature[start:end].tobytes(), digest_size=8).hexdigest()}"
            for i, (start, end) in enumerate(self.bands)
        ]

    @staticmethod
    def to_bytes(signature: Signature) -> bytes:
        return signature.astype("<u4").tobytes()

    @staticmethod
    def from_bytes(raw: bytes) -> Signature:
        return np.frombuffer(raw, dtype="<u4").astype(np.uint32)

    @staticmethod
    def similarity(a: Signature, b: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        if a.shape != b.shape:
            return 0.0
        return float(np.count_nonzero(a == b)) / len(a)
