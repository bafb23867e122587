"""The Streamlit page, section by section; ``app.py`` at the top of the repository wires them in order.

The one part of the package that imports streamlit. Nothing else in ``arctic_routes`` imports it or
this subpackage (ruff's banned-api rule, and ``tests/test_packaging.py`` checks that the command line
and the library load without streamlit): the sections only call the library's builders and display
what they return.

- :mod:`~arctic_routes.page.caches`: what the page builds once and shares (data, tables, layers, images).
- :mod:`~arctic_routes.page.session`: the page's state between runs: the link read once, the first
  paint, the selected route, the map's view and the address bar.
- :mod:`~arctic_routes.page.controls`: the sidebar, returning one :class:`~arctic_routes.page.controls.Controls`.
- :mod:`~arctic_routes.page.voyages`: port to port: the voyage chosen, and its section.
- :mod:`~arctic_routes.page.ice`: the month's sea ice every year since 1979, a chart beside the map.
- :mod:`~arctic_routes.page.mapsection`: the map, the map in words and the route details.
- :mod:`~arctic_routes.page.sections`: seasons (the median's and what ships did), traffic, the projections, straits,
  lengths, the story checked.
- :mod:`~arctic_routes.page.publish`: downloads, images, share and embed, and the embedded page.
"""
