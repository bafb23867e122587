"""The ``arctic-routes`` command line.

``arctic-routes lengths [--format table|json|csv] [--file PATH]`` prints the
geodesic length of every built-in route, or of the lines in a user's GeoJSON.
``arctic-routes compare FROM TO [--speed KN] [--month 1..12] [--ship CLASS]
[--format table|json|geojson]`` compares the voyages between two ports (name or
UN/LOCODE): via Suez, Panama, the Cape and each Arctic route, and says which
are open to that ship in that month. ``arctic-routes seasons`` gives each
route's share under the median sea ice, month by month. ``arctic-routes measure FILE
[--format table|json]`` gives each line of a GeoJSON, GPX or CSV file (the page's rules: each GPX track
segment and route its own line) with its geodesic length in nm and km. ``arctic-routes extent [--month 1..12]
[--format text|csv|json | --out FILE.png|FILE.svg [--size PRESET|WxH]]`` gives the month's sea-ice extent of
every year (NSIDC Sea Ice Index), in a sentence, as numbers or as a chart with its alt text. Every error exits with status 2
and one line on stderr, without a Python class name; a reader that closes the pipe early (``| head``)
ends the command quietly (status 141, as a command killed by SIGPIPE). Never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from arctic_routes import __version__
from arctic_routes.navigation import DEFAULT_SHIP, SHIPS, assess
from arctic_routes.notes import MAX_NOTE_CHARS, MAX_NOTES, Note, parse_note
from arctic_routes.ports import find_end
from arctic_routes.reading import RouteDataError
from arctic_routes.reports import format_comparison, format_lengths, format_measure, format_seasons
from arctic_routes.routes import lengths_table, load_routes
from arctic_routes.seaice import DEFAULT_MONTH, route_seasons
from arctic_routes.share import HIGHLIGHT_VOYAGE
from arctic_routes.tracks import load_track_file
from arctic_routes.units import DEFAULT_SPEED_KN, UNITS, check_speed
from arctic_routes.voyage import as_geojson, as_json, compare


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"arctic-routes: error: {message}\n")


def _lengths(args: argparse.Namespace) -> int:
    routes = load_track_file(args.file) if args.file else load_routes()
    print(format_lengths(lengths_table(routes), args.format))
    return 0


def _measure(args: argparse.Namespace) -> int:
    print(format_measure(load_track_file(args.file), args.format))
    return 0


def _route_ids(spec: str | None, routes: pd.DataFrame) -> list[str]:
    """The route ids a ``--routes`` list names (all if None, none for "none"); error naming unknown ids."""
    ids = list(routes.index) if spec is None else [s.strip() for s in spec.split(",") if s.strip() not in ("", "none")]
    unknown = [r for r in ids if r not in routes.index]
    if unknown:
        raise RouteDataError("--routes", f"unknown route id {', '.join(unknown)}; known: {', '.join(routes.index)}")
    return ids


def _choose_routes(spec: str | None, file: str | None):  # type: ignore[no-untyped-def]
    """The built-in routes named in ``spec`` (all if None), plus a user's file; error naming unknown ids."""
    import pandas as pd

    routes = load_routes()
    ids = _route_ids(spec, routes)
    chosen = routes.loc[ids]
    if file:
        user = load_track_file(file)
        chosen = pd.concat([chosen, user])
        ids += list(user.index)
    return chosen, ids


def _emphasis(args: argparse.Namespace, known_ids: Sequence[str]) -> tuple[frozenset[str], tuple[Note, ...]]:
    """``--highlight`` (route ids and/or "voyage", each known) and every ``--note`` (each drawable)."""
    highlight: list[str] = []
    if args.highlight:
        allowed = [*known_ids, HIGHLIGHT_VOYAGE]
        highlight = [x.strip() for x in args.highlight.split(",") if x.strip()]
        unknown = [x for x in highlight if x not in allowed]
        if unknown:
            raise ValueError(f"--highlight takes route ids or 'voyage'; unknown: {', '.join(u[:30] for u in unknown[:3])}")
    specs = args.note or []
    if len(specs) > MAX_NOTES:
        raise ValueError(f"at most {MAX_NOTES} --note on one map, not {len(specs)}")
    return frozenset(highlight), tuple(parse_note(spec) for spec in specs)


