"""New ids are RFC 9562 version-7 UUIDs: valid, unique, and increasing within a process."""

from __future__ import annotations

import time
import uuid
from itertools import pairwise

import pytest

from core import uuid7 as uuid7_module
from core.model import new_document_id, new_id
from core.uuid7 import format_uuid7, uuid7


def test_new_ids_are_valid_version_7_uuids_in_canonical_form() -> None:
    before_ms = time.time_ns() // 1_000_000
    ids = [new_id() for _ in range(1_000)]
    after_ms = time.time_ns() // 1_000_000
    for text in ids:
        parsed = uuid.UUID(text)
        assert parsed.version == 7
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == text  # lower case, hyphenated, 36 characters
        # The first 48 bits are the Unix time in milliseconds (a later id may run a
        # millisecond or two ahead of the clock when many share one millisecond).
        assert before_ms <= parsed.int >> 80 <= after_ms + 2


def test_new_ids_are_unique_and_increase_within_one_process() -> None:
    ids = [new_id() for _ in range(50_000)]
    assert len(set(ids)) == len(ids)
    assert all(a < b for a, b in pairwise(ids))
    # Text order is number order: fixed width, lower-case hex.
    assert [uuid.UUID(i).int for i in ids] == sorted(uuid.UUID(i).int for i in ids)


def test_ids_keep_increasing_when_the_clock_steps_back(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [time.time_ns() + 10**12]  # well after any id made so far
    monkeypatch.setattr(uuid7_module.time, "time_ns", lambda: now[0])
    first = uuid7()
    now[0] -= 5 * 10**9  # five seconds back, as after an NTP correction
    second, third = uuid7(), uuid7()
    assert first < second < third
    assert uuid.UUID(third).version == 7


def test_a_full_counter_moves_on_to_the_next_millisecond(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now_ns = time.time_ns() + 2 * 10**12
    monkeypatch.setattr(uuid7_module.time, "time_ns", lambda: now_ns)
    first = uuid.UUID(uuid7())
    monkeypatch.setattr(uuid7_module, "_last_counter", (1 << 42) - 1)
    second = uuid.UUID(uuid7())
    assert second.int >> 80 == (first.int >> 80) + 1
    assert first.int < second.int and second.version == 7


def test_ids_from_independent_generators_differ_in_their_random_bits() -> None:
    """Two analysts' machines making ids in the same millisecond still never collide."""
    ids = {format_uuid7(1_767_225_600_000, n, 0) for n in range(3)}
    assert len(ids) == 3
    made = [uuid.UUID(new_id()) for _ in range(2_000)]
    tails = {u.int & 0xFFFF_FFFF for u in made}
    assert len(tails) > 1_990  # 32 fresh random bits per id


def test_format_puts_each_field_where_rfc_9562_says() -> None:
    text = format_uuid7(0x0123_4567_89AB, (0xABC << 30) | 0x1234_5678, 0xDEAD_BEEF)
    assert text == "01234567-89ab-7abc-9234-5678deadbeef"
    parsed = uuid.UUID(text)
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122


def test_documents_keep_random_ids_so_short_prefixes_tell_them_apart() -> None:
    """``glossa text study 3f2b`` names a document by a prefix; v7 ids share theirs."""
    ids = [new_document_id() for _ in range(100)]
    assert all(uuid.UUID(i).version == 4 for i in ids)
    assert len({i[:8] for i in ids}) == 100
