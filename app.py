"""Arctic Routes: the Streamlit page. Widgets only; all logic is in arctic_routes/."""

from __future__ import annotations

import time
from functools import partial

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from arctic_routes.captions import MAX_TITLE_CHARS, alt_text
from arctic_routes.embed import embed_snippet, height_reporter
from arctic_routes.export import lengths_csv, routes_geojson, standalone_html, voyage_csv
from arctic_routes.leaflet import DRAWN_KEY
from arctic_routes.mapview import LAYERS, MapOptions, base_map, map_in_words, overlay_layers
from arctic_routes.navigation import ICE_SPEED_SOURCE, RULES, SHIPS, assess
from arctic_routes.ports import all_ports, port_key
from arctic_routes.render import SIZES
from arctic_routes.routes import RouteDataError
from arctic_routes.seaice import ICE_CREDIT, MONTH_NAMES, OPEN_MAX_ICE_PCT
from arctic_routes.share import DEFAULT_ROUTE, PageState, parse_query, share_url, to_query, view_from_map
from arctic_routes.style import FAMILY_LABELS, FAMILY_TEXT_COLOURS
from arctic_routes.tables import TABLE_CSS, comparison_table, table_html
from arctic_routes.units import DEFAULT_SPEED_KN, SPEED_RANGE_KN, UNITS, convert_m
from arctic_routes.voyage import Comparison, compare, options_rows
from page_data import (
    built_layers,
    data,
    fixed_tables,
    image,
    legs_html,
    lengths_html,
    route_choices,
    user_file,
    warm_voyages,
)

#: Streamlit's named text colours closest to the map's family colours (plain markdown, no raw HTML).

st.set_page_config(page_title="Arctic Routes: the shipping routes and their true lengths", page_icon="🧭",
                   layout="wide")
# Focus is always visible, and the tables' style. Sent after the map, and only once the whole page is (style-
# only st.html takes no place on the page): the code that draws st.html is fetched when the first one arrives,
# and the map's frame would wait for it (docs/BENCHMARKS.md). Captions need no style of ours: the theme's text
# colour (.streamlit/config.toml) puts them at 4.7:1 on white (WCAG 1.4.3), whatever the reader's system theme.
PAGE_CSS = ("<style>:focus-visible{outline:3px solid #1a5fb4!important;outline-offset:2px}</style>"
            + TABLE_CSS)


try:
    routes, straits, ports, facts = data()
except RouteDataError as exc:  # a broken data file: say which, never a traceback
    st.error(f"The route data could not be loaded: {exc}")
    st.stop()

known_ids = list(routes.index)

# ---- a shared link sets the starting state, once per session ---------------
voyage_ports = {p.label: p for p in all_ports()}
port_by_key = {p.key: p for p in voyage_ports.values()}
if "_link_read" not in st.session_state:
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    link, st.session_state["_notices"] = parse_query(params, known_ids, list(port_by_key), resolve_port=port_key)
    if link.voyage:
        st.session_state["voy_from"], st.session_state["voy_to"] = (port_by_key[k].label for k in link.voyage)
    st.session_state["voy_speed"] = link.speed_kn
    st.session_state["month"] = link.month
    st.session_state["ship"] = link.ship
    for rid in known_ids:
        st.session_state[f"show_{rid}"] = rid in link.route_ids
    st.session_state["unit"] = link.unit
    for key in LAYERS:
        st.session_state[f"layer_{key}"] = key in link.layers
    st.session_state["selected"] = link.selected or DEFAULT_ROUTE
    st.session_state["_embed"] = link.embed or bool(st.context.is_embedded)
    st.session_state["_link_view"] = link.at
    st.session_state["_link_read"] = True

#: If the map, once it exists, never reports that it is drawn (a script error), the whole page is sent
#: this long after its first report; checked every FIRST_PAINT_CHECK_S. Not sooner: on a loaded server
#: a timer that completes the page while maps are still drawing slowed 20 readers from 56 s to 116 s.
FIRST_PAINT_FALLBACK_S = 30.0
FIRST_PAINT_CHECK_S = 5.0

# ---- first paint ----------------------------------------------------------
# Until the map reports that its land and routes are drawn, a new page sends only the title and the
# map: the browser has one main thread, and every other element would make the map wait (about 1.3 s
# on a 2-core machine, docs/BENCHMARKS.md). The controls, details and tables follow in the next run.
embed = st.session_state["_embed"]
if (st.session_state.get("map") or {}).get(DRAWN_KEY):
    st.session_state["_page_complete"] = True
