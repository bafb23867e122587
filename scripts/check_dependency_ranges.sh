#!/usr/bin/env bash
# Proves the dependency ranges in pyproject.toml: the unit and page tests (not the browser tests, which
# scripts/test.sh runs) pass both with every runtime dependency at its floor (constraints/lowest.txt) and
# with the newest versions the upper bounds allow. Each run gets a fresh virtual environment outside the
# checkout, with the checkout installed editable into it. Run by .ci/run last.
# Usage: bash scripts/check_dependency_ranges.sh [lowest] [newest]   (both when no argument is given)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/arctic-routes-ranges.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RUNS=("$@")
[ ${#RUNS[@]} -eq 0 ] && RUNS=(lowest newest)
SHOWN="streamlit|folium|branca|pandas|numpy|geopandas|shapely|pyproj|matplotlib|scipy|jinja2|defusedxml|searoute|pyogrio|pyarrow"
failed=()

for run in "${RUNS[@]}"; do
  start=$(date +%s)
  venv="$WORK/$run"
  echo "== $run: fresh virtual environment in $venv"
  "$PYTHON" -m venv "$venv"
  py="$venv/bin/python"
  # --no-compile: byte-compiling every dependency up front doubles the install on 2 cores.
  pip_install=("$py" -m pip install --quiet --disable-pip-version-check --no-compile)
  case "$run" in
    lowest) "${pip_install[@]}" -c constraints/lowest.txt -e '.[test]' ;;
    newest) "${pip_install[@]}" --upgrade --upgrade-strategy eager -e '.[test]' ;;
    *) echo "unknown run: $run (lowest or newest)" >&2; exit 2 ;;
  esac
  echo "   versions used:"
  "$py" -m pip freeze --disable-pip-version-check | grep -iE "^($SHOWN)[a-z_-]*==" | sed 's/^/     /'
  # The venv's own python runs pytest, from the checkout (pyproject.toml's pytest settings, the doctests).
  if "$py" -m pytest -q -p no:cacheprovider -m "not browser" -x; then
    echo "== $run: passed in $(( $(date +%s) - start )) s"
  else
    echo "== $run: FAILED after $(( $(date +%s) - start )) s" >&2
    failed+=("$run")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "check_dependency_ranges: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "check_dependency_ranges: ${RUNS[*]} passed"
