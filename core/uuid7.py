"""Time-ordered UUIDs (version 7, RFC 9562) for new rows.

Random version-4 keys land anywhere in a primary-key index, so every insert touches
another page; a version-7 key starts with the Unix time in milliseconds, so new rows
are appended where the last ones went. The layout follows RFC 9562 section 6.2,
method 1 (as CPython 3.14's ``uuid.uuid7``): 48 bits of time, a 42-bit counter that
starts at a random value each millisecond and counts up within it, 32 random bits.
Ids made in one process therefore increase strictly, even if the clock steps back;
ids made anywhere else differ in at least 73 random bits. Nothing in Glossa reads
meaning into the order: it only keeps the index compact.
"""

from __future__ import annotations

import os
import threading
import time

_COUNTER_BITS = 42
_COUNTER_MAX = (1 << _COUNTER_BITS) - 1
#: The counter's top bit starts at 0, leaving at least 2**41 increments per millisecond.
_COUNTER_SEED_MASK = _COUNTER_MAX >> 1
_VERSION_AND_VARIANT = (0x7 << 76) | (0b10 << 62)

_lock = threading.Lock()
_last_ms = -1
_last_counter = 0


def format_uuid7(unix_ms: int, counter: int, tail: int) -> str:
    """The canonical text of the version-7 UUID with these fields (each masked to size)."""
    value = (
        (unix_ms & 0xFFFF_FFFF_FFFF) << 80
        | ((counter >> 30) & 0xFFF) << 64
        | (counter & 0x3FFF_FFFF) << 32
        | (tail & 0xFFFF_FFFF)
        | _VERSION_AND_VARIANT
    )
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _random_bits(n_bytes: int) -> int:
    return int.from_bytes(os.urandom(n_bytes), "big")


def uuid7() -> str:
    """A fresh version-7 UUID as text, greater than every one this process made before."""
    global _last_ms, _last_counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            counter = _random_bits(6) & _COUNTER_SEED_MASK
        else:  # the same millisecond, or the clock stepped back: count on from the last id
            now_ms, counter = _last_ms, _last_counter + 1
            if counter > _COUNTER_MAX:
                now_ms, counter = now_ms + 1, _random_bits(6) & _COUNTER_SEED_MASK
        _last_ms, _last_counter = now_ms, counter
    return format_uuid7(now_ms, counter, _random_bits(4))
