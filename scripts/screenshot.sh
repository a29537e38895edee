#!/usr/bin/env bash
# Refreshes docs/screenshot.png (shown in the README) from the real editor window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
xvfb-run -a mvn -B -q -pl app -am test -Dtest=EditorScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dmaskfill.screenshot="$PWD/docs/screenshot.png"
echo "wrote docs/screenshot.png"
