#!/usr/bin/env bash
# Draws the Maskfill app icon with ImageMagick 6 and writes what jpackage wants per OS:
# maskfill.png (256x256, Linux), maskfill.ico (Windows). macOS's maskfill.icns is made from the PNG by the
# release workflow (iconutil), since ImageMagick cannot write ICNS.
# Design: a rounded indigo-to-violet tile; a photo frame with hills and a sun; a pink mask stroke painted across
# the photo; a small sparkle for the fill.
set -euo pipefail
cd "$(dirname "$0")"
s=1024   # drawn at 4x, then scaled down for clean anti-aliased edges

convert -size ${s}x${s} xc:none \
  \( -size ${s}x${s} gradient:'#4c5fd5-#8a3fd1' \
     \( -size ${s}x${s} xc:none -fill white -draw "roundrectangle 40,40 983,983 200,200" \) \
     -compose DstIn -composite \) -compose Over -composite \
  -fill none -stroke white -strokewidth 36 -draw "roundrectangle 200,250 824,774 60,60" \
  -stroke none -fill 'rgba(255,255,255,0.85)' \
     -draw "polygon 236,740 420,500 560,660 650,560 788,740" \
  -fill 'rgba(255,255,255,0.9)' -draw "circle 680,390 730,390" \
  -fill none -stroke '#ff6ec4' -strokewidth 110 -draw "fill none stroke-linecap round stroke-linejoin round path 'M 300,640 C 420,470 560,720 720,520'" \
  -stroke none -fill white \
     -draw "polygon 800,120 830,200 910,230 830,260 800,340 770,260 690,230 770,200" \
  -resize 256x256 -depth 8 -strip maskfill.png

convert maskfill.png -define icon:auto-resize=256,128,64,48,32,16 maskfill.ico
