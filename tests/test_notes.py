"""A journalist's notes: TEXT@PLACE, drawn as typed, refused in one line when they cannot be drawn."""

from __future__ import annotations

import pytest

from arctic_routes.notes import MAX_NOTE_CHARS, MAX_NOTES, NoteError, parse_note, parse_notes
from arctic_routes.ports import find_port


@pytest.mark.parametrize(("spec", "why"), [
    ("x" * 5000 + "@Rotterdam", "at most 60 characters; this one has 5,000"),
    ("Hi@Atlantis", "no port or lat,lon 'Atlantis'"),
    ("Hi@91,0", "a latitude is between -90 and 90, not 91"),
    ("Hi@70,181", "a longitude is between -180 and 180, not 181"),
    ("Hi@-60,10", "between 50°S and the Pole"),
    ("Hi@", "needs a place after the @"),
    ("@Rotterdam", "needs some text before the @"),
    ("no place at all", "a note is TEXT@PLACE"),
    ("two\nlines@Oslo", "without control characters"),
    ("bidi \u202e trick@Oslo", "without control characters"),
])
def test_a_note_that_cannot_be_drawn_is_refused_in_one_line(spec, why):
    with pytest.raises(NoteError) as caught:
        parse_note(spec)
    assert why in str(caught.value) and "\n" not in str(caught.value)
    assert len(str(caught.value)) < 160  # never the whole 5,000 characters back


@pytest.mark.parametrize("text", ["<b>bold</b> & <script>alert(1)</script>", "Costs $5 vs $10", "$\\foo$",
                                  "Ice-free 2012 — record", "x" * MAX_NOTE_CHARS, "a@b in the text"])
def test_the_text_is_kept_exactly_as_typed(text):
    note = parse_note(f"{text}@Murmansk")
    assert note.text == text and note.place == find_port("Murmansk").key
    assert parse_note(note.spec) == note  # what a link writes back reads the same


def test_a_place_is_a_port_by_name_or_code_or_a_point():
    assert parse_note("A@NLRTM") == parse_note("A@rotterdam")
    point = parse_note("A@ 71.5 , -120.25 ")
    assert (point.lat, point.lon, point.place) == (71.5, -120.25, "71.5,-120.25")


def test_at_most_ten_notes_each_once_and_the_rest_still_apply():
    specs = [f"Note {i}@{60 + i},0" for i in range(MAX_NOTES + 2)]
    notes, problems = parse_notes(["Bad@91,0", *specs, specs[0]])
    assert [n.text for n in notes] == [f"Note {i}" for i in range(MAX_NOTES)]
    assert problems == ["Ignored a note: a latitude is between -90 and 90, not 91",
                        f"Ignored the notes after the first {MAX_NOTES}"]