first_paint = not embed and not st.session_state.get("_page_complete")

# ---- controls -------------------------------------------------------------
if embed or first_paint:  # the state as the link set it; no widgets yet (or none at all, embedded)
    chosen = [rid for rid in known_ids if st.session_state.get(f"show_{rid}")]
    unit = st.session_state.get("unit", "nm")
    layers = frozenset(k for k in LAYERS if st.session_state.get(f"layer_{k}"))
    month = int(st.session_state.get("month", 9))
else:
    with st.sidebar:
        st.header("Routes")
        chosen = []
        for family, variants in route_choices():
            st.html(f'<b style="color:{FAMILY_TEXT_COLOURS[family]}">{FAMILY_LABELS[family]}</b>')  # the map's hue
            for rid, variant in variants:
                if st.checkbox(variant, key=f"show_{rid}"):
                    chosen.append(rid)
        unit = st.radio("Units", list(UNITS), format_func=lambda u: UNITS[u][1], horizontal=True, key="unit")
        st.header("Sea ice and season")
        month = st.select_slider("Month", options=list(range(1, 13)), format_func=lambda m: MONTH_NAMES[m - 1],
                                 key="month", help="Draws that month's sea ice and judges each voyage in it.")
        st.caption("Median sea-ice extent 1981-2010, **not this year's ice** (NSIDC). Default: September, "
                   "the month with the least ice.")
        st.header("Annotations")
        layers = frozenset(k for k, label in LAYERS.items() if st.checkbox(label, key=f"layer_{k}"))
        st.header("Your track")
        # No type= filter: our loader names every refused format (KML, shapefile...) in its own words.
        upload = st.file_uploader("A ship's track to compare (GeoJSON, GPX or CSV with lat/lon)", key="upload")

if first_paint:
    st.sidebar.header("Routes")
    st.sidebar.caption("The controls appear as soon as the map is drawn.")
    upload = None

# A reader's track joins the built-in routes on the map, in the table and in the downloads.
user_tracks = None
if not embed and upload is not None:
    try:
        user_tracks = user_file(upload.name, upload.getvalue())
    except RouteDataError as exc:  # one line; the built-in routes are untouched
        st.sidebar.error(f"Could not use that file: {exc.problem}")
shown_routes = routes if user_tracks is None else pd.concat([routes, user_tracks])
shown_ids = chosen + ([] if user_tracks is None else list(user_tracks.index))

# Port to port: the widgets sit below the map, but the map needs their values first.
comparison: Comparison | None = None
voyage_error = None
voyages_drawn: list = []
voyage_from, voyage_to = st.session_state.get("voy_from"), st.session_state.get("voy_to")
speed_kn = float(st.session_state.get("voy_speed") or DEFAULT_SPEED_KN)
ship = st.session_state.get("ship") if st.session_state.get("ship") in SHIPS else "ordinary"
assessment = None
if voyage_from in voyage_ports and voyage_to in voyage_ports:
    try:
        comparison = compare(voyage_ports[voyage_from], voyage_ports[voyage_to])
        assessment = assess(comparison, month, ship, speed_kn)
    except ValueError as exc:  # the same port twice: one line
        voyage_error = str(exc)
if assessment is not None and comparison is not None and comparison.voyages:
    # Per ship and month: what is drawn first is the fastest option open to that ship, never a closed one.
    draw_key = f"voy_draw_{voyage_from}_{voyage_to}_{ship}_{month}"
    default_draw = [o.voyage.name for o in assessment.to_draw()]
    wanted = st.session_state.get(draw_key, default_draw)
    voyages_drawn = [o for o in assessment.options if o.voyage.name in wanted]

# A click on a route comes back as its tooltip text ("<name>: <length> <unit>").
clicked = (st.session_state.get("map") or {}).get("last_object_clicked_tooltip")
if clicked and clicked != st.session_state.get("_last_click"):
    st.session_state["_last_click"] = clicked
    match = [rid for rid, r in routes.iterrows() if clicked.startswith(f"{r['name']}:")]
    if match:
        st.session_state["selected"] = match[0]
if st.session_state.get("selected") not in routes.index:
    st.session_state["selected"] = DEFAULT_ROUTE
selected = st.session_state["selected"]

# The map view: as the reader left it, else as the link asked (the map reports it after a pan or zoom).
# The map reports its view as soon as it opens: that first report is where it opened, not a choice, so
# the link gains a view only once the reader has moved the map away from it.
reported = view_from_map(st.session_state.get("map"))
if reported is not None and "_opened_view" not in st.session_state:
    st.session_state["_opened_view"] = st.session_state["_link_view"] or reported  # a link's view is where it opens
