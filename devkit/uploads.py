"""The largest files a reader may upload, built on demand (the tests and the benchmark read them)."""

from __future__ import annotations

import json


def largest_uploads() -> dict[str, bytes]:
    """The largest files a reader may upload, one per format: as many points as the limit allows (500,000),
    written the long way (GPX with a time and an elevation per point), but within the 20 MB file limit."""
    from arctic_routes.reading import MAX_FILE_BYTES
    from arctic_routes.uploads import MAX_VERTICES

    points = [(60 + (i % 1000) / 100, (i % 3000) / 100 - 15) for i in range(MAX_VERTICES)]
    gpx = (b'<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>t</name>'
           b"<trkseg>" + "".join(f'<trkpt lat="{lat:.5f}" lon="{lon:.5f}"/>' for lat, lon in points).encode()
           + b"</trkseg></trk></gpx>")
    csv = ("lat,lon\n" + "".join(f"{lat:.5f},{lon:.5f}\n" for lat, lon in points)).encode()
    geojson = json.dumps({"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]}).encode()
    files = {"gpx": gpx, "csv": csv, "geojson": geojson}
    assert all(len(data) <= MAX_FILE_BYTES for data in files.values())
    return files
