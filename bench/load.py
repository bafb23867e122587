"""Load test: N concurrent readers (real headless chromium pages) against one app server.

Usage: ``python -m bench.load [--readers 5,10,20]``. For each N, N fresh
browser contexts open the page at once and wait until the routes are drawn;
the script records each reader's time to map, every error (page errors,
console errors, failed requests, timeouts) and the server's memory. Writes
docs/RELIABILITY.md. Traffic goes only to 127.0.0.1; loops are bounded.

Replica mode: ``python -m bench.load --through http://127.0.0.1:8080 --readers 50 --seconds 60
--kill-pid-file /tmp/arctic-routes-replicas/replicas.pids`` drives readers through the proxy that
``scripts/serve-replicas.sh 2`` started, keeps their sessions open for the run with a cheap interaction
every few seconds, SIGKILLs the first replica in the pid file halfway, and counts the errors shown to
readers, the sessions that reconnected and the time to map. Writes ``--json`` (default
bench/replicas.json) and the "Replicas behind a proxy" section of docs/RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import platform
import random
import signal
import statistics
import time
from pathlib import Path

from playwright.async_api import async_playwright

from arctic_routes.reading import MAX_FILE_MB
from arctic_routes.uploads import MAX_VERTICES
from bench.procstats import rss_mb
from devkit.browser import LOCAL_PREFIXES, MAP_DRAWN, launch, map_container, map_frame, streamlit_process

ROOT = Path(__file__).resolve().parents[1]

TIMEOUT_MS = 120_000


async def reader(browser, url: str) -> dict:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.on("request", lambda r: errors.append(f"external: {r.url}") if not r.url.startswith(LOCAL_PREFIXES) else None)
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=TIMEOUT_MS)
        await map_container(page).wait_for(timeout=TIMEOUT_MS)
        frame = map_frame(page)
        await frame.wait_for_function(MAP_DRAWN, timeout=TIMEOUT_MS)
        elapsed = time.perf_counter() - start
    except Exception as exc:  # a timeout or crash is a result to report, not a reason to stop
        errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
        elapsed = float("nan")
    await context.close()
    return {"seconds": elapsed, "errors": errors}


async def run(levels: list[int]) -> list[dict]:
    rows = []
    with streamlit_process("app.py") as (url, server):
        async with async_playwright() as p:
            browser = await launch(p)
            await reader(browser, url)  # warm the server
            for n in levels:
                start = time.perf_counter()
                results = await asyncio.gather(*(reader(browser, url) for _ in range(n)))
                wall = time.perf_counter() - start
                times = sorted(r["seconds"] for r in results if r["seconds"] == r["seconds"])
                errors = [e for r in results for e in r["errors"]]
                rows.append({"readers": n, "ok": len(times), "errors": len(errors),
                             "median_s": statistics.median(times) if times else None,
                             "max_s": max(times) if times else None, "wall_s": wall,
                             "server_rss_mb": rss_mb(server.pid), "examples": errors[:3]})
                print(rows[-1], flush=True)
            await browser.close()
    return rows


REPLICA_SECTION = "## Replicas behind a proxy"
#: What a reader would see as an error: Streamlit's exception box, a Python traceback in the page, or
#: Streamlit's own "cannot reach the server" dialog.
SHOWN_ERRORS_JS = """() => {
  const text = document.body ? document.body.innerText : "";
  return {
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    traceback: text.includes("Traceback (most recent call last)"),
    connection: text.includes("Connection error") || text.includes("Is Streamlit still running"),
  };
}"""
SCRIPT_IDLE_JS = ("() => { const app = document.querySelector('[data-test-script-state]');"
                  " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }")
INTERACTION_EVERY_S = 5.0


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) by nearest rank: a value that was measured, or None for no values.

    >>> percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 95)
    10.0
    >>> percentile([3.0, 1.0, 2.0], 50)
    2.0
    """
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


#: Playwright's evaluate, mouse and close calls have no timeout of their own: a page that never answers
#: would hold the run forever, so each call gets this many seconds.
CALL_TIMEOUT_S = 30.0


async def bounded(awaitable, what: str, events: list[str]):  # type: ignore[no-untyped-def]
    """``await awaitable`` for at most CALL_TIMEOUT_S; a timeout or error is logged in ``events``, not raised."""
    try:
        return await asyncio.wait_for(awaitable, CALL_TIMEOUT_S)
    except Exception as exc:
        events.append(f"{what}: {type(exc).__name__}")
        return None


