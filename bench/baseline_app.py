"""Baseline for the benchmark: a bare page with an empty st_folium map, same local Leaflet."""

import folium
from streamlit_folium import st_folium

from arctic_routes.leaflet import LEAFLET_CSS, LEAFLET_JS

m = folium.Map(location=[0, 0], zoom_start=1, tiles=None)
m.default_js = [("leaflet", LEAFLET_JS)]
m.default_css = [("leaflet_css", LEAFLET_CSS)]
st_folium(m, key="map", height=640, use_container_width=True, returned_objects=[])
