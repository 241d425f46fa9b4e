#!/usr/bin/env bash
# Remakes the font subsets from Debian's fonts-open-sans (pip install fonttools brotli).
set -euo pipefail
cd "$(dirname "$0")"
for style in Regular Bold Italic BoldItalic; do
  for format in ttf woff2; do
    flavor=(); [ "$format" = woff2 ] && flavor=(--flavor=woff2)
    pyftsubset "/usr/share/fonts/truetype/open-sans/OpenSans-$style.ttf" \
      --unicodes="U+0020-007E,U+00A0-024F,U+2010-2027,U+2030-203A,U+20AC,U+20B9,U+2190-2193,U+2212,U+2122,U+2264,U+2265,U+00D7" \
      --layout-features='kern,liga' --no-hinting --desubroutinize "${flavor[@]}" \
      --output-file="OpenSans-$style.$format"
  done
done