async def shown_errors(page, events: list[str]) -> list[str]:
    seen = await bounded(page.evaluate(SHOWN_ERRORS_JS), "check", events)
    if seen is None:  # the page is navigating, or busy: not something a reader sees as an error
        return []
    return ([f"{seen['exceptions']} exception box(es)"] if seen["exceptions"] else []) + \
        (["traceback text"] if seen["traceback"] else []) + (["connection error dialog"] if seen["connection"] else [])


async def wait_map(page, timeout_ms: int) -> None:
    await map_container(page).wait_for(timeout=timeout_ms)
    await map_frame(page).wait_for_function(MAP_DRAWN, timeout=timeout_ms)


async def replica_reader(browser, url: str, index: int, start_at: float, end_at: float, killed: asyncio.Event,
                         clock_zero: float, timeout_ms: int = TIMEOUT_MS) -> dict:
    """One reader: open the page at ``start_at``, wait for the map, stay until ``end_at``, poking the page."""
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    sockets: list[float] = []  # when each /_stcore/stream websocket opened, seconds from the run's start
    events: list[str] = []  # console errors, page errors, failed requests: logged, not shown to the reader
    page.on("websocket", lambda ws: sockets.append(time.perf_counter() - clock_zero) if "/_stcore/stream" in ws.url else None)
    page.on("pageerror", lambda e: events.append(f"pageerror: {e}"))
    page.on("console", lambda m: events.append(f"console: {m.text[:120]}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: events.append(f"failed: {r.url[:120]}"))
    result: dict = {"reader": index, "started_s": round(time.perf_counter() - clock_zero, 2), "time_to_map_s": None,
                    "shown_errors": [], "reconnected": False, "map_after_reconnect": None, "map_at_end": False}
    started = time.perf_counter()
    try:
        await page.goto(url, timeout=timeout_ms)
        await wait_map(page, timeout_ms)
        result["time_to_map_s"] = round(time.perf_counter() - started, 2)
        result["map_drawn_at_s"] = round(time.perf_counter() - clock_zero, 2)
    except Exception as exc:  # a timeout is a reader without a map: counted, not a reason to stop
        result["shown_errors"].append(f"no map: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
    while time.perf_counter() < end_at:  # keep the session open, with a cheap interaction now and then
        await asyncio.sleep(min(INTERACTION_EVERY_S * random.uniform(0.8, 1.2), max(0.0, end_at - time.perf_counter())))
        # A hover (tooltips, no rerun) and a scroll of the page, through the page's own script.
        await bounded(page.mouse.move(random.uniform(100, 1100), random.uniform(150, 800)), "hover", events)
        await bounded(page.evaluate(f"window.scrollBy(0, {random.choice((-300, 300))})"), "scroll", events)
        for error in await shown_errors(page, events):
            if error not in result["shown_errors"]:
                result["shown_errors"].append(error)
    if killed.is_set() and len(sockets) > 1:
        # The websocket dropped and the frontend opened a new one, to the surviving replica, which reran
        # the page from the start: the reader's map must be drawn again, with no error shown.
        result["reconnected"] = True
        result["reconnected_at_s"] = round(sockets[1], 2)
        try:
            await page.wait_for_function(SCRIPT_IDLE_JS, timeout=timeout_ms)
            await wait_map(page, timeout_ms)
            result["map_after_reconnect"] = True
        except Exception as exc:
            result["map_after_reconnect"] = False
            result["shown_errors"].append(f"no map after reconnecting: {type(exc).__name__}")
    try:
        await wait_map(page, 30_000)
        result["map_at_end"] = True
    except Exception:
        if not any(e.startswith("no map") for e in result["shown_errors"]):
            result["shown_errors"].append("no map at the end")
    for error in await shown_errors(page, events):
        if error not in result["shown_errors"]:
            result["shown_errors"].append(error)
    result["websockets_opened"] = len(sockets)
    cookies = await bounded(context.cookies(), "cookies", events) or []
    result["sticky_cookie"] = next((c["value"] for c in cookies if c["name"] == "arcticsticky"), None)
    result["events"] = events[:5]
    result["event_count"] = len(events)
    await bounded(context.close(), "close", events)
    return result


async def killer(pid_file: Path, at: float, killed: asyncio.Event, clock_zero: float, record: dict) -> None:
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    pid = int(pid_file.read_text().split()[0])  # the first replica the script started
    os.kill(pid, signal.SIGKILL)
    killed.set()
    record.update(pid=pid, at_s=round(time.perf_counter() - clock_zero, 2))
    print(f"killed replica pid {pid} at {record['at_s']} s", flush=True)


def first_replicas(access_log: Path) -> dict[str, str]:
    """Sticky cookie -> the replica (host:port) that answered its first request, from deploy/nginx.conf's log."""
    first: dict[str, str] = {}
    for line in access_log.read_text().splitlines():
        fields = dict(f.split("=", 1) for f in line.split() if f.startswith(("upstream=", "sticky=")))
        if "sticky" in fields and fields.get("upstream", "-") != "-":
            first.setdefault(fields["sticky"], fields["upstream"].rstrip(","))
    return first


async def run_through(url: str, readers: int, seconds: float, ramp_s: float, pid_file: Path | None,
                      timeout_ms: int = TIMEOUT_MS, kill_at_s: float | None = None) -> dict:
    async with async_playwright() as p:
        browser = await launch(p)
        clock_zero = time.perf_counter()
        end_at = clock_zero + seconds
        killed, kill_record = asyncio.Event(), {}
        limit_s = ramp_s + seconds + 3 * timeout_ms / 1000 + 6 * CALL_TIMEOUT_S  # every wait of one reader, in a row

        async def guarded(i: int) -> dict:
            start_at = clock_zero + (i * ramp_s / (readers - 1) if readers > 1 else 0.0)
            try:
                return await asyncio.wait_for(replica_reader(browser, url, i, start_at, end_at, killed, clock_zero,
                                                             timeout_ms), limit_s)
            except TimeoutError:  # never expected; counted as a reader without a map rather than a hung run
                return {"reader": i, "time_to_map_s": None, "shown_errors": ["reader hung"], "reconnected": False,
                        "map_after_reconnect": None, "map_at_end": False, "events": [], "event_count": 0}

        tasks = [guarded(i) for i in range(readers)]
        if pid_file:
            tasks.append(killer(pid_file, clock_zero + (seconds / 2 if kill_at_s is None else kill_at_s), killed,
                                clock_zero, kill_record))
        results = [r for r in await asyncio.gather(*tasks) if r is not None]
        wall = time.perf_counter() - clock_zero
        await bounded(browser.close(), "close browser", [])
    times = [r["time_to_map_s"] for r in results if r["time_to_map_s"] is not None]
    # Which readers the killed replica held: scripts/serve-replicas.sh keeps nginx's access log and the
    # upstream list (in pid order) beside the pid file.
    on_killed = None
    if pid_file and kill_record:
        upstreams = (pid_file.parent / "arctic-routes-upstreams.conf").read_text().split()
        killed_addr = upstreams[upstreams.index("server") + 1] if "server" in upstreams else None
        access_log = pid_file.parent / "logs" / "access.log"
        if killed_addr and access_log.exists():
            first = first_replicas(access_log)
            for r in results:
                r["first_replica"] = first.get(r.get("sticky_cookie") or "")
            on_killed = sum(r.get("first_replica") == killed_addr for r in results)
            kill_record["address"] = killed_addr
    summary = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
        "through": url, "readers": readers, "seconds": seconds, "ramp_s": ramp_s, "map_timeout_s": timeout_ms / 1000,
        "killed_replica": kill_record or None,
        "readers_with_map_at_end": sum(r["map_at_end"] for r in results),
        "errors_shown": sum(bool(r["shown_errors"]) for r in results),
        "readers_on_killed_replica": on_killed,
        "sessions_reconnected": sum(r["reconnected"] for r in results),
        "reconnected_with_map": sum(bool(r["map_after_reconnect"]) for r in results),
        "time_to_map_p50_s": percentile(times, 50), "time_to_map_p95_s": percentile(times, 95),
        "time_to_map_max_s": max(times) if times else None,
        "logged_events": sum(r["event_count"] for r in results),
        "wall_s": round(wall, 1),
        "error_examples": [e for r in results for e in r["shown_errors"]][:5],
        "event_examples": [e for r in results for e in r["events"]][:5],
        "per_reader": results,
    }
    return summary


def replica_section(s: dict, command: str) -> str:
    kill = s["killed_replica"]
    kill_text = f"SIGKILL to replica pid {kill['pid']} at {kill['at_s']:.0f} s" if kill else "no replica killed"
    p95 = f"{s['time_to_map_p95_s']:.1f} s" if s["time_to_map_p95_s"] is not None else "-"
    p50 = f"{s['time_to_map_p50_s']:.1f} s" if s["time_to_map_p50_s"] is not None else "-"
    errors = "; ".join(s["error_examples"]) if s["error_examples"] else "none"
    return f"""{REPLICA_SECTION}

Run {s['date'][:16].replace('T', ' ')} UTC on this project's machine ({s['machine']}, no Docker engine):
`bash scripts/serve-replicas.sh 2` (two `python -m arctic_routes serve` replicas on 127.0.0.1:8601-8602,
Debian's nginx on :8080 running `deploy/nginx.conf` unchanged, sticky by an `arcticsticky` cookie), then

    {command}

{s['readers']} headless Chromium readers (one browser, one context each) open the page through nginx,
their starts spread over {s['ramp_s']:.0f} s; each keeps its session open for the {s['seconds']:.0f} s run with
a hover and a scroll every ~{INTERACTION_EVERY_S:.0f} s; {kill_text}. A reader whose websocket reopened
after the kill has reconnected: the frontend reached the surviving replica, which reran the page, and
the reader's map must be drawn again. An error shown to a reader is an exception box, a Python
traceback in the page, Streamlit's "Connection error" dialog or no map within {s['map_timeout_s']:.0f} s.

| readers | on the killed replica | map at the end | errors shown to readers | sessions reconnected (map redrawn) | median time to map | p95 time to map |
|---:|---:|---:|---:|---:|---:|---:|
| {s['readers']} | {s['readers_on_killed_replica'] if s['readers_on_killed_replica'] is not None else '-'} | {s['readers_with_map_at_end']} / {s['readers']} | {s['errors_shown']} | {s['sessions_reconnected']} ({s['reconnected_with_map']}) | {p50} | {p95} |

Errors shown: {errors}. Logged but not shown (console errors and failed requests, mostly the dropped
websocket of the killed replica): {s['logged_events']}. Whole run: {s['wall_s']:.0f} s. Every figure and
each reader's record: `{s['json']}`.
"""


def write_replica_section(section: str) -> None:
    """Put ``section`` into docs/RELIABILITY.md: in place of the previous one, or before "## Bad input"."""
    path = ROOT / "docs" / "RELIABILITY.md"
    text = path.read_text()
    if REPLICA_SECTION in text:
        head, rest = text.split(REPLICA_SECTION, 1)
        tail = rest[rest.find("\n## "):] if "\n## " in rest else "\n"
        text = head + section.rstrip("\n") + "\n" + tail
    elif "\n## Bad input" in text:
        head, tail = text.split("\n## Bad input", 1)
        text = head.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n\n## Bad input" + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", default=None, help="levels, e.g. 5,10,20; with --through one number (50)")
    parser.add_argument("--through", help="replica mode: the proxy's URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--seconds", type=float, default=60.0, help="replica mode: how long sessions stay open")
    parser.add_argument("--ramp", type=float, default=30.0, help="replica mode: readers' starts spread over this")
    parser.add_argument("--kill-pid-file", type=Path, help="replica mode: SIGKILL the first pid in it halfway")
    parser.add_argument("--kill-at", type=float, help="replica mode: seconds from the start to the kill (default: halfway)")
    parser.add_argument("--map-timeout", type=float, default=TIMEOUT_MS / 1000,
                        help="replica mode: seconds a reader waits for its map before it counts as an error")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "replicas.json", help="replica mode output")
    args = parser.parse_args()
    if args.through:
        summary = asyncio.run(run_through(args.through.rstrip("/") + "/", int(args.readers or 50), args.seconds,
                                          args.ramp, args.kill_pid_file, int(args.map_timeout * 1000), args.kill_at))
        summary["json"] = str(args.json.resolve().relative_to(ROOT) if args.json.resolve().is_relative_to(ROOT) else args.json)
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
        print(json.dumps({k: v for k, v in summary.items() if k != "per_reader"}, indent=2))
        command = " ".join(["python -m bench.load", f"--through {args.through}", f"--readers {summary['readers']}",
                            f"--seconds {args.seconds:g}", f"--ramp {args.ramp:g}"]
                           + ([f"--map-timeout {args.map_timeout:g}"] if args.map_timeout != TIMEOUT_MS / 1000 else [])
                           + ([f"--kill-pid-file {args.kill_pid_file}"] if args.kill_pid_file else [])
                           + ([f"--kill-at {args.kill_at:g}"] if args.kill_at is not None else []))
        write_replica_section(replica_section(summary, command))
        return
    rows = asyncio.run(run([int(n) for n in (args.readers or "5,10,20").split(",")]))
    table = ["| concurrent readers | map drawn | errors | median time to map | slowest | server RSS |",
             "|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        med = f"{r['median_s']:.1f} s" if r["median_s"] is not None else "-"
        mx = f"{r['max_s']:.1f} s" if r["max_s"] is not None else "-"
        table.append(f"| {r['readers']} | {r['ok']} / {r['readers']} | {r['errors']} | {med} | {mx} | "
                     f"{r['server_rss_mb']:.0f} MB |")
    examples = [e for r in rows for e in r["examples"]]
    text = f"""# Reliability

## Load test

Run {dt.date.today().isoformat()} on this project's 2-core machine with `python -m bench.load`:
one `streamlit run app.py` server; for each level, that many fresh headless
Debian chromium contexts (one browser process, each context a separate reader
with its own Streamlit session) open the page at the same moment and wait until
the land and routes are drawn. Errors count page errors, console errors,
failed requests, requests off localhost and timeouts (120 s). Server memory is
the RSS of the Streamlit process after the level. The browser runs on the same
2 cores as the server, so the times include the browsers' own rendering.

{chr(10).join(table)}

{"Errors seen (first few): " + "; ".join(examples) if examples else "No errors at any level."}

Reading the numbers: no reader failed, but the time to map grows about
linearly with the number of readers (about 2-3 s per reader; 6-7 s on
2026-11-23, before the page sent the map first and the rest after it, when
20 readers took 141 s). A first version of that change completed the page on
a 6 s timer: at 20 readers it fired while maps were still drawing, doubled
the time to map and cost 2 readers their map (a detached frame, an aborted
land request); the timer now starts at the map's first report and waits 30 s. In this set-up one
browser renders every reader's page on the same 2 cores as the server, so the
run cannot separate browser cost from server cost; it has not been profiled yet
(next step: Streamlit websocket clients without a browser, and py-spy on the
server). Real readers' browsers run on their own machines. For a story that
goes viral, the stand-alone HTML export served from a static host or CDN needs
no app server at all (see the README).

## Bad input

- Uploads and `--file`: GeoJSON, GPX and CSV go through one loader
  (`arctic_routes/tracks.py`); every file in `tests/malformed/` (43 files:
  empty, binary, truncated, deeply nested, NaN, out of range, one vertex,
  entity expansion...) is refused with one line (tests/test_tracks.py,
  tests/test_cli.py), and arbitrary bytes are fuzzed with Hypothesis.
  Limits: {MAX_FILE_MB} MB per file, {MAX_VERTICES:,} vertices.
- Share links: every parameter is checked; unknown or malformed values are
  ignored with a visible plain-text notice (tests/test_share.py fuzzes the
  parser, tests/test_app.py runs hostile links through the page).
- Text from files and data is HTML-escaped wherever it is rendered; a track
  named `<img src=x onerror=alert(1)>` exported to HTML, hovered and clicked,
  fires no dialog (tests/test_browser.py).
"""
    path = ROOT / "docs" / "RELIABILITY.md"
    previous = path.read_text() if path.exists() else ""
    if REPLICA_SECTION in previous:  # keep the replica mode's section, which this mode does not measure
        rest = previous.split(REPLICA_SECTION, 1)[1]
        section = REPLICA_SECTION + (rest[:rest.find("\n## ")] if "\n## " in rest else rest)
        head, tail = text.split("\n## Bad input", 1)
        text = head.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n\n## Bad input" + tail
    path.write_text(text)


if __name__ == "__main__":
    main()
