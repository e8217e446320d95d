#!/bin/sh
# Regenerates the screenshots from the bundled sample through `ebr render` (the same drawing
# code as the terminal). The SVGs are committed; with PNG=1, PNGs are written beside them by
# rsvg-convert (Debian: librsvg2-bin).
#
#   screenshots/make.sh            # from anywhere in the repository
#   PNG=1 screenshots/make.sh
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
ebr=target/release/ebr
size=120x36
shot() {
    name=$1
    shift
    "$ebr" render --size "$size" --format svg "$@" > "screenshots/$name.svg"
    if [ "${PNG:-}" = 1 ]; then
        rsvg-convert "screenshots/$name.svg" -o "screenshots/$name.png"
    fi
    echo "screenshots/$name.svg"
}
for tab in overview journeys segments dealers maturity pnl attribution; do
    shot "$tab" --tab "$tab"
done
shot dealers-group --tab dealers --drill central/g08
shot dealers-dealer --tab dealers --drill central/g08/d040
