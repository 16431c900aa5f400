"""The Jinja2 environment every report template renders in.

Templates live in ``resources/templates/``. Autoescaping is on for ``.html``, ``.htm``,
``.xml`` and ``.j2`` names, so every title, note and attribute value a user typed is
escaped; never mark user data ``|safe``. ``StrictUndefined`` turns a misspelt variable
into an error instead of an empty string in a report someone sends on.

Helpers for templates (filters unless noted):

* ``rgba(colour, alpha)``: ``#rrggbb`` -> ``rgba(r, g, b, alpha)`` for CSS;
* ``css_colour(colour)``: the colour as ``#rrggbb`` or ``InvalidValue``: every colour that
  goes into a ``style`` attribute passes through it, so no tag colour can smuggle CSS
  (``url(...)`` would break the report's self-containment);
* ``tint(colour, alpha)``: the colour laid over white at ``alpha``, as opaque ``#rrggbb``
  (for renderers without transparency, such as pymupdf's Story);
* ``blend(colours, alpha)``: the mean of several colours, then tinted (overlaps);
* ``ink(colour)``: ``#000000`` or ``#ffffff``, whichever reads better on ``colour``;
* ``percent(fraction, digits=1)``: ``0.2537`` -> ``25.4%`` (``25,4 %`` in German);
* ``thousands(n)``: ``10000`` -> ``10,000`` (``10.000``);
* ``day(iso)``: ``2021-09-22`` -> itself (``22.09.2021``);
* ``decimal(x, digits)``: ``0.8125, 3`` -> ``0.813`` (``0,813``);
* ``timestamp(iso)``: ``2026-11-25T09:12:25.714Z`` -> ``2026-11-25 09:12 UTC``;
* ``_(text, **values)`` and ``ngettext(one, many, n, **values)``: the report's language
  (``core.i18n``), with ``%(name)s`` placeholders filled and escaped;
* ``web_url(url)``: the URL if it is ``http(s)://``, else ``""``: autoescaping does not stop
  ``javascript:`` links, so only web addresses become ``href``s;
* global ``stylesheet(name)``: the text of a CSS file beside the templates, to inline
  it in a ``<style>`` element (our own files only; the name is checked).
"""

# API stable: other modules build on this

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from core import i18n
from core.errors import InvalidValue, NotFound
from core.i18n import _
from core.labels import (
    attribute_label,
    attribute_value,
    choice_label,
    language_name,
    status_label,
)

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "resources" / "templates"
AUTOESCAPED = ("html", "htm", "xml", "j2")

_COLOUR = re.compile(r"^#([0-9a-fA-F]{6})$")
_STYLESHEET = re.compile(r"^[A-Za-z0-9_.-]+\.css$")
_WEB_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})")


@functools.lru_cache(maxsize=1024)
def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers; anything else raises ``InvalidValue``."""
    match = _COLOUR.match(colour)
    if match is None:
        raise InvalidValue(_("colour %(colour)r is not of the form #RRGGBB") % {"colour": colour})
    value = int(match.group(1), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(255.0, c))):02x}" for c in (red, green, blue))


def css_colour(colour: str) -> str:
    return _hex(*rgb(colour))


def rgba(colour: str, alpha: float = 1.0) -> str:
    red, green, blue = rgb(colour)
    return f"rgba({red}, {green}, {blue}, {alpha:.3g})"


def tint(colour: str, alpha: float = 1.0) -> str:
    red, green, blue = rgb(colour)
    return _hex(*(255 + (c - 255) * alpha for c in (red, green, blue)))


def blend(colours: Iterable[str], alpha: float = 1.0) -> str:
    values = [rgb(c) for c in colours]
    if not values:
        return "#ffffff"
    mean = [sum(v[i] for v in values) / len(values) for i in range(3)]
    return tint(_hex(*mean), alpha)


@functools.lru_cache(maxsize=1024)
def ink(colour: str) -> str:
    """Black or white text on ``colour`` by relative luminance (WCAG formula)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb(colour)
    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if luminance > 0.179 else "#ffffff"


def percent(fraction: float, digits: int = 1) -> str:
    return i18n.percent(fraction, digits)


def thousands(count: int) -> str:
    return i18n.number(count)


def timestamp(iso: str) -> str:
    match = _TIMESTAMP.match(iso)
    if not match:
        return iso
    return f"{i18n.day(match.group(1))} {match.group(2)} UTC"


def web_url(url: str) -> str:
    candidate = url.strip()
    return candidate if _WEB_URL.match(candidate) else ""


def stylesheet(name: str) -> Markup:
    """One of our own CSS files, for inlining (never user data; the name is checked)."""
    if not _STYLESHEET.match(name):
        raise InvalidValue(_("stylesheet %(name)r: expected a plain file name ending in "
                             ".css")
                           % {"name": name})
    path = TEMPLATES / name
    if not path.is_file():
        raise NotFound(_("stylesheet %(name)r is not in %(templates)s")
                       % {"name": name, "templates": TEMPLATES})
    return Markup(path.read_text(encoding="utf-8"))  # our own file, not user data


@functools.cache
def environment() -> jinja2.Environment:
    """The shared environment (built once; Jinja2 caches compiled templates in it)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=AUTOESCAPED,
                                            default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Looked up at each call, so a report follows the language in use when it renders.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: i18n._(message),
        ngettext=lambda one, many, n: i18n.ngettext(one, many, n), newstyle=True)
    env.filters.update(css_colour=css_colour, rgba=rgba, tint=tint, blend=blend, ink=ink,
                       percent=percent, thousands=thousands, timestamp=timestamp, day=i18n.day,
                       decimal=i18n.number,
                       status_label=status_label, attribute_label=attribute_label,
                       choice_label=choice_label, attribute_value=attribute_value,
                       language_name=language_name,
                       web_url=web_url)
    env.globals.update(stylesheet=stylesheet, language=i18n.language)
    return env


def render(template_name: str, **context: Any) -> str:
    """Render ``resources/templates/<template_name>`` with ``context``."""
    try:
        template = environment().get_template(template_name)
    except jinja2.TemplateNotFound:
        raise NotFound(_("report template %(template_name)r is not in %(templates)s")
                       % {"template_name": template_name, "templates": TEMPLATES}) from None
    return template.render(**context)


__all__ = [
    "AUTOESCAPED",
    "TEMPLATES",
    "blend",
    "css_colour",
    "environment",
    "ink",
    "percent",
    "render",
    "rgb",
    "rgba",
    "stylesheet",
    "thousands",
    "timestamp",
    "tint",
    "web_url",
]