def _export_html(args: argparse.Namespace) -> int:
    from arctic_routes.export import standalone_html
    from arctic_routes.mapview import MapOptions
    from arctic_routes.routes import load_straits

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise RouteDataError(str(out), "the output file must end in .html")
    routes, ids = _choose_routes(args.routes, args.file)
    layers = frozenset({"straits", "ice"} if args.ice else {"straits"})
    highlight, notes = _emphasis(args, ids)
    options = MapOptions(route_ids=tuple(ids), unit=args.unit, layers=layers, month=args.month, highlight=highlight,
                         notes=notes)
    found = None
    if args.voyage:
        found = assess(compare(*args.voyage), args.month, args.ship, check_speed(args.speed))
    view = None
    if args.view:
        from arctic_routes.share import parse_view

        view = parse_view(args.view)
        if view is None:
            raise ValueError(f"--view must be x_km,y_km,zoom within the map, not {args.view[:40]!r}")
    page = standalone_html(routes, options, title=args.title, straits=load_straits(), subtitle=args.subtitle,
                           assessment=found, view=view)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise RouteDataError(str(out), f"cannot write: {exc.strerror or exc}") from None
    print(f"wrote {out} ({len(page.encode()) / 1e6:.1f} MB, {len(ids)} routes)")
    return 0


def _render(args: argparse.Namespace) -> int:
    from arctic_routes.captions import alt_text, check_title, credit_text
    from arctic_routes.render import parse_size, render_georeferenced

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise RouteDataError(str(out), "the output file must end in .png or .svg")
    title = check_title(args.title)
    routes = load_routes()  # all of them: a voyage's Arctic route is credited even when not drawn alone
    ids = _route_ids(args.routes, routes)
    speed = check_speed(args.speed)
    drawn: tuple = ()
    ends: tuple = ()
    headline = None
    if args.voyage:
        found = assess(compare(*args.voyage), args.month, args.ship, speed)
        drawn, headline = found.to_draw(), found.headline
        ends = (found.comparison.origin, found.comparison.destination)
        if not drawn:
            raise ValueError(f"no voyage between {args.voyage[0]} and {args.voyage[1]} open to that ship "
                             "in that month in our data")
    ice_month = args.month if args.ice else None
    highlight, notes = _emphasis(args, list(routes.index))
    short = args.credit == "short"
    data, where = render_georeferenced(routes, ids, unit=args.unit, size=parse_size(args.size), fmt=fmt,
                                       title=title, subtitle=args.subtitle, voyages=drawn, speed_kn=speed,
                                       ice_month=ice_month, ends=ends, highlight=highlight, notes=notes,
                                       short_credit=short)
    alt = alt_text(routes, ids, args.unit, drawn, speed, ice_month, title, headline, ends, args.month, args.ship,
                   highlight=highlight, notes=notes)
    sources = credit_text(routes, ids, drawn, ice_month)
    if short:  # the image names its sources in one line: the alt text and a note beside the image carry them all
        alt += f" Sources: {sources}"
    alt_path = out.with_suffix(".alt.txt")
    world_path = out.with_suffix(".pgw")  # a PNG's world file (EPSG:3413); an SVG carries it in its <metadata>
    try:
        out.write_bytes(data)
        alt_path.write_text(alt + "\n", encoding="utf-8")
        if fmt == "png":
            world_path.write_text(where.world_file(), encoding="ascii")
        if short:
            out.with_suffix(".sources.txt").write_text(sources + "\n", encoding="utf-8")
    except OSError as exc:
        raise RouteDataError(str(out), f"cannot write: {exc.strerror or exc}") from None
    also = f", its world file {world_path} (EPSG:3413)" if fmt == "png" else " (georeferenced in its metadata)"
    print(f"wrote {out} ({len(data) / 1e3:.0f} KB){also} and its alt text {alt_path}")
    return 0


