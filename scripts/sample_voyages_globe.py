"""Run by hand: many seeded random world-port pairs, each option's line measured on the GLOBE 1 km land mask,
and the time :func:`arctic_routes.voyage.compare` takes per pair.

The normal test run (``tests/test_voyage_anywhere.py``) checks 40 pairs; this checks as many as asked, with the
test's own rule (:func:`tests.test_voyage_anywhere.pair_problems`: every option sampled every km, the canals,
the ends' 90 km approaches and the network's listed waterways spared), and prints each crossing, the pairs that
cross and the kilometres crossed in all. ``--time`` instead times ``compare`` on 100 seeded pairs the way
``bench/run.py`` does (a warm network, each pair once: median and worst).

Needs the test extra (``global-land-mask``). Usage, from the repository root::

    python -m scripts.sample_voyages_globe --pairs 300 --seed 1
    python -m scripts.sample_voyages_globe --time
"""

from __future__ import annotations

import argparse
import re
import statistics


def sample(pairs: int, seed: int) -> None:
    from tests.test_voyage_anywhere import pair_problems, random_pairs

    crossing = 0
    total_km = 0.0
    for k, (a, b) in enumerate(random_pairs(pairs, seed)):
        problems = pair_problems(a, b)
        if problems:
            crossing += 1
            for line in problems:
                total_km += sum(float(km) for km in re.findall(r", (\d+) km", line))
                print(f"{k}: {line}", flush=True)
    print(f"{pairs} pairs (seed {seed}): {crossing} cross GLOBE land, {total_km:.0f} km in all")


def timing(pairs: int, seed: int) -> None:
    from devkit.voyage_timing import compare_seconds

    times = compare_seconds(pairs, seed)
    print(f"compare, {pairs} pairs (seed {seed}): median {statistics.median(times) * 1000:.1f} ms, "
          f"worst {max(times) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--time", action="store_true", help="time compare instead of checking the land")
    args = parser.parse_args()
    if args.time:
        timing(args.pairs or 100, args.seed)
    else:
        sample(args.pairs or 300, args.seed)


if __name__ == "__main__":
    main()
