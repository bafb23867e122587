"""Packaging: the data resolves through importlib.resources, the wheel's globs hold every runtime file,
``python -m arctic_routes`` and ``arctic-routes serve`` work, and the licences ship.

The wheel itself is built and installed in a fresh virtual environment by
``scripts/check_wheel.sh`` (run by ``.ci/run``), which also runs ``tests/wheel_checks.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
import urllib.request
from importlib.resources import files
from pathlib import Path

import pytest

from arctic_routes import datafiles
from arctic_routes.serve import SERVER_SETTINGS, config_settings, streamlit_command
from devkit.browser import free_port, server_process

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("arctic-routes: error: "), result.stderr
    return lines[0]


def test_every_runtime_file_resolves_through_the_package():
    package = Path(str(files("arctic_routes")))
    paths = datafiles.runtime_files()
    missing = [str(p) for p in paths if not p.is_file()]
    assert not missing
    # In a checkout the site is the repository root: the same files the wheel ships as arctic_routes/site/.
    assert datafiles.SITE_DIR in (package / datafiles.SITE_FOLDER, package.parent)
    assert datafiles.PACKAGE_DATA == package / "data"
    for path in paths:
        assert path.is_relative_to(datafiles.SITE_DIR) or path.is_relative_to(package), path
    # Streamlit serves the folder named static next to the main script: it must be ours.
    assert datafiles.APP_FILE.parent / "static" == datafiles.STATIC_DIR


def test_geodata_override_is_kept(monkeypatch, tmp_path):
    monkeypatch.setenv("ARCTIC_ROUTES_GEODATA", str(tmp_path))
    assert datafiles.geodata_file(datafiles.ROUTES_FILE) == tmp_path / "routes.geojson"


def test_installed_layout_is_read_from_the_package_not_the_checkout(tmp_path):
    """A package with a site/ folder (the wheel's layout) reads from there, never from beside the package."""
    package = tmp_path / "site-packages" / "arctic_routes"
    for folder in ("geodata", "static"):
        (package / "site" / folder).mkdir(parents=True)
    (package / "data").mkdir()
    (package / "__init__.py").write_text("")
    shutil.copy(ROOT / "arctic_routes" / "datafiles.py", package / "datafiles.py")
    (tmp_path / "site-packages" / "geodata").mkdir()  # a decoy where a checkout would keep it
    probe = textwrap.dedent("""
        from arctic_routes import datafiles as d
        print(d.SITE_DIR); print(d.geodata_dir()); print(d.STATIC_DIR); print(d.APP_FILE); print(d.PACKAGE_DATA)
    """)
    env = {k: v for k, v in os.environ.items() if k != "ARCTIC_ROUTES_GEODATA"}
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                         env={**env, "PYTHONPATH": str(tmp_path / "site-packages")}, check=False)
    assert out.returncode == 0, out.stderr
    site = package / "site"
    assert out.stdout.split() == [str(site), str(site / "geodata"), str(site / "static"), str(site / "app.py"),
                                  str(package / "data")]


def _source_folder(package: str) -> Path:
    """Where the build takes ``package``'s files from: its package-dir mapping, else its own folder."""
    return ROOT / SETUPTOOLS.get("package-dir", {}).get(package, package.replace(".", "/"))


def test_wheel_globs_hold_every_file_of_geodata_and_static():
    """What pyproject.toml puts in the wheel covers every file in geodata/, static/ and arctic_routes/data/
    and every runtime file (app.py and the config through their links), with no package mapped onto the
    repository's root (which would ship whatever lies there)."""
    mapped = SETUPTOOLS.get("package-dir", {})
    assert all(Path(folder).resolve() != ROOT and folder not in (".", "") for folder in mapped.values()), mapped
    assert SETUPTOOLS["include-package-data"] is False
    shipped: set[Path] = set()
    for package, patterns in SETUPTOOLS["package-data"].items():
        assert package in SETUPTOOLS["packages"], package
        for pattern in patterns:
            shipped |= {p.resolve() for p in _source_folder(package).glob(pattern) if p.is_file()}
    wanted = {p.resolve() for folder in ("geodata", "static", "arctic_routes/data") for p in (ROOT / folder).rglob("*")
              if p.is_file() and "__pycache__" not in p.parts}
    assert wanted - shipped == set()
    checkout_runtime = {p.resolve() for p in datafiles.runtime_files() if p.is_relative_to(ROOT)}
    assert checkout_runtime - shipped == set()
    assert (ROOT / "app.py").resolve() in shipped


