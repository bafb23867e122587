"""Development helpers shared by the tests and the benchmarks; not part of the package or the wheel.

- :mod:`devkit.browser`: a Streamlit server on a free port and Debian's Chromium through Playwright.
- :mod:`devkit.references`: the published distances the routes and voyages are checked against.

Imported from the repository's root: pytest puts it on the path (``pythonpath`` in pyproject.toml) and
the benchmarks run as modules from there (``python -m bench.run``).
"""
