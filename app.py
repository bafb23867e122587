"""Arctic Routes: the Streamlit page. Wiring only: each section is a function of ``arctic_routes.page``.

A new reader's first runs send the title and the map alone (the first paint, ``session.phase``); the
controls and the sections below follow once the map reports that it is drawn.
"""

from __future__ import annotations

import streamlit as st

from arctic_routes.page import caches, controls, mapsection, publish, sections, session, voyages
from arctic_routes.share import PageState

st.set_page_config(page_title="Arctic Routes: the shipping routes and their true lengths", page_icon="🧭",
                   layout="wide")

page = caches.data_or_stop()
known_ids = list(page.routes.index)
ports = caches.voyage_ports()
session.read_link_once(known_ids, ports)
phase = session.phase()

# ---- what the reader chose: the controls, the voyage, the selected route and the view ----
chosen = controls.sidebar(known_ids, phase)
shown = controls.shown_routes(page.routes, chosen) if phase.widgets else controls.Shown(
    page.routes, chosen.route_ids, None)
voyage = voyages.current_voyage(ports, chosen.month)
selected = session.selected_route(page.routes)
view = session.map_view()
state = PageState(chosen.route_ids, chosen.unit, chosen.layers, selected, phase.embed, view, voyage.keys,
                  voyage.speed_kn, chosen.month, voyage.ship, chosen.highlight, tuple(n.spec for n in chosen.notes))
session.sync_address_bar(state, known_ids)
options = mapsection.map_options(chosen, shown, selected)

if phase.embed:
    publish.embedded_page(options, shown, voyage, session.link_view())
    st.stop()

# ---- the page: the map first ----
mapsection.page_header(session.link_notices())
details = mapsection.map_column(options, shown, voyage, session.link_view(), complete=not phase.first_paint)
if phase.first_paint:
    session.complete_page_later()
    st.stop()
with details:
    mapsection.route_details(page, chosen.unit)

# ---- then the sections, in reading order ----
voyages.voyage_section(voyage, ports, chosen.unit, chosen.month)
sections.seasons_section(page.facts)
sections.straits_section()
sections.lengths_section(shown, known_ids, chosen.unit)
publish.downloads_section(page, options, shown, voyage, view)
publish.images_section(page, chosen, voyage)
publish.share_section(page, state, voyage)
caches.warm_voyages()
sections.story_section(page.facts)
