"""The newsroom embed: an iframe with a meaningful title plus a tiny script that sizes it to its content.

Follows the responsive-iframe convention of Datawrapper and pym.js: the embedded
page posts its height to the article (``{"arctic-routes-height": px}``), and the
article's script sets the height of the iframe whose page sent it, checking the
sender's origin. Nothing is clipped at any column width, and the iframe needs no
fixed height. Builds strings only; the page (``app.py``) puts
:func:`height_reporter` into the embedded view.

Examples
--------
>>> from arctic_routes.share import PageState
>>> snippet = embed_snippet("https://maps.example.org/", PageState(("tsr-pole",)), ["tsr-pole"])
>>> snippet.startswith('<iframe data-arctic-routes src="https://maps.example.org/?')
True
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from arctic_routes.share import PageState, share_url

#: The message the embedded page posts to the article: {MESSAGE_KEY: height in CSS pixels}.
MESSAGE_KEY = "arctic-routes-height"
#: The iframe's height before the page reports its own (a map and its caption on a wide column).
INITIAL_HEIGHT_PX = 720
#: The tallest height a message may set (CSS pixels): the whole page on a phone is well under it.
MAX_HEIGHT_PX = 20000


def embed_title(state: PageState, route_names: Sequence[str] = (), port_names: Sequence[str] = ()) -> str:
    """What the iframe is, for screen readers and an article's table of contents."""
    what = "Map of Arctic shipping routes"
    if state.voyage:
        origin, destination = port_names if len(port_names) == 2 else state.voyage
        what += f", port to port: {origin} to {destination}"
    elif route_names:
        what += ": " + ", ".join(route_names[:3]) + (" and more" if len(route_names) > 3 else "")
    return what


def embed_snippet(base: str, state: PageState, known_ids: Sequence[str], dark: bool = False,
                  route_names: Sequence[str] = (), port_names: Sequence[str] = ()) -> str:
    """The HTML a journalist pastes: the iframe (embed mode of ``state``) and the script that sizes it.

    ``dark=True`` asks Streamlit for its dark theme (``embed_options=dark_theme``) for dark article pages.
    """
    src = share_url(base, replace(state, embed=True), known_ids)
    if dark:
        src += "&embed_options=dark_theme"
    parts = urlsplit(src)
    origin = f"{parts.scheme}://{parts.netloc}"
    return (f'<iframe data-arctic-routes src="{html.escape(src, quote=True)}" width="100%" '
            f'height="{INITIAL_HEIGHT_PX}" style="border:0;width:100%" scrolling="no" '
            f'title="{html.escape(embed_title(state, route_names, port_names), quote=True)}" loading="lazy"></iframe>\n'
            f"<script>{height_listener(origin)}</script>")


def height_listener(origin: str) -> str:
    """The article's script: sets the height of the iframe whose page posted it, from ``origin`` only.

    Any other message is ignored without an error: another origin, no data, a height that is not a
    finite number between 0 and :data:`MAX_HEIGHT_PX`, no sender (``e.source`` is null when the sending
    frame is gone), or a sender that is none of our iframes. Nothing on the message is read before it is
    checked, and a property a browser refuses to read ends the handler quietly.
    """
    return (
        "(function(){window.addEventListener('message',function(e){try{"
        f"if(!e||e.origin!=={json.dumps(origin)})return;"
        f"var d=e.data,s=e.source,h=d&&typeof d==='object'?d[{json.dumps(MESSAGE_KEY)}]:null;"
        f"if(!s||typeof h!=='number'||!isFinite(h)||h<0||h>{MAX_HEIGHT_PX})return;"
        "var frames=document.querySelectorAll('iframe[data-arctic-routes]');"
        "for(var i=0;i<frames.length;i++){var w=frames[i].contentWindow;"
        "if(w&&(w===s||w===s.parent)){frames[i].style.height=Math.ceil(h)+'px';}}"
        "}catch(err){}});})();"
    )


def height_reporter() -> str:
    """A script for the embedded page: posts its content height to the article whenever it changes.

    It runs in a component frame inside the page (``window.parent`` is the page, ``window.parent.parent``
    the article); it does nothing when the page is not inside another page.
    """
    return (
        "<script>(function(){var page=window.parent,article=page.parent;if(!article||article===page)return;"
        "var last=0;function send(){var doc=page.document;"
        "var main=doc.querySelector('[data-testid=\"stMainBlockContainer\"]')||doc.body;"
        "var h=Math.ceil(main.getBoundingClientRect().height+main.offsetTop+8);"
        f"if(Math.abs(h-last)>1){{last=h;article.postMessage({{{json.dumps(MESSAGE_KEY)}:h}},'*');}}}}"
        "new page.ResizeObserver(send).observe(page.document.body);"
        "var main=page.document.querySelector('[data-testid=\"stMainBlockContainer\"]');"
        "if(main){new page.ResizeObserver(send).observe(main);}send();setTimeout(send,1500);})();</script>"
    )
