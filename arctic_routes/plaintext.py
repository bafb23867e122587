"""What a reader typed or a file named stays text wherever it goes: in the page's Markdown, in a CSV cell.

- Markdown: Streamlit renders ``st.markdown``, ``st.write``, captions and alerts as Markdown, so a track named
  ``![x](http://host/x.png)`` would make every reader's browser fetch a third party's image, and
  ``:red[...]`` or ``$...$`` would restyle it. :func:`markdown_literal` escapes every ASCII punctuation mark
  (CommonMark lets any be escaped), so the text shows exactly as written.
- CSV: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return)
  as a formula (OWASP "CSV injection"). :func:`csv_text` writes every text cell that does with a leading
  ``'``, the neutralisation OWASP recommends; numbers (a negative saving) stay numbers.
"""

from __future__ import annotations

import string

import pandas as pd

#: What makes a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_ESCAPES = str.maketrans({c: "\\" + c for c in string.punctuation})


def markdown_literal(text: object) -> str:
    """``text`` for Streamlit's Markdown: shown as written, on one line, nothing fetched or styled.

    >>> markdown_literal("![x](http://host/x.png) :red[$5] <b>*")
    '\\\\!\\\\[x\\\\]\\\\(http\\\\:\\\\/\\\\/host\\\\/x\\\\.png\\\\) \\\\:red\\\\[\\\\$5\\\\] \\\\<b\\\\>\\\\*'
    """
    return " ".join(str(text).split()).translate(_MARKDOWN_ESCAPES)


def csv_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, with a leading ``'``; anything else as it is.

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-2+3"), csv_cell(-12.5), csv_cell("North Cape")
    ('\\'=HYPERLINK("http://x")', "'-2+3", -12.5, 'North Cape')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV (no index), every text cell through :func:`csv_cell`, the header too."""
    safe = frame.map(csv_cell) if not frame.empty else frame
    safe.columns = [csv_cell(c) for c in frame.columns]
    return safe.to_csv(index=False)
