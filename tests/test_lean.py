"""What a server loads for its readers: only what the page needs (its memory is measured in docs/BENCHMARKS.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Loaded only when a reader asks for what needs them (an image, an animation), never for the page itself:
#: matplotlib and Pillow are about 27 MB of a server's memory; searoute's package imports networkx (11 MB)
#: although only its edge list is read (arctic_routes.seanet).
NOT_FOR_THE_PAGE = ("matplotlib", "PIL", "imageio_ffmpeg", "searoute", "networkx")

PAGE = """
import json, sys, threading
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.session_state["_page_complete"] = True
at.run()
for thread in threading.enumerate():
    if thread.name == "warm-voyages":
        thread.join(timeout=120)
at.select_slider(key="month").set_value(3).run()
at.selectbox(key="voy_from").set_value("Shanghai (CNSGH)").run()
at.selectbox(key="voy_to").set_value("Rotterdam (NLRTM)").run()
print(json.dumps({"exception": bool(at.exception), "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_the_page_and_a_voyage_load_no_image_library_and_not_the_searoute_package():
    out = subprocess.run([sys.executable, "-c", PAGE, str(ROOT / "app.py")], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert not result["exception"]
    assert "scipy" in result["modules"]  # the voyage was computed: the sea network is loaded
    assert [m for m in NOT_FOR_THE_PAGE if m in result["modules"]] == []
