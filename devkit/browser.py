"""A Streamlit server on a free port and Debian's Chromium: for the real-browser tests and the benchmarks."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_PREFIXES = ("http://localhost", "http://127.0.0.1", "data:", "blob:", "about:", "file://")
#: The page's map: streamlit-folium's component, whose frame's document is served from a URL containing
#: this name (/component/streamlit_folium.st_folium/...).
MAP_COMPONENT = "streamlit_folium.st_folium"
MAP_FRAME = f"iframe[src*='{MAP_COMPONENT}']"  # by its address: the map renames the frame once drawn
#: In that frame: the land and the route layers are drawn.
MAP_DRAWN = "() => window.map && window.map._landDrawn && window.feature_group && window.feature_group.length > 0"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, timeout_s: float, alive: Callable[[], None] | None = None) -> None:
    """Until ``url``/_stcore/health answers 200 (Streamlit's, or through a proxy); ``alive`` raises if the
    server died meanwhile."""
    deadline = time.monotonic() + timeout_s
    while True:
        if alive is not None:
            alive()
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no answer from {url}/_stcore/health") from None
            time.sleep(0.2)  # polling interval, not a wait for the page


@contextlib.contextmanager
def server_process(argv: list[str], url: str, cwd: Path = ROOT,
                   timeout_s: float = 90.0) -> Iterator[subprocess.Popen]:
    """Run the server ``argv`` in ``cwd``, its output in a log file; yield the process once ``url`` is
    healthy (:func:`wait_healthy`), and stop it afterwards. A server that exits or never answers raises
    with the end of its log."""
    log = tempfile.NamedTemporaryFile(prefix="server-", suffix=".log", delete=False)
    proc = subprocess.Popen(argv, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})

    def tail() -> str:
        return Path(log.name).read_text()[-2000:]

    def alive() -> None:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {tail()}")

    try:
        try:
            wait_healthy(url, timeout_s, alive)
        except TimeoutError as exc:
            raise TimeoutError(f"{exc}: {tail()}") from None
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def streamlit_process(app: str = "app.py", timeout_s: float = 90.0,
                      settings: dict[str, object] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``streamlit run app`` on a free port; yield its URL and process once /_stcore/health answers.

    ``settings``: more Streamlit options, e.g. ``{"server.fileWatcherType": "none"}``.
    """
    port = free_port()
    options = [a for k, v in (settings or {}).items() for a in (f"--{k}", str(v).lower() if isinstance(v, bool) else str(v))]
    url = f"http://localhost:{port}"
    with server_process([sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port),
                         "--server.headless", "true", "--browser.gatherUsageStats", "false", *options],
                        url, timeout_s=timeout_s) as proc:
        yield url, proc


@contextlib.contextmanager
def streamlit_server(app: str = "app.py", timeout_s: float = 90.0) -> Iterator[str]:
    """:func:`streamlit_process`, when only the URL is needed."""
    with streamlit_process(app, timeout_s) as (url, _):
        yield url


def launch(playwright):  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless, from Playwright's sync API (a browser) or async API (to await)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def map_container(page):  # type: ignore[no-untyped-def]
    """The map's Leaflet container inside the component's iframe: a locator, to ``wait_for`` (sync or async)."""
    return page.frame_locator(MAP_FRAME).locator(".leaflet-container").first


def map_frame(page):  # type: ignore[no-untyped-def]
    """The map's frame, to evaluate scripts in; looked up afresh each call, since a rerun may replace it.

    Call it once :func:`map_container` has appeared. Plain attribute access only, so it serves
    Playwright's sync and async pages alike.
    """
    for frame in page.frames:
        if MAP_COMPONENT in frame.url:
            return frame
    raise LookupError(f"no {MAP_COMPONENT} frame on {page.url}: wait for map_container(page) first")


#: How long the page must stay without a script run to count as idle: longer than the map's debounce
#: before it reports a move (streamlit-folium's 250 ms), so a report on its way has started its run.
IDLE_MS = 300


def wait_idle(page, timeout_ms: int = 30_000) -> None:
    """Until Streamlit has had no script run going (its own data-test-script-state attribute) for IDLE_MS.

    The state is checked every 50 ms and must hold at every check across the whole window, seen afresh by
    each call: a run that starts meanwhile (the map's debounced report) starts the window again.
    """
    page.wait_for_function(
        """([token, idleMs]) => {
            const app = document.querySelector('[data-test-script-state]');
            const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
            const now = performance.now();
            if (!idle || !window.__arcticIdle || window.__arcticIdle.token !== token) {
                window.__arcticIdle = idle ? {token, since: now} : undefined;
                return false;
            }
            return now - window.__arcticIdle.since >= idleMs;
        }""", arg=[time.monotonic_ns(), IDLE_MS], polling=50, timeout=timeout_ms)


def wait_stable(page, read: Callable[[], object], quiet_ms: int = 500, timeout_ms: int = 30_000,
                poll_ms: int = 50) -> object:
    """Until ``read()`` has returned one value (compared with ==) for ``quiet_ms``; returns that value.

    For what the page settles on after a burst of changes, with no event to say it is done: a height
    reported again each time the content grows. ``read`` may look into several frames. ``poll_ms`` is the
    polling interval, during which Playwright delivers the page's events.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    value, since = read(), time.monotonic()
    while time.monotonic() - since < quiet_ms / 1000:
        if time.monotonic() > deadline:
            raise TimeoutError(f"still changing after {timeout_ms} ms: {value!r}")
        page.wait_for_timeout(poll_ms)  # polling interval
        now = read()
        if now != value:
            value, since = now, time.monotonic()
    return value


def assert_quiet(page, quiet_ms: int, happened: Callable[[], bool], what: str, poll_ms: int = 50) -> None:
    """Fail if ``happened()`` becomes true within ``quiet_ms``: a bounded check that nothing more happens.

    The one place a browser test spends a fixed time on purpose. That something does *not* happen (no late
    report, no further run) has no event to wait for, only a window long enough for it to have come; to
    wait for something that should happen, wait for it (:func:`wait_idle`, :func:`wait_stable`, Playwright's
    waits), never with this. ``happened`` is checked at once and then every ``poll_ms``, while Playwright
    delivers the page's events (the sync API runs event handlers only while it waits).
    """
    deadline = time.monotonic() + quiet_ms / 1000
    while True:
        assert not happened(), what
        if time.monotonic() >= deadline:
            return
        page.wait_for_timeout(poll_ms)  # polling interval
