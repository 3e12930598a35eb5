"""Fingerprints of an article's text for finding near-duplicates: MinHash over shingles.

Mirror sites repost a story with other page furniture, another headline, a line
of their own or a paragraph cut.  Two such texts share most of their character
shingles (every run of :data:`SHINGLE` characters, white space left out), and the
share of shingles two texts have in common (their Jaccard similarity) is what
MinHash estimates: of :data:`NUM_PERM` hash functions, the fraction whose minimum
over the shingles is the same for both texts (datasketch computes it).

Candidates are found without comparing every pair (locality-sensitive hashing):
the signature is cut into :data:`BANDS` bands of :data:`ROWS` values, and two
texts that agree on a whole band are candidates; :func:`similarity` then decides
against :data:`THRESHOLD`.  With 16 bands of 8, a pair of similarity 0.8 agrees
on some band with probability 1 − (1 − 0.8⁸)¹⁶ ≈ 0.94 (0.9: 0.9996), a pair of
0.5 with 0.06, which the comparison then drops.

Shingles are hashed with CRC-32 and the permutations drawn from a fixed seed, so a
fingerprint is the same in every process and on every machine (a Dask worker's
fingerprint matches the builder's index).  Texts shorter than :data:`MIN_CHARS`
get none: short notices written from one template would all look alike.
"""
from __future__ import annotations

import hashlib
import zlib
from functools import lru_cache

NUM_PERM = 120
BANDS, ROWS = 24, 5
SHINGLE = 5
THRESHOLD = 0.7
MIN_CHARS = 200
SEED = 2260  # any fixed number: it only has to be the same everywhere
VERSION = f"minhash-{NUM_PERM}-{BANDS}x{ROWS}-{SHINGLE}-crc32-{SEED}"

assert BANDS * ROWS == NUM_PERM


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_crc32, scheme="affine32")


def signature(text: str) -> bytes | None:
    """The MinHash signature of ``text`` (``NUM_PERM`` values of 4 bytes), or None for
    a text too short to tell (fewer than :data:`MIN_CHARS` characters, white space
    left out)."""
    from datasketch import MinHash

    compact = "".join(text.split())
    if len(compact) < MIN_CHARS:
        return None
    shingles = {compact[i:i + SHINGLE] for i in range(len(compact) - SHINGLE + 1)}
    template = _template()
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_crc32,
                     permutations=template.permutations, scheme="affine32")
    sketch.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return sketch.hashvalues.astype("<u4").tobytes()


def bands(sig: bytes) -> list[bytes]:
    """The band keys of a signature: 8-byte digests of each band, prefixed by its number."""
    width = 4 * ROWS
    return [bytes([b]) + hashlib.blake2b(sig[b * width:(b + 1) * width], digest_size=8).digest()
            for b in range(BANDS)]


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of the shingles of two texts (0 to 1)."""
    import numpy as np

    if len(a) != len(b) or not a:
        return 0.0
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(x == y)) / len(x)


__all__ = ["signature", "bands", "similarity", "THRESHOLD", "MIN_CHARS", "VERSION"]
