"""Command line: ``placenames resolve|gazetteer ...``. Thin: flags -> public API -> print.

Exit codes: 0 success; 1 no match (resolve, label) or problems found (gazetteer check);
2 usage error (bad option, missing column or file, unreadable input); 3 data or source error.
Errors are one clear line on stderr; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from ._errors import PlacenamesError

EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE, EXIT_DATA = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="placenames", description=(
        "Resolve place names in any language to gazetteer entities, with stance-neutral labels."))
    parser.add_argument("--version", action="store_true", help="print the package and data versions")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    res = sub.add_parser("resolve", help="resolve a place name", description=(
        "Print the best match for QUERY (and runners-up with --limit). Exit 1 when nothing matches."))
    res.add_argument("query", help="the place name to resolve")
    res.add_argument("--lang", help="prefer names in this language (BCP 47, e.g. ja, zh-Hant)")
    res.add_argument("--country", help="prefer places in this country (ISO 3166-1 alpha-2)")
    res.add_argument("--kind", action="append", dest="kinds", metavar="K",
                     help="keep only this kind of place (repeatable): country, city, sea, ...")
    res.add_argument("--limit", type=int, default=1, help="how many candidates to show (default 1)")
    res.add_argument("--json", action="store_true", help="print JSON")

    lab = sub.add_parser("label", help="neutral label, rule, dispute facts and per-party names",
                         description="Show how a place is labelled: the neutral label and the rule "
                                     "that chose it, who administers and claims it, each party's name.")
    lab.add_argument("query", metavar="QUERY_OR_ID", help="a place id (pn:..., iso:..., gn:...) or a name")
    lab.add_argument("--perspective", metavar="P", help="render the label as party P names it (e.g. KR)")
    lab.add_argument("--lang", default="en", help="language of the rendering (default en)")
    lab.add_argument("--json", action="store_true", help="print JSON")

    tg = sub.add_parser("tag", help="find and resolve place mentions in text",
                        description="Tag place mentions in a text file (or stdin): offsets, ids, neutral "
                                    "labels, parties. Readable lines by default; --json or --geojson.")
    tg.add_argument("file", nargs="?", default="-", help="text file (UTF-8); '-' or nothing reads stdin")
    out = tg.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the mentions as JSON")
    out.add_argument("--geojson", action="store_true", help="print a GeoJSON FeatureCollection of the places")
    tg.add_argument("--lang", help="language of the text (BCP 47)")
    tg.add_argument("--demonyms", action="store_true", help="also report demonyms (Japanese -> Japan)")
    tg.add_argument("--html", metavar="OUT.html",
                    help="also write a self-contained HTML report (highlighted text, places, map)")

    nor = sub.add_parser("normalize", help="resolve columns of a CSV, TSV or Parquet file",
                         description="Add result columns (COL_id, COL_label, COL_iso, COL_country, "
                                     "COL_kind, COL_score, COL_method, COL_matched, COL_status) after each "
                                     "source column. Rows keep their order; output is written atomically.")
    nor.add_argument("input", help="input file (CSV, TSV or Parquet; '-' reads CSV from stdin)")
    nor.add_argument("--column", action="append", required=True, metavar="COL",
                     help="column to resolve (repeatable)")
    nor.add_argument("-o", "--output", help="output file (default: CSV/TSV to stdout)")
    nor.add_argument("--format", choices=("csv", "tsv", "parquet"), help="input format (default: by extension)")
    nor.add_argument("--encoding", help="input text encoding (default: detected, UTF-8 or Windows-1252)")
    nor.add_argument("--delimiter", help="field delimiter (default: detected)")
    nor.add_argument("--lang", help="prefer names in this language")
    nor.add_argument("--country", help="prefer places in this country (ISO alpha-2)")
    nor.add_argument("--kind", action="append", dest="kinds", metavar="K", help="keep only this kind (repeatable)")
    nor.add_argument("--min-score", type=float, default=70.0, help="lowest score that counts as matched (default 70)")
    nor.add_argument("--chunk-size", type=int, default=50_000, help="rows per chunk (default 50000)")
    nor.add_argument("--report", metavar="FILE", help="also write the report as JSON to FILE")
    nor.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    nor.add_argument("--quiet", action="store_true", help="no report on stderr")

    gaz = sub.add_parser("gazetteer", help="build, check or describe the gazetteer")
    gsub = gaz.add_subparsers(dest="action", metavar="ACTION")
    build = gsub.add_parser("build", help="compile gazetteer sources into the package data")
    build.add_argument("source", nargs="?", type=Path, help="source directory (default: ./gazetteer)")
    build.add_argument("-o", "--output", type=Path, help="output file (default: the package data)")
    check = gsub.add_parser("check", help="validate the gazetteer (exit 1 on problems)")
    check.add_argument("source", nargs="?", type=Path, help="source directory (default: ./gazetteer)")
    check.add_argument("--json", action="store_true", help="print JSON")
    stats = gsub.add_parser("stats", help="counts by kind, names, languages, sources")
    stats.add_argument("--json", action="store_true", help="print JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _run(parser, args)
    except PlacenamesError as exc:
        if args.debug:
            raise
        print(f"placenames: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except (TypeError, ValueError) as exc:
        if args.debug:
            raise
        print(f"placenames: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.version:
        from .gazetteer import Gazetteer

        print(f"placenames {__version__} (data {Gazetteer.default().data_version})")
        return EXIT_OK
    if args.command == "resolve":
        return _resolve(args)
    if args.command == "gazetteer":
        return _gazetteer(args, parser)
    if args.command == "label":
        return _label(args)
    if args.command == "normalize":
        return _normalize(args)
    if args.command == "tag":
        return _tag(args)
    parser.print_help()
    return EXIT_USAGE


def _resolve(args: argparse.Namespace) -> int:
    from . import candidates, resolve

    hints: dict[str, Any] = {"lang": args.lang, "country": args.country, "kinds": args.kinds}
    if args.limit <= 1:
        best = resolve(args.query, **hints)
        found = [best] if best else []
    else:
        found = candidates(args.query, limit=args.limit, **hints)
    if args.json:
        print(json.dumps([m.model_dump(mode="json") for m in found], ensure_ascii=False, indent=2))
    else:
        for m in found:
            lang = f", {m.matched.lang}" if m.matched.lang else ""
            party = f", {m.matched.party} usage" if m.matched.party else ""
            print(f"{m.place.label}\t{m.place.id}\t{m.place.kind}\t{m.score:g}\t{m.method}\t"
                  f"{m.matched.text} ({m.matched.kind}{lang}{party})")
        if not found:
            print(f"no match for {args.query!r}", file=sys.stderr)
    return EXIT_OK if found else EXIT_NO_MATCH


def _tag(args: argparse.Namespace) -> int:
    from . import tag
    from ._output import to_geojson, to_json

    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise ValueError(f"cannot read {args.file}: {exc.strerror}") from None
    mentions = tag(text, lang=args.lang, demonyms=args.demonyms)
    if args.html:
        _write_html(args.html, text, mentions, "stdin" if args.file == "-" else Path(args.file).name)
    if args.json:
        print(json.dumps(to_json(mentions), ensure_ascii=False, indent=2))
    elif args.geojson:
        print(json.dumps(to_geojson(mentions), ensure_ascii=False, indent=2))
    else:
        for m in mentions:
            usage = f"\t{m.usage}" if m.usage else ""
            print(f"{m.start}-{m.end}\t{m.text}\t{m.match.place.id}\t{m.match.place.label}{usage}")
    return EXIT_OK


def _write_html(out: str, text: str, mentions: list[Any], title: str) -> None:
    """Write the HTML report atomically: a temporary file beside OUT, renamed at the end."""
    import os

    from ._html import to_html

    target = Path(out)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text(to_html(text, mentions, title=f"Place mentions: {title}"), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValueError(f"cannot write {out}: {exc.strerror}") from None


def _normalize(args: argparse.Namespace) -> int:
    from . import _files
    from .gazetteer import Gazetteer

    if args.chunk_size < 1:
        raise ValueError("--chunk-size must be at least 1")
    fmt = _files.detect_format(args.input, args.format)
    if args.input != "-" and not Path(args.input).is_file():
        raise ValueError(f"no such file: {args.input}")
    hints = {"lang": args.lang, "country": args.country, "kinds": args.kinds, "min_score": args.min_score}
    norm = _files.Normalizer(Gazetteer.default(), hints)
    size = Path(args.input).stat().st_size if args.input != "-" else None
    progress = _files.Progress(size, enabled=sys.stderr.isatty() and not args.no_progress)
    try:
        if fmt == "parquet":
            rows = _files.normalize_parquet(args.input, args.output, args.column, norm,
                                            chunk_size=args.chunk_size, progress=progress)
        else:
            rows = _files.normalize_csv(args.input, args.output, args.column, norm, fmt=fmt,
                                        encoding=args.encoding, delimiter=args.delimiter,
                                        chunk_size=args.chunk_size, progress=progress)
    except KeyError as exc:
        raise ValueError(exc.args[0]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read or write: {exc}") from None
    report = norm.report()
    if args.report:
        _files.write_report(args.report, report, rows)
    if not args.quiet:
        _files.print_report(report, rows, sys.stderr)
    return EXIT_OK


def _label(args: argparse.Namespace) -> int:
    from . import UnknownPlaceError, get, label, perspectives, resolve

    try:
        place = get(args.query)
    except UnknownPlaceError:
        match = resolve(args.query)
        if match is None:
            print(f"no match for {args.query!r}", file=sys.stderr)
            return EXIT_NO_MATCH
        place = match.place
    shown = label(place, args.perspective, args.lang)
    parties = perspectives(place, args.lang)
    if args.json:
        print(json.dumps({
            "id": place.id, "label": place.label, "label_rule": place.label_rule,
            "perspective": args.perspective, "rendered": shown,
            "dispute": place.dispute.model_dump() if place.dispute else None,
            "perspectives": parties}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{shown}\t{place.id}\t{place.kind}")
    if args.perspective not in (None, "neutral"):
        print(f"neutral label: {place.label}")
    print(f"rule: {place.label_rule or 'not contested (plain name)'}")
    if place.dispute:
        d = place.dispute
        print(f"status: {d.status}; administered by: {', '.join(d.administered_by) or 'none'}; "
              f"claimed by: {', '.join(d.claimants) or 'none'} (as of {d.as_of})")
    for party, name in parties.items():
        print(f"  {party}: {name}")
    return EXIT_OK


def _gazetteer(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.action == "build":
        from . import build

        build_args = [str(args.source)] if args.source else []
        if args.output:
            build_args += ["-o", str(args.output)]
        return build.main(build_args)
    if args.action == "check":
        from ._check import check

        problems = check(args.source)
        if args.json:
            print(json.dumps(problems, ensure_ascii=False, indent=2))
        else:
            for p in problems:
                print(f"{p['severity']}: {p['place']}: {p['problem']}")
            errors = sum(p["severity"] == "error" for p in problems)
            print(f"{errors} errors, {len(problems) - errors} warnings", file=sys.stderr)
        return EXIT_NO_MATCH if any(p["severity"] == "error" for p in problems) else EXIT_OK
    if args.action == "stats":
        from .gazetteer import Gazetteer

        stats = Gazetteer.default().stats()
        if args.json:
            print(json.dumps(stats, ensure_ascii=False, indent=2))
        else:
            print(f"data version {stats['data_version']}")
            for kind, n in stats["places_by_kind"].items():
                print(f"{kind:16} {n:>9,}")
            print(f"{'places':16} {sum(stats['places_by_kind'].values()):>9,}")
            print(f"{'names':16} {stats['names']:>9,}")
            print(f"{'languages':16} {stats['languages']:>9,}")
            print(f"{'source files':16} {len(stats['sources']):>9,}")
        return EXIT_OK
    parser.parse_args(["gazetteer", "--help"])
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
