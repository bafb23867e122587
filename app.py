"""Arctic Routes: the Streamlit page (placeholder until the map page lands)."""

import streamlit as st

from arctic_routes.routes import lengths_table, load_routes

st.set_page_config(page_title="Arctic Routes", layout="wide")
st.title("Arctic Routes")
table = lengths_table(load_routes())
st.dataframe(table[["name", "from", "to", "length_km", "length_nm"]].round(0), hide_index=True)
