"""Process statistics for the benchmarks, read from Linux's /proc."""

from __future__ import annotations

from pathlib import Path


def rss_mb(pid: int) -> float:
    """Resident memory (MB of 1024 x 1024 bytes) of process ``pid`` and all its descendants.

    Pass the pid of the server this run started (``streamlit_process``), not one found by name: another
    server on the same machine would otherwise be measured too.
    """
    total_kb, todo = 0, [pid]
    while todo:
        proc = Path(f"/proc/{todo.pop()}")
        try:
            status = (proc / "status").read_text()
            todo += [int(c) for children in proc.glob("task/*/children") for c in children.read_text().split()]
        except FileNotFoundError:  # exited while we looked
            continue
        total_kb += sum(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return total_kb / 1024
