#!/usr/bin/env bash
# Build the one-folder bundle dist/edo-app/ (edo-app + edo) from the project's venv with
# PyInstaller, then print its size. Windows: run the same spec, then compile edo-app.iss with
# Inno Setup (iscc installer/edo-app.iss) to get the installer.
set -euo pipefail
cd "$(dirname "$0")/.."
python=.venv/bin/python
[ -x "$python" ] || python=python3
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  echo "build: PyInstaller is missing; run 'bash scripts/setup.sh dev' first" >&2
  exit 2
fi
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/edo-app.spec
echo "build: dist/edo-app is $(du -sh dist/edo-app | cut -f1) in $(find dist/edo-app -type f | wc -l) files," \
  "built in $(( $(date +%s) - start )) s"