def test_the_command_line_and_the_library_never_load_streamlit():
    """Only the page (arctic_routes.page and app.py) imports streamlit: every other module loads without it."""
    probe = textwrap.dedent("""
        import importlib, pkgutil, sys
        import arctic_routes
        names = [m.name for m in pkgutil.walk_packages(arctic_routes.__path__, "arctic_routes.")
                 if not m.name.startswith(("arctic_routes.page", "arctic_routes.site"))]
        for name in names:
            importlib.import_module(name)
        assert "arctic_routes.cli" in names and len(names) > 20, names
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("streamlit", "streamlit_folium")))
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_licence_files_exist_and_ship():
    listed = PYPROJECT["project"]["license-files"]
    assert {"LICENSE", "THIRD_PARTY_NOTICES.md", "static/vendor/leaflet-1.9.3/LICENSE"} <= set(listed)
    assert all((ROOT / name).is_file() for name in listed)
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License") and "Arctic Routes contributors" in licence
    assert "BSD 2-Clause" in datafiles.LEAFLET_LICENSE_FILE.read_text()
    for vendored in (datafiles.STATIC_DIR / "vendor").iterdir():
        if vendored.is_dir():
            assert (vendored / "LICENSE").is_file(), f"{vendored.name} ships without its licence"


@pytest.mark.parametrize("named", [
    "Natural Earth", "NSIDC", "geometric_features", "BSD 3-Clause", "SeaRoute", "EUPL-1.2", "searoute",
    "Apache-2.0", "Leaflet 1.9.3", "BSD 2-Clause", "World Port Index", "harborly", "GeoNames", "CC BY 4.0",
    "Public domain", "GLOBE",
])
def test_third_party_notices_name_each_source_and_licence(named):
    assert named.lower() in (ROOT / "THIRD_PARTY_NOTICES.md").read_text().lower()


def test_export_carries_leaflets_licence(routes):
    from arctic_routes.export import standalone_html
    from arctic_routes.mapview import MapOptions

    page = standalone_html(routes, MapOptions(route_ids=("tsr-pole",)))
    assert "<script>/*! Leaflet 1.9.3" in page
    assert "BSD 2-Clause License" in page and "Copyright (c) 2010-2022, Vladimir Agafonkin" in page
    assert page.index("BSD 2-Clause License") < page.index("@preserve")  # before Leaflet's own header


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "arctic_routes", "--help"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and "serve" in result.stdout and "lengths" in result.stdout


@pytest.mark.parametrize("port", ["0", "99999", "http", "-1"])
def test_serve_refuses_a_bad_port_in_one_line(port):
    result = subprocess.run([sys.executable, "-m", "arctic_routes", "serve", "--port", port],
                            capture_output=True, text=True, check=False)
    line = _one_line_error(result)
    assert "--port" in line and "1..65535" in line


def test_serve_command_carries_the_config_and_the_server_settings():
    command = streamlit_command(8600, "0.0.0.0")
    assert command[1:5] == ["-m", "streamlit", "run", str(datafiles.APP_FILE)]
    flags = dict(flag.removeprefix("--").split("=", 1) for flag in command[5:])
    assert config_settings()["server.maxUploadSize"] == 20  # the uploader's limit, as configured
    for name, value in config_settings().items():
        if name not in SERVER_SETTINGS:
            assert flags[name] == (str(value).lower() if isinstance(value, bool) else str(value))
    assert flags["server.headless"] == "true" and flags["browser.gatherUsageStats"] == "false"
    assert flags["server.enableStaticServing"] == "true" and flags["server.maxUploadSize"] == "20"
    assert flags["server.port"] == "8600" and flags["server.address"] == "0.0.0.0"


def test_serve_starts_the_page_from_another_folder(tmp_path):
    """``arctic-routes serve`` from a folder with no .streamlit/: healthy, and the static files are served."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with server_process([sys.executable, "-m", "arctic_routes", "serve", "--port", str(port), "--host", "127.0.0.1"],
                        url, cwd=tmp_path, timeout_s=60):
        for path in ("/app/static/vendor/leaflet-1.9.3/leaflet.js", datafiles.LAND_COARSE_DISPLAY_URL,
                     datafiles.LAND_DISPLAY_URL):
            with urllib.request.urlopen(url + path, timeout=10) as resp:
                assert resp.status == 200 and resp.read(20)
