#!/usr/bin/env bash
# The browser journeys: headless Chromium (Debian's chromium and chromium-driver) driven through
# Selenium and axe-core (PyPI: selenium, axe-selenium-python) against `sightline serve --demo` on loopback. Needs a built `sightline`
# (.build/debug/sightline, or SIGHTLINE_BINARY). Screenshots go to browser-artifacts/.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi
venv="${SIGHTLINE_BROWSER_VENV:-$repo/.build/browser-venv}"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q --disable-pip-version-check selenium axe-selenium-python
if [ -z "${SIGHTLINE_BINARY:-}" ]; then
  swift build --product sightline >/dev/null
  export SIGHTLINE_BINARY="$repo/.build/debug/sightline"
fi
exec "$venv/bin/python" browser/journeys.py
