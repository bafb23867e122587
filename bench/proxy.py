"""nginx from Debian's package in front of one server, with deploy/nginx.conf, for the benchmarks."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from devkit.browser import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
CONF = ROOT / "deploy" / "nginx.conf"
LISTEN = "listen 8080;"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise SystemExit("bench: nginx is needed for the proxy figures: apt-get install nginx")
    return found


@contextlib.contextmanager
def behind_nginx(upstream_url: str) -> Iterator[str]:
    """``upstream_url`` (http://host:port) behind nginx run with deploy/nginx.conf; yields nginx's URL.

    The configuration is the deployed one with one change: it listens on a free port instead of 8080
    (so that the app and the baseline can each have their own, and a running deployment is left alone).
    """
    conf = CONF.read_text()
    if conf.count(LISTEN) != 1:
        raise RuntimeError(f"deploy/nginx.conf no longer has exactly one '{LISTEN}'")
    port = free_port()
    nginx = nginx_binary()
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as run:
        run_dir = Path(run)
        run_dir.chmod(0o755)  # nginx started by root runs its workers as nobody: they must reach the cache
        (run_dir / "logs").mkdir()
        (run_dir / "temp").mkdir()
        (run_dir / "nginx.conf").write_text(conf.replace(LISTEN, f"listen 127.0.0.1:{port};"))
        host_port = upstream_url.split("://", 1)[1].rstrip("/")
        (run_dir / "arctic-routes-upstreams.conf").write_text(f"server {host_port};\n")
        args = [nginx, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf")]
        subprocess.run(args, check=True)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, 30)
            yield url
        finally:
            subprocess.run([*args, "-s", "quit"], check=False)
            time.sleep(0.5)  # let the workers exit before the directory goes
