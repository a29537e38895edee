#!/usr/bin/env bash
# macOS only (sips, iconutil): turns maskfill.png into the .icns jpackage wants on macOS. Usage: make-icns.sh OUT.icns
set -euo pipefail
png="$(dirname "$0")/maskfill.png"
set_dir="$(mktemp -d)/maskfill.iconset"
mkdir -p "$set_dir"
for size in 16 32 128 256; do
    sips -z $size $size "$png" --out "$set_dir/icon_${size}x${size}.png" >/dev/null
    sips -z $((size * 2)) $((size * 2)) "$png" --out "$set_dir/icon_${size}x${size}@2x.png" >/dev/null
done
mkdir -p "$(dirname "$1")"
iconutil -c icns "$set_dir" -o "$1"