moved = reported is not None and reported != st.session_state.get("_opened_view")
view = reported if moved else st.session_state["_link_view"]
voyage_keys = (voyage_ports[voyage_from].key, voyage_ports[voyage_to].key) if comparison else None
state = PageState(tuple(chosen), unit, layers, selected, embed, view, voyage_keys, speed_kn, month, ship)
query = to_query(state, known_ids)
if {k: [v] for k, v in query.items()} != {k: st.query_params.get_all(k) for k in st.query_params}:
    st.query_params.from_dict(query)  # the address bar is always a share link; each change is a message
link_view = st.session_state["_link_view"]
# Passed to the map only when a link asked for a view; constant afterwards, so pans are never undone.
view_args = ({"center": [link_view[1] * 1000, link_view[0] * 1000], "zoom": link_view[2]} if link_view else {})


def draw_map(height: int) -> None:
    """The map: a constant base (kept by the browser across reruns) plus the reader's layers."""
    options = MapOptions(route_ids=tuple(shown_ids), unit=unit, layers=layers, selected=selected, month=month)
    ends = [comparison.origin, comparison.destination] if voyages_drawn and comparison else []
    if user_tracks is None:  # the built-in routes: built once per choice, whoever makes it
        drawn_key = (voyage_keys, ship, tuple(o.voyage.name for o in voyages_drawn))
        layers_ = built_layers(options, speed_kn, drawn_key, voyages_drawn, ends)
    else:
        layers_ = overlay_layers(shown_routes, options, straits, ports, facts, voyages=voyages_drawn,
                                 speed_kn=speed_kn, voyage_ends=ends)
    st_folium(base_map(signal_drawn=not embed), key="map", height=height, use_container_width=True,
              feature_group_to_add=layers_,
              returned_objects=["last_object_clicked_tooltip", "zoom", "center"], **view_args)


if embed:
    draw_map(600)
    st.html(PAGE_CSS)
    if assessment is not None and comparison is not None and comparison.voyages:
        # The numbers behind the drawn voyages, in one line under the map: the headline is open to that ship.
        parts = [f"{o.voyage.name} {convert_m(o.voyage.length_m, unit):,.0f} {unit}, {o.days(speed_kn):.1f} days"
                 + ("" if o.open else f" (not open: {o.why})") for o in voyages_drawn]
        st.caption(f"{comparison.origin.name} → {comparison.destination.name}, {MONTH_NAMES[month - 1]}, "
                   f"{SHIPS[ship]} at {speed_kn:g} kn: " + "; ".join(parts))
    credit = "Arctic Routes · lengths computed geodesically (WGS84) · land © Natural Earth"
    if "ice" in layers:
        credit += f" · sea ice: {MONTH_NAMES[month - 1]} median 1981-2010, not this year's (NSIDC)"
    st.caption(credit)
    components.html(height_reporter(), height=0)  # sizes the article's iframe to this content
    st.stop()

# ---- page -----------------------------------------------------------------
for notice in st.session_state.get("_notices", []):
    st.warning(notice)
st.title("Arctic shipping routes")
st.caption("The Northwest Passage, the Northeast Passage (Northern Sea Route) and the Trans-Arctic route "
           "on a true polar map. Lengths are **computed** (geodesic, WGS84); facts are **cited** with their source.")

map_col, detail_col = st.columns([3, 2], gap="medium")
with map_col:
    draw_map(640)
    st.caption("Click or tap a route for its details. Land: Natural Earth 1:10m (public domain).")
    if not first_paint:
        with st.expander("The map in words"):
            st.write(map_in_words(shown_routes, MapOptions(tuple(shown_ids), unit, layers, selected, month),
                                  voyages_drawn, speed_kn, [comparison.origin, comparison.destination]
                                  if voyages_drawn and comparison else []))
        st.html(PAGE_CSS)


@st.fragment(run_every=FIRST_PAINT_CHECK_S)
def complete_page_later() -> None:
    """The fallback: the whole page FIRST_PAINT_FALLBACK_S after the map's first report, if it never says drawn."""
    if st.session_state.get("map") is None:
        return  # the map has not started yet: nothing to wait for
    started = st.session_state.setdefault("_map_reported_at", time.monotonic())
    if time.monotonic() - started >= FIRST_PAINT_FALLBACK_S:
        st.session_state["_page_complete"] = True
        st.rerun()


