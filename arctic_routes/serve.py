"""``arctic-routes serve``: the page from the installed package, headless, with the repository's settings.

Streamlit runs the packaged ``app.py`` (:data:`arctic_routes.datafiles.APP_FILE`)
in a new interpreter, so the command line never imports streamlit. Streamlit
reads ``.streamlit/config.toml`` from the current folder, not from beside the
script, so the packaged copy is passed as command-line flags instead; the
static folder it serves at ``/app/static/`` is the one next to the script, which
is why the wheel ships ``static/`` beside ``app.py``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from arctic_routes.datafiles import APP_FILE, STREAMLIT_CONFIG_FILE

DEFAULT_PORT = 8501
DEFAULT_HOST = "localhost"
#: What an installed server always needs, whatever the config file says: no browser to open and no
#: first-run e-mail prompt (headless), no call home, the vendored Leaflet and the map's land served from
#: static/, and no watching of site-packages for edits.
SERVER_SETTINGS: dict[str, bool | int | str] = {
    "server.headless": True,
    "browser.gatherUsageStats": False,
    "server.enableStaticServing": True,
    "server.fileWatcherType": "none",
}


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1..65535 (a one-line error otherwise).

    Examples
    --------
    >>> port_number("8501")
    8501
    >>> port_number("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: port must be 1..65535, not '0'
    """
    value = text.strip()
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1..65535, not {text[:20]!r}")
    return int(value)


def config_settings(config_file: Path = STREAMLIT_CONFIG_FILE) -> dict[str, bool | int | str]:
    """The settings of a Streamlit ``config.toml`` as ``{"section.option": value}``.

    Examples
    --------
    >>> settings = config_settings()
    >>> settings["browser.gatherUsageStats"], settings["server.maxUploadSize"]
    (False, 20)
    """
    with open(config_file, "rb") as f:
        document = tomllib.load(f)
    return {f"{section}.{option}": value for section, table in document.items() for option, value in table.items()}


def _flag(name: str, value: bool | int | str) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return f"--{name}={text}"


def streamlit_command(port: int = DEFAULT_PORT, host: str = DEFAULT_HOST) -> list[str]:
    """The command that serves the packaged page: ``python -m streamlit run APP --option=value ...``.

    Examples
    --------
    >>> command = streamlit_command(8600, "0.0.0.0")
    >>> command[1:4] == ["-m", "streamlit", "run"] and command[4] == str(APP_FILE)
    True
    >>> [flag for flag in command if flag.startswith("--server.")][-2:]
    ['--server.port=8600', '--server.address=0.0.0.0']
    """
    settings = {**config_settings(), **SERVER_SETTINGS, "server.port": port, "server.address": host}
    return [sys.executable, "-m", "streamlit", "run", str(APP_FILE),
            *(_flag(name, value) for name, value in settings.items())]


def serve(port: int = DEFAULT_PORT, host: str = DEFAULT_HOST) -> int:
    """Run the page until stopped; the exit status of the server."""
    command = streamlit_command(port, host)
    if os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)  # the server takes this process's place: a signal to it stops the server
    return subprocess.call(command)
