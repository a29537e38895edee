#!/usr/bin/env bash
# Regenerates the image fixtures of ImageDecoderTest with ImageMagick 6.9 (Debian 12 package `imagemagick`,
# libwebp 1.2.4, libjpeg-turbo 2.1.5). The committed files were made by this script; tests only read them.
# (EXIF orientation fixtures are written by the test itself, for all eight orientations.)
# The upright picture is 32x16: left half red, right half blue, an 8x8 green block at the top-left corner,
# so any rotation or mirroring shows.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 32x16 xc:'#ff0000' -fill '#0000ff' -draw 'rectangle 16,0 31,15' \
        -fill '#00ff00' -draw 'rectangle 0,0 7,7' -strip png24:photo.png
convert photo.png -quality 95 -strip photo.jpg
convert photo.png -strip bmp3:photo.bmp
convert photo.png -strip photo.gif
convert photo.png -strip -compress lzw photo.tif
convert photo.png -strip -define webp:lossless=true photo.webp
convert photo.png -colorspace CMYK -quality 95 cmyk.jpg
convert photo.png -colorspace CMYK -compress lzw cmyk.tif
convert photo.png -depth 16 -strip png48:deep16.png
convert -size 8x8 xc:'gray(50%)' -depth 16 -strip gray16.png