if first_paint:
    complete_page_later()
    st.stop()

with detail_col:
    selected = st.selectbox("Route details", list(routes.index), key="selected",
                            format_func=lambda rid: routes.loc[rid, "name"])
    route = routes.loc[selected]
    length_m = route["length_m"]
    st.subheader(route["name"])
    st.metric(f"Length, {route['from']} to {route['to']}", f"{convert_m(length_m, unit):,.0f} {unit}",
              help="Computed: geodesic length of the route geometry on the WGS84 ellipsoid.")
    st.write(route["description"])
    st.markdown("**Passes, in order:** " + " → ".join(route["via"]))
    st.html(legs_html(selected, unit))
    constraints = route["constraints"]
    st.markdown("**Constraints (cited):**\n" + "\n".join(f"- {k}: {v}" for k, v in constraints.items()))
    season = facts["seasons"].get(route["family"])
    if season:
        st.markdown(f"**Season:** {season['text']} ({season['source']})")
    st.markdown("**Sources:** " + "; ".join(route["sources"]))

st.subheader("Port to port: how much faster, really, for which ship, in which month?")
labels = list(voyage_ports)


def port_choice(label: str) -> str:
    """A port as the list shows it: its label, and the other names and codes people type (searchable)."""
    aliases = voyage_ports[label].aliases
    return label + (f" · also {', '.join(aliases)}" if aliases else "")


v1, v2, v3, v4 = st.columns([2, 2, 2, 1])


v1.selectbox("From", labels, index=None, key="voy_from", placeholder="Choose a port (type a name or code)",
             format_func=port_choice)
v2.selectbox("To", labels, index=None, key="voy_to", placeholder="Choose a port (type a name or code)",
             format_func=port_choice)
v3.selectbox("Ship", list(SHIPS), key="ship", format_func=lambda k: SHIPS[k][0].upper() + SHIPS[k][1:],
             help="Who may sail an Arctic route, and when, depends on the ship's ice class.")
v4.number_input("Speed (knots)", min_value=SPEED_RANGE_KN[0], max_value=SPEED_RANGE_KN[1], step=0.5,
                key="voy_speed")  # its value comes from session state: the link's, or 14 kn
st.caption(f"In **{MONTH_NAMES[month - 1]}** (change the month in the sidebar), judged against that month's "
           "median sea ice 1981-2010, not this year's ice.")
if voyage_error:
    st.error(voyage_error)
elif comparison is None or assessment is None:
    st.caption("Pick two ports to compare the voyage via Suez, Panama and the Cape of Good Hope with the "
               "Northeast Passage, the Northwest Passage and the Trans-Arctic route.")
else:
    if comparison.voyages:
        best, base = assessment.headline, assessment.conventional
        c1, c2, c3 = st.columns(3)
        if base is not None:
            c1.metric("Conventional voyage", f"{base.days(speed_kn):.1f} days")
            c1.caption(f"{base.voyage.name}, {convert_m(base.voyage.length_m, unit):,.0f} {unit}")
        else:
            c1.metric("Conventional voyage", "none", help="Every voyage from or to this port uses an Arctic route.")
        if best is None:
            c2.metric("Fastest open voyage", "none")
            c2.caption(f"No option is open to {SHIPS[ship]} in {MONTH_NAMES[month - 1]}.")
        else:
            c2.metric("Fastest open voyage", f"{best.days(speed_kn):.1f} days")
            c2.caption(f"{best.voyage.name}, {convert_m(best.voyage.length_m, unit):,.0f} {unit}: the fastest "
                       f"option open to {SHIPS[ship]} in {MONTH_NAMES[month - 1]}")
            saved = assessment.days_saved(best)
            if saved is not None and best is not base:
                c3.metric("Days saved against the conventional voyage", f"{saved:.1f}",
                          help=f"At {speed_kn:g} kn in open water and {ICE_SPEED_SOURCE.split(' (')[0].lower()}: "
                               "the miles under the median ice are sailed at 8 kn. No canal queue, no escort wait.")
        rows = options_rows(assessment, unit)
        table = pd.DataFrame([
            {"Voyage": r["voyage"], "Open": "yes" if r["open"] else "no: " + r["why"],
             f"Length ({unit})": f"{r[f'length_{unit}']:,.0f}", f"In ice ({unit})": f"{r[f'ice_{unit}']:,.0f}",
             "Days": f"{r['days']:.1f}",
             "Shorter than conventional": ("conventional" if base is not None and r["voyage"] == base.voyage.name
                                           else "n/a" if r["saving_pct"] is None else f"{r['saving_pct']:+.0f} %"),
             "Via": r["via"]}
            for r in rows])
        st.html(table_html(table, "Voyage options compared",
                           row_classes=["" if r["open"] else "closed" for r in rows]))
        st.caption("Greyed: not open to this ship in this month, with the reason. Days: the miles under the "
                   "median ice at 8 kn or slower, the rest at the chosen speed.")
        st.multiselect("Draw on the map", [v.name for v in comparison.voyages], default=default_draw,
                       key=draw_key)
        with st.expander("Who may sail which route, when: the rules used, with their sources"):
            families = dict.fromkeys(o.voyage.kind for o in assessment.options if o.voyage.is_arctic)
            for family in families:
                rule = RULES[(family, ship)]
                st.markdown(f"- **{FAMILY_LABELS[family]}**, {SHIPS[ship]}: "
                            + (", ".join(MONTH_NAMES[m - 1] for m in sorted(rule.months)) or "never")
                            + (f", and at most {rule.max_ice_pct:.0f} % of the Arctic leg in ice"
                               if rule.max_ice_pct is not None else "") + f". {rule.source}.")
            st.markdown(f"- Speed in ice: {ICE_SPEED_SOURCE}.")
    for note in comparison.notes:
        st.info(note)
    st.caption("Computed: open-ocean legs are shortest paths on the Eurostat SeaRoute network (as shipped by "
               "searoute 1.6.0); Arctic legs are this map's routes, joined at their gateways; every length is "
               "geodesic (WGS84) on the final line; ice along each line from the NSIDC median extent. "
               f"{ICE_CREDIT}.")

