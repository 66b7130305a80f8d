#!/usr/bin/env bash
# Makes sure the Debian packages the pipeline needs are present.
# As root it installs what is missing; otherwise it names what is missing and fails.
set -euo pipefail

# `system-deps.sh test` adds what the test suite needs beyond building reports.
packages=(
  libpango-1.0-0        # text layout for WeasyPrint
  libpangoft2-1.0-0
  libharfbuzz-subset0   # font subsetting with reproducible bytes
  fonts-liberation2     # Liberation Sans, the report face (metric-compatible with Arial)
  poppler-utils         # pdftotext and pdftoppm, to read the PDF back
)

if [ "${1:-}" = "test" ]; then
  packages+=(chromium)  # the real browser the HTML edition is tested in (Playwright drives it)
  # npm installs axe-core, the accessibility auditor run inside the page; any Node.js will do.
  command -v npm >/dev/null 2>&1 || packages+=(npm)
  # Java runs the Nu HTML Checker (vnu-jar, from npm) that validates the HTML edition.
  command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
