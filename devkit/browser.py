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


def wait_idle(page, timeout_ms: int = 30_000) -> None:
    """Until Streamlit has no script run going (its own data-test-script-state attribute)."""
    page.wait_for_function(
        "() => { const app = document.querySelector('[data-test-script-state]');"
        " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }", timeout=timeout_ms)
    page.wait_for_timeout(300)  # debounce window of the map's view report, then check once more
    page.wait_for_function(
        "() => document.querySelector('[data-test-script-state]').getAttribute('data-test-script-state')"
        " === 'notRunning'", timeout=timeout_ms)