st.subheader("When is each route free of ice?")
st.caption("Share of each route's length (%) under the median sea-ice extent of each month, 1981-2010.")
st.html(fixed_tables()["seasons"])
st.caption(f"Computed: the share of each route's length under each month's median sea-ice extent 1981-2010 "
           f"(sampled every 2 km). Mostly ice-free: at most {OPEN_MAX_ICE_PCT:g} % under the ice. The median is a "
           "climatology: recent Septembers had much less ice (record low 2012), and any year can have more. "
           f"Not for navigation. {ICE_CREDIT}.")
st.markdown("**How many ships actually sail these routes (cited)**")
st.html(fixed_tables()["traffic"])
for series in facts["transits"].values():
    st.caption(f"{series['note']} ({series['source']})")
st.caption("No commercial ship has ever crossed the central Arctic Ocean (the Trans-Arctic route). "
           "A Northern Sea Route 'transit' crosses both ends without a port call: most NSR cargo is to and from "
           "Arctic ports. Years without a bar have no published figure in our sources.")

st.subheader("Straits and chokepoints")
st.html(fixed_tables()["straits"])
st.caption("Cited: depth and width as each source gives them. The same facts are in the map's strait markers "
           "(switch on \"Straits\" in the sidebar).")

st.subheader("Lengths compared")
if not shown_ids:
    st.info("No route is shown: switch one on in the sidebar.")
else:
    st.metric("Routes shown", len(shown_ids))
    st.html(lengths_html(tuple(shown_ids), unit) if set(shown_ids) <= set(known_ids)  # built-in: cached
            else table_html(comparison_table(shown_routes, shown_ids, unit), "Lengths of the routes shown"))
    st.caption("Computed: geodesic lengths of the route geometry (WGS84). Each route is compared only with the "
               "routes shown between the same two gateways (From and To): the Trans-Arctic route joins the Bering "
               "and Fram Straits, the Northeast Passage North Cape and the Bering Strait, so their lengths are "
               "not a saving. For a like-for-like comparison, compare two ports above.")

st.subheader("Downloads")
st.caption("The routes shown above: data to reuse, or the interactive map as one HTML file that opens from disk "
           "or any static web host with no network requests. The HTML file keeps what the page shows: routes, "
           "ice month, voyage and its table, map view, and the title and subtitle set under \"Images\".")
# Callables: each file is built only when the reader clicks, never on a rerun.
d1, d2, d3, d4 = st.columns(4)
d1.download_button("Routes (GeoJSON)", partial(routes_geojson, shown_routes, shown_ids),
                   file_name="arctic-routes.geojson", mime="application/geo+json", on_click="ignore",
                   disabled=not shown_ids)
