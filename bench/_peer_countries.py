"""Run inside the peers' environment: resolve a list of names with one peer, print JSON.

    python _peer_countries.py PEER TSV            the whole list, timed from before the import
    python _peer_countries.py PEER TSV steady     after loading and converting one name: the list
                                                  in one call (coco) and name by name
"""

import json
import sys
import time


def converter(peer):
    """A function from one name to a code or None, with the peer loaded."""
    if peer == "coco":
        import logging

        import country_converter as coco

        logging.getLogger("country_converter").setLevel(logging.CRITICAL)
        cc = coco.CountryConverter()

        def one(name):
            out = cc.convert(names=name, to="ISO2", not_found=None)
            return out if isinstance(out, str) else None

        def many(names):
            return [o if isinstance(o, str) else None for o in cc.convert(names, to="ISO2", not_found=None)]

        return one, many
    if peer == "countrynames":
        import countrynames

        def one(name):
            return countrynames.to_code(name, fuzzy=True)

        return one, None
    raise SystemExit(f"unknown peer {peer}")


def steady(peer, names):
    one, many = converter(peer)
    one(names[0])
    result = {}
    if many is not None:
        start = time.perf_counter()
        result["codes"] = many(names)
        result["list_seconds"] = time.perf_counter() - start
    start = time.perf_counter()
    codes = [one(n) for n in names]
    result["per_name_seconds"] = time.perf_counter() - start
    result.setdefault("codes", codes)
    return result


def whole(peer, names):
    start = time.perf_counter()
    one, many = converter(peer)
    out = many(names) if many is not None else [one(n) for n in names]
    return {"seconds": time.perf_counter() - start, "codes": out}


peer, path = sys.argv[1], sys.argv[2]
names = [line.split("\t")[0] for line in open(path, encoding="utf-8").read().splitlines()[1:]]
print(json.dumps(steady(peer, names) if sys.argv[3:] == ["steady"] else whole(peer, names)))
