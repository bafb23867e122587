"""The article's height listener (the script in the embed snippet): whatever message arrives, it never throws."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from arctic_routes.embed import MAX_HEIGHT_PX, MESSAGE_KEY, embed_snippet, height_listener
from arctic_routes.share import PageState

ORIGIN = "https://maps.example.org"

#: A fake article for the listener: one of our iframes, whose page is ``frame``; ``events`` are handed to the
#: listener in turn; each line printed is what it did with one (the iframe's height after it, or the error).
HARNESS = """
var frame = {parent: null}, iframe = {contentWindow: frame, style: {height: "720px"}}, listeners = [];
frame.parent = {};
var window = {addEventListener: function(type, f) { if (type === "message") listeners.push(f); }};
var document = {querySelectorAll: function() { return [iframe]; }};
LISTENER
function throwing() { return {get data() { throw new Error("refused"); }, origin: ORIGIN, source: frame}; }
var events = EVENTS;
events.push(throwing());
events.forEach(function(e) {
  if (e && e.source === "frame") e.source = frame;
  if (e && e.source === "component") e.source = {parent: frame};
  try { listeners[0](e); console.log(iframe.style.height); } catch (err) { console.log("threw: " + err); }
});
"""


def _events() -> list:
    ok = {MESSAGE_KEY: 812.4}
    return [
        {"origin": ORIGIN, "source": None, "data": ok},  # the sending frame is gone
        {"origin": ORIGIN, "data": ok},  # no source at all
        {"origin": ORIGIN, "source": "frame", "data": None},
        {"origin": ORIGIN, "source": "frame", "data": "arctic-routes-height"},
        {"origin": ORIGIN, "source": "frame", "data": {MESSAGE_KEY: "9999"}},
        {"origin": ORIGIN, "source": "frame", "data": {MESSAGE_KEY: -5}},
        {"origin": ORIGIN, "source": "frame", "data": {MESSAGE_KEY: MAX_HEIGHT_PX + 1}},
        {"origin": "https://evil.example", "source": "frame", "data": ok},
        None,
        {"origin": ORIGIN, "source": {"parent": None}, "data": ok},  # a frame that is not ours
        {"origin": ORIGIN, "source": "component", "data": ok},  # ours: the page's component frame
        {"origin": ORIGIN, "source": "frame", "data": {MESSAGE_KEY: 640}},  # ours: the page itself
    ]


def test_the_listener_guards_every_property_of_the_message():
    script = height_listener(ORIGIN)
    assert "e.source.parent" not in script  # the sender is read once, then checked before its parent is
    assert "var d=e.data,s=e.source" in script and "if(!s||typeof h!=='number'||!isFinite(h)" in script
    assert "try{" in script and "catch(err){}" in script
    snippet = embed_snippet(ORIGIN + "/app", PageState(("tsr-pole",)), ["tsr-pole"])
    assert f"<script>{script}</script>" in snippet


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the string-level test stands")
def test_the_listener_survives_hostile_messages_in_node():
    program = (HARNESS.replace("LISTENER", height_listener(ORIGIN)).replace("ORIGIN", json.dumps(ORIGIN))
               .replace("EVENTS", json.dumps(_events())))
    proc = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    heights = proc.stdout.split()
    assert not [h for h in heights if h.startswith("threw")], proc.stdout
    # Only the last two messages (from our frame, with a height in range) resize it; the error-raising data
    # getter (the last event) is ignored.
    assert heights == ["720px"] * 10 + ["813px", "640px", "640px"]
