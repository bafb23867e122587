"""Arctic Routes: the Streamlit page. Wiring only: each section is a function of ``arctic_routes.page``.

A new reader's first runs send the title and the map alone (the first paint, ``session.phase``); the
controls and the sections below follow once the map reports that it is drawn.
"""

from __future__ import annotations

import streamlit as st

from arctic_routes.page import caches, controls, ice, mapsection, publish, sections, session, voyages
from arctic_routes.share import PageState

st.set_page_config(page_title="Arctic Routes: the shipping routes and their true lengths", page_icon="🧭",
                   layout="wide", initial_sidebar_state="collapsed")

page = caches.data_or_stop()
known_ids = list(page.routes.index)
ports = caches.voyage_ports()
session.read_link_once(known_ids, ports)
phase = session.phase()

# ---- the map first: the title, then the map with its panel (the answer and the controls) ----
if not phase.embed:
    mapsection.page_header(session.link_notices())
    map_col, panel = mapsection.map_and_panel()
    answer = panel.container()
else:
    map_col = panel = answer = st.container()

# ---- what the reader chose: the controls, the voyage, the selected route and the view ----
chosen = controls.controls(known_ids, phase, panel, ports, after_month=ice.ice_chart)
shown = controls.shown_routes(page.routes, chosen) if phase.widgets else controls.Shown(
    page.routes, chosen.route_ids, None)
voyage = voyages.current_voyage(ports, chosen.month)
mapsection.map_click_offer(phase, voyage)  # after a click on the sea: start or end here, pinned at the foot
selected = session.selected_route(page.routes, shown.routes)
view = session.map_view()
state = PageState(chosen.route_ids, chosen.unit, chosen.layers, selected, phase.embed, view, voyage.keys,
                  voyage.speed_kn, chosen.month, voyage.ship, chosen.highlight, tuple(n.spec for n in chosen.notes))
session.sync_address_bar(state, known_ids, every_run=phase.widgets)
options = mapsection.map_options(chosen, shown, selected)

if phase.embed:
    publish.embedded_page(options, shown, voyage, session.link_view())
    st.stop()

mapsection.map_column(map_col, options, shown, voyage, session.link_view(), complete=not phase.first_paint)
if phase.first_paint:
    session.complete_page_later()
    st.stop()
mapsection.headline(answer, page, options, voyage)

# ---- then the sections, in reading order ----
voyages.voyage_section(voyage, chosen.unit, chosen.month)
mapsection.route_details(page, chosen.unit)
sections.seasons_section(page.facts)
sections.straits_section()
sections.lengths_section(shown, known_ids, chosen.unit)
publish.downloads_section(page, options, shown, voyage, view)
publish.images_section(page, chosen, voyage)
ice.ice_publication_section(chosen.month, chosen.route_ids, chosen.unit)
publish.share_section(page, state, voyage)
caches.warm_voyages()
sections.story_section(page.facts)
