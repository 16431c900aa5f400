"""Timing helpers every benchmark shares: medians of wall and CPU time, and how to print them.

CPU time is reported beside wall time because benchmarks often run on a busy machine,
where wall time mostly measures the neighbours.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_times(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """Median wall and CPU seconds of ``action`` over ``runs`` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def as_ms(seconds: tuple[float, float]) -> str:
    """``(wall, cpu)`` seconds as "N ms wall, M ms CPU"."""
    return f"{seconds[0] * 1000:.0f} ms wall, {seconds[1] * 1000:.0f} ms CPU"