def _animate(args: argparse.Namespace) -> int:
    from arctic_routes.animate import animation_alt_text, build_animation, check_frame_size, output_format
    from arctic_routes.captions import check_title, credit_text
    from arctic_routes.render import parse_size

    out = Path(args.out)
    try:
        fmt = output_format(out)
    except ValueError:
        raise RouteDataError(str(out), "the output file must end in .gif or .mp4") from None
    folder = out.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK) or out.is_dir():  # before the frames are drawn
        raise RouteDataError(str(out), "cannot write: " + ("no such folder" if not folder.is_dir() else
                                                           "it is a folder" if out.is_dir() else "permission denied"))
    size = check_frame_size(parse_size(args.size))
    title = check_title(args.title)
    routes = load_routes()
    ids = _route_ids(args.routes, routes)
    highlight, notes = _emphasis(args, list(routes.index))
    short = args.credit == "short"
    made = build_animation(routes, ids, fmt, size, unit=args.unit, title=title, subtitle=args.subtitle,
                           highlight=highlight, notes=notes, short_credit=short)
    alt = animation_alt_text(routes, ids, args.unit, title=title, highlight=highlight, notes=notes)
    sources = credit_text(routes, ids, (), ice_month=1)
    if short:  # as render: the frames name their sources in one line, the alt text (which names the ice's) and
        alt += f" Sources: {credit_text(routes, ids)}"  # a note carry them all
    alt_path = out.with_suffix(".alt.txt")
    try:
        out.write_bytes(made.data)
        alt_path.write_text(alt + "\n", encoding="utf-8")
        if short:
            out.with_suffix(".sources.txt").write_text(sources + "\n", encoding="utf-8")
    except OSError as exc:
        raise RouteDataError(str(out), f"cannot write: {exc.strerror or exc}") from None
    print(f"wrote {out} ({len(made.data) / 1e6:.2f} MB, 12 months in {made.seconds:g} s, "
          f"{made.size[0]}x{made.size[1]} px) and its alt text {alt_path}")
    for reduction in made.reductions:
        print(f"reduced to stay under the size limit: {reduction}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    origin, destination = find_end(args.origin), find_end(args.destination)  # a port, or a position LAT,LON
    assessment = assess(compare(origin, destination), args.month, args.ship, check_speed(args.speed))
    if args.format == "json":
        print(json.dumps(as_json(assessment), indent=2, ensure_ascii=False))
    elif args.format == "geojson":
        print(json.dumps(as_geojson(assessment), ensure_ascii=False))
    else:
        print(format_comparison(assessment))
    return 0


def _seasons(args: argparse.Namespace) -> int:
    routes = load_routes()
    shares = route_seasons(routes)
    if args.format == "json":
        print(json.dumps({rid: [round(p, 1) for p in pcts] for rid, pcts in shares.items()}, indent=2))
    else:
        print(format_seasons(routes, shares))
    return 0


def _extent(args: argparse.Namespace) -> int:
    from arctic_routes.extent import extent_alt_text, extent_rows, load_month, series_sentence, summarise

    series = load_month(args.month)
    if args.out:
        from arctic_routes.extent_chart import parse_chart_size, render_extent_chart

        out = Path(args.out)
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in ("png", "svg"):
            raise RouteDataError(str(out), "the output file must end in .png or .svg")
        data = render_extent_chart(series, parse_chart_size(args.size), fmt)
        alt_path = out.with_suffix(".alt.txt")
        try:
            out.write_bytes(data)
            alt_path.write_text(extent_alt_text(series) + "\n", encoding="utf-8")
        except OSError as exc:
            raise RouteDataError(str(out), f"cannot write: {exc.strerror or exc}") from None
        print(f"wrote {out} ({len(data) / 1e3:.0f} KB) and its alt text {alt_path}")
        return 0
    if args.format in ("json", "csv"):
        rows = extent_rows(series)
        if args.format == "json":
            print(json.dumps(rows, indent=2))
        else:
            print("year,extent_mkm2")  # a gap is an empty field
            for row in rows:
                value = row["extent_mkm2"]
                print(f"{row['year']},{'' if value is None else format(value, '.2f')}")
        # The numbers stay machine-readable on stdout; where they come from (a version, where it ends) goes beside.
        print(f"source: {series.credit}, {series.month_name}, million km² ({Path(series.source).name})",
              file=sys.stderr)
    else:
        print(series_sentence(series, summarise(series)))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from arctic_routes.serve import serve

    return serve(port=args.port, host=args.host)


def _month(text: str) -> int:
    """argparse type: a month 1..12 (a one-line error otherwise)."""
    if not (text.strip().isascii() and text.strip().isdigit() and len(text) <= 4) or not 1 <= int(text) <= 12:
        raise argparse.ArgumentTypeError(f"month must be 1..12, not {text[:20]!r}")
    return int(text)


def _add_month_ship(parser: argparse.ArgumentParser, ice: bool = False) -> None:
    """--month and --ship (and, for what draws a map, --ice/--no-ice)."""
    parser.add_argument("--month", type=_month, default=DEFAULT_MONTH,
                        help="1..12 (default 9, September: the least ice)")
    parser.add_argument("--ship", choices=list(SHIPS), default=DEFAULT_SHIP,
                        help="who sails: ordinary (no ice class, the default), ice-class (Arc7) or icebreaker")
    if ice:
        parser.add_argument("--ice", action=argparse.BooleanOptionalAction, default=True,
                            help="draw the month's median sea ice (default: yes)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="arctic-routes", description="Arctic shipping routes and their true lengths.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    lengths = sub.add_parser("lengths", help="geodesic length of each route (WGS84)")
    lengths.add_argument("--format", choices=("table", "json", "csv"), default="table")
    lengths.add_argument("--file", help="measure the track(s) in this GeoJSON, GPX or CSV instead of the built-in routes")
    lengths.set_defaults(func=_lengths)
    measure = sub.add_parser("measure", help="each line of a GeoJSON, GPX or CSV file with its geodesic length")
    measure.add_argument("file", metavar="FILE", help="GeoJSON, GPX or CSV (lat/lon columns), as the page reads them")
    measure.add_argument("--format", choices=("table", "json", "csv"), default="table")
    measure.set_defaults(func=_measure)
    export = sub.add_parser("export-html", help="one self-contained HTML file with the interactive map")
    export.add_argument("--out", required=True, help="the .html file to write")
    export.add_argument("--routes", help="comma-separated route ids (default: all)")
    export.add_argument("--file", help="also draw the lines of this GeoJSON, GPX or CSV (as the page reads them)")
    export.add_argument("--unit", choices=list(UNITS), default="nm")
    export.add_argument("--title", default="Arctic shipping routes")
    export.add_argument("--subtitle", default=None)
    export.add_argument("--voyage", nargs=2, metavar=("FROM", "TO"),
                        help="also draw the fastest open and the conventional voyage, with the comparison table")
    export.add_argument("--speed", type=float, default=DEFAULT_SPEED_KN, help="knots, for --voyage (default 14)")
    _add_month_ship(export, ice=True)
    _add_emphasis(export)
    export.add_argument("--view", help="the map view as in a share link's at=: x_km,y_km,zoom")
    export.set_defaults(func=_export_html)
    render = sub.add_parser("render", help="a PNG or SVG image of the polar map, for publication")
    _add_picture(render, "FILE.png or FILE.svg", "Arctic shipping routes")
    render.add_argument("--voyage", nargs=2, metavar=("FROM", "TO"),
                        help="also draw the shortest and the conventional voyage between two ports")
    render.add_argument("--speed", type=float, default=DEFAULT_SPEED_KN, help="knots, for --voyage (default 14)")
    _add_month_ship(render, ice=True)
    _add_emphasis(render)
    render.add_argument("--credit", choices=("full", "short"), default="full",
                        help="full: every source under the image (default); short: one line, the full list in the "
                             "alt text and in FILE.sources.txt")
    render.set_defaults(func=_render)
    animate = sub.add_parser("animate", help="a GIF or MP4 of the polar map, the median sea ice month by month")
    _add_picture(animate, "FILE.gif or FILE.mp4 (at most 8 MB)", "Arctic shipping routes and the sea ice, month by month")
    _add_emphasis(animate)
    animate.add_argument("--credit", choices=("full", "short"), default="short",
                         help="short: one line, the full list in the alt text and in FILE.sources.txt (default); "
                              "full: every source under the map")
    animate.set_defaults(func=_animate)
    comp = sub.add_parser("compare", help="port to port: the Arctic routes against Suez, Panama and the Cape")
    comp.add_argument("origin", metavar="FROM", help="a port (name, UN/LOCODE, 'Sydney, Australia') or LAT,LON, "
                                                     "e.g. Rotterdam, NLRTM or 53.55,9.97")
    comp.add_argument("destination", metavar="TO", help="a port or LAT,LON (a negative latitude after --)")
    comp.add_argument("--speed", type=float, default=DEFAULT_SPEED_KN, help="knots (default 14)")
    comp.add_argument("--format", choices=("table", "json", "geojson"), default="table")
    _add_month_ship(comp)
    comp.set_defaults(func=_compare)
    seasons = sub.add_parser("seasons", help="each route's share under the median sea ice, month by month")
    seasons.add_argument("--format", choices=("table", "json"), default="table")
    seasons.set_defaults(func=_seasons)
    extent = sub.add_parser("extent", help="the Arctic's sea-ice extent in one month, every year (NSIDC Sea Ice Index)")
    extent.add_argument("--month", type=_month, default=DEFAULT_MONTH, help="1..12 (default 9, September)")
    shown = extent.add_mutually_exclusive_group()
    shown.add_argument("--out", help="draw the chart: FILE.png or FILE.svg (its alt text beside it, FILE.alt.txt)")
    shown.add_argument("--format", choices=("text", "csv", "json"), default="text",
                       help="text: the month in one sentence (the default); csv or json: the value of every year")
    extent.add_argument("--size", default="social",
                        help="with --out: phone (390x600), social (1200x675, the default), square, print, story or WxH")
    extent.set_defaults(func=_extent)
    from arctic_routes.serve import DEFAULT_HOST, DEFAULT_PORT, port_number

    serve = sub.add_parser("serve", help="start the page (Streamlit, headless) from the installed package")
    serve.add_argument("--port", type=port_number, default=DEFAULT_PORT, help=f"1..65535 (default {DEFAULT_PORT})")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    serve.set_defaults(func=_serve)
    return parser


def _add_picture(command: argparse.ArgumentParser, out_help: str, title: str) -> None:
    """What an image and an animation both take: the file, the routes, the size, the words and the unit."""
    command.add_argument("--out", required=True, help=out_help)
    command.add_argument("--routes", help="comma-separated route ids (default: all)")
    command.add_argument("--size", default="social",
                         help="social (1200x675, the default), square (1080x1080), print (2400x1600), "
                              "story (1080x1920) or WxH")
    command.add_argument("--title", default=title)
    command.add_argument("--subtitle", default=None)
    command.add_argument("--unit", choices=list(UNITS), default="nm")


def _add_emphasis(command: argparse.ArgumentParser) -> None:
    command.add_argument("--highlight", metavar="ID[,ID]",
                         help="keep these routes (ids, or 'voyage') in colour and fade every other line")
    command.add_argument("--note", action="append", metavar="TEXT@PLACE",
                         help=f"a label of your own at a port or at lat,lon (repeatable, up to {MAX_NOTES}; "
                              f"at most {MAX_NOTE_CHARS} characters), drawn as typed")


#: Exit status when the reader of our output has gone (``| head``): a command killed by SIGPIPE gives 128 + 13.
CLOSED_PIPE_STATUS = 141


def _stdout_gone() -> None:
    """After a closed pipe: point stdout at /dev/null, so Python's own flush at exit has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (a test's capture): nothing left to flush
        pass


def _error_line(exc: BaseException) -> str:
    """An exception as one line of plain words: its message, never its Python class name."""
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    text = " ".join(str(exc).split())
    if isinstance(exc, ValueError):  # ours (RouteDataError, UnknownPort) and the checks': written to be read
        return text or "invalid input"
    return f"unexpected problem ({text or 'no message'}); please report it"  # a bug, said in one line


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            args = build_parser().parse_args(argv)
            status = int(args.func(args))
        finally:
            sys.stdout.flush()  # a closed pipe shows here, inside this try, not in Python's flush at exit
        return status
    except BrokenPipeError:
        _stdout_gone()
        return CLOSED_PIPE_STATUS
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # argparse's SystemExit (--help, usage errors) passes: it has printed its line
        print(f"arctic-routes: error: {_error_line(exc)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