d2.download_button("Lengths (CSV)", partial(lengths_csv, shown_routes, shown_ids),
                   file_name="arctic-routes-lengths.csv", mime="text/csv", on_click="ignore", disabled=not shown_ids)
d3.download_button("Interactive map (one HTML file)",
                   partial(standalone_html, shown_routes, MapOptions(tuple(shown_ids), unit, layers, selected, month),
                           title=st.session_state.get("pub_title") or "Arctic shipping routes",
                           straits=straits, ports=ports, facts=facts,
                           subtitle=st.session_state.get("pub_subtitle") or None, assessment=assessment,
                           voyages=tuple(voyages_drawn), view=view),
                   file_name="arctic-routes-map.html", mime="text/html", on_click="ignore",
                   disabled=not (shown_ids or voyages_drawn))
d4.download_button("Voyage comparison (CSV)", partial(voyage_csv, assessment, unit) if assessment else bytes,
                   file_name="arctic-routes-voyage.csv", mime="text/csv", on_click="ignore",
                   disabled=assessment is None or not assessment.options,
                   help="Pick two ports above first." if assessment is None else None)

with st.expander("Images for publication (PNG, SVG)"):
    i1, i2 = st.columns(2)
    title = i1.text_input("Title", "Arctic shipping routes", max_chars=MAX_TITLE_CHARS, key="pub_title",
                          help="Wrapped onto at most two lines in every size; used by the HTML map too.")
    subtitle = i2.text_input("Subtitle", "", max_chars=120, placeholder="optional", key="pub_subtitle")
    size = st.radio("Size", list(SIZES), horizontal=True,
                    format_func=lambda k: f"{k} ({SIZES[k][0]}x{SIZES[k][1]})")
    with_voyages = False
    if voyages_drawn and comparison is not None:
        with_voyages = st.checkbox(f"Include the voyages drawn on the map ({comparison.origin.name} → "
                                   f"{comparison.destination.name})", value=True, key="image_voyages")
    image_voyages = tuple(voyages_drawn) if with_voyages else ()
    if st.button("Draw the image", disabled=not (chosen or image_voyages)):
        st.session_state["want_image"] = True
    if st.session_state.get("want_image") and (chosen or image_voyages):
        ice_month = month if "ice" in layers else None
        ends = (comparison.origin, comparison.destination) if image_voyages and comparison is not None else ()
        args = (tuple(chosen), unit, size, "png", title, subtitle, image_voyages, speed_kn, ice_month, ends)
        png = image(*args)
        alt = alt_text(routes, chosen, unit, image_voyages, speed_kn, ice_month, title,
                       assessment.headline if image_voyages and assessment is not None else None, ends, month, ship)
        st.image(png, caption=alt)
        st.markdown("**Alt text** for the image (paste it into your CMS's description field):")
        st.code(alt, language=None, wrap_lines=True)
        c1, c2 = st.columns(2)
        c1.download_button("Download PNG", png, file_name=f"arctic-routes-{size}.png", mime="image/png",
                           on_click="ignore")
        c2.download_button("Download SVG", partial(image, *args[:3], "svg", *args[4:]),
                           file_name=f"arctic-routes-{size}.svg", mime="image/svg+xml", on_click="ignore")

st.subheader("Share and embed")
base = st.context.url or "http://localhost:8501/"
# Plain text fields, not st.code: its syntax highlighter alone is 0.5 MB for the reader to download.
st.text_input("This link opens the page exactly as it is now (routes, unit, layers, selected route, map view, "
              "port-to-port voyage and speed):",
              share_url(base, state, known_ids))
dark = st.toggle("For a dark article page", key="embed_dark",
                 help="The embedded map's text and background in Streamlit's dark theme.")
names = [routes.loc[r, "name"] for r in chosen]
ends = (comparison.origin.name, comparison.destination.name) if comparison is not None else ()
st.text_area("To put the map alone in an article, paste this (an iframe and a small script that sizes it to its "
             "content, so nothing is cut off in a narrow column):",
             embed_snippet(base, state, known_ids, dark=dark, route_names=names, port_names=ends), height=150)

warm_voyages()

st.subheader("The story, checked")
for item in facts["story"]:
    note = f" {item['note']}" if item.get("note") else ""
    st.markdown(f"- {item['claim']}{note} ({item['source']})")
st.markdown("**Icebreakers: the counts disagree because they count different things.**")
st.html(fixed_tables()["icebreakers"])
for topic in facts["icebreakers"]:
    if topic.get("disagreement"):
        st.caption(f"{topic['topic']}: {topic['disagreement']}")

