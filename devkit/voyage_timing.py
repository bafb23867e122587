"""Timing comparisons over seeded random pairs of the world's ports: shared by the benchmark
(``bench.run.compare_any_pair_s``) and the hand-run sample (``scripts/sample_voyages_globe.py``)."""

from __future__ import annotations

import random
import time


def compare_seconds(pairs: int, seed: int) -> list[float]:
    """Seconds of each comparison of ``pairs`` seeded random world-port pairs (warm network, each pair once)."""
    from arctic_routes import ports, voyage

    voyage.warm_up()
    pool = sorted(ports.all_world_ports(), key=lambda p: p.key)
    rng = random.Random(seed)
    times = []
    for _ in range(pairs):
        a, b = rng.sample(pool, 2)
        start = time.perf_counter()
        try:
            voyage.compare(a, b)
        except ValueError:
            pass  # an end refused (far inland): a one-line answer, timed all the same
        times.append(time.perf_counter() - start)
    return times
