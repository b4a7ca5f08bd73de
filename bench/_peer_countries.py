"""Run inside the peers' environment: resolve a list of names with one peer, print JSON."""

import json
import sys
import time

peer, path = sys.argv[1], sys.argv[2]
names = [line.split("\t")[0] for line in open(path, encoding="utf-8").read().splitlines()[1:]]
start = time.perf_counter()
if peer == "coco":
    import logging

    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    out = coco.CountryConverter().convert(names, to="ISO2", not_found=None)
    out = [o if isinstance(o, str) else None for o in out]
elif peer == "countrynames":
    import countrynames

    out = [countrynames.to_code(n, fuzzy=True) for n in names]
else:
    raise SystemExit(f"unknown peer {peer}")
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "codes": out}))
