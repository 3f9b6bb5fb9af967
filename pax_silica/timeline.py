"""The timeline of the signings, drawn at build time as SVG (no script).

One step per day on which the Declaration was signed, top to bottom: the
date, a bar as long as the number of signatories that day (those who signed
before in a light shade, that day's in the accent colour, the count at its
end) and the names of that day's signatories. Time runs down the page, so it
reads on a phone as on a desktop; the names are wrapped between names at
build time (SVG text does not wrap), a Japanese list after its 、, never
inside a name. The page shows it inline, where it takes the page's fonts
(system fonts with the glyphs of each language); the published file names
the same font stacks. Its text equivalent is the caption (and the table
below it on the page).
"""

from __future__ import annotations

import unicodedata
from xml.etree import ElementTree as ET

from pax_silica.languages import sentence_separator
from pax_silica.register import Register
from pax_silica.ui import long_date

SVG = "http://www.w3.org/2000/svg"
WIDTH = 360              # user units: about the width of a phone's column
FONT = 15                # px, at 1:1
LINE = 19
BAR = 15
GAP = 12
COLOURS = {"before": "#c5cae9", "new": "#3f51b5", "text": "#1a1a1a", "muted": "#555"}
# The site's system font stacks (docs/assets/stylesheets/edition.css), for the file.
FONTS = {"en": '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
         "ja": '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", "Yu Gothic", YuGothic, Meiryo, '
               '"Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", sans-serif'}


def steps(found: Register) -> list[dict]:
    """[{date, names: {lang: [...]}, new, count}] in date order: the
    signings whose day a source gives (the others: ``undated``)."""
    found_steps: list[dict] = []
    for p in found.signings():
        if p.date is None:
            continue
        if not found_steps or found_steps[-1]["date"] != p.date:
            found_steps.append({"date": p.date, "names": {}, "new": 0, "count": found_steps[-1]["count"] if found_steps else 0})
        step = found_steps[-1]
        for lang, name in p.name.items():
            step["names"].setdefault(lang, []).append(name)
        step["new"] += 1
        step["count"] += 1
    return found_steps


def width(text: str) -> float:
    """An estimate of ``text``'s width in em, on the wide side (the browser's
    font is not known at build time): a full-width character 1, others 0.6."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in text)


def wrap(names: list[str], separator: str, limit: float) -> list[str]:
    """The names in lines of at most ``limit`` em, broken between names only."""
    lines, line = [], ""
    for i, name in enumerate(names):
        piece = name + (separator.rstrip() if i < len(names) - 1 else "")
        candidate = (line + (" " if line and separator.endswith(" ") else "") + piece) if line else piece
        if line and width(candidate) > limit:
            lines.append(line)
            candidate = piece
        line = candidate
    return lines + [line] if line else lines


def date_text(step: dict, ui: dict) -> str:
    return long_date(step["date"], ui) if step["date"] else ui["status_date_not_stated"]


def svg(found_steps: list[dict], lang: str, ui: dict, standalone: bool, left_out: list[str] = ()) -> str:
    """The timeline in ``lang``: an inline <svg> for the page, or (``standalone``) an SVG file."""
    total = max((s["count"] for s in found_steps), default=0) or 1
    labels = [ui["status_timeline_count"].format(count=s["count"], new=s["new"]) for s in found_steps]
    room = WIDTH - FONT * (max(map(width, labels), default=0) + 0.5)   # the longest bar leaves room for its count
    rows, y = [], 0
    for step in found_steps:
        before = (step["count"] - step["new"]) / total * room
        now = step["count"] / total * room
        lines = wrap(step["names"][lang], ui["facts_separator"], WIDTH / FONT - 0.5)
        rows.append((step, y, before, now, lines))
        y += LINE + 4 + BAR + 4 + LINE * len(lines) + GAP
    height = max(y - GAP + 4, 1)
    root = ET.Element(f"{{{SVG}}}svg", {"viewBox": f"0 0 {WIDTH} {height}", "width": str(WIDTH), "height": str(height),
                                        "font-size": str(FONT), "font-family": FONTS.get(lang, FONTS["en"]),
                                        "class": "status-timeline-svg"})
    title = ui["status_timeline_title"]
    if standalone:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
        ET.SubElement(root, f"{{{SVG}}}title").text = title
        ET.SubElement(root, f"{{{SVG}}}desc").text = caption(found_steps, ui, left_out, lang)
    else:
        root.set("role", "img")
        root.set("aria-label", f"{title}{'' if lang == 'ja' else '.'} {caption(found_steps, ui, left_out, lang)}")
    for step, top, before, now, lines in rows:
        group = ET.SubElement(root, f"{{{SVG}}}g")
        text(group, 0, top + FONT, date_text(step, ui), weight="700")
        bar = top + LINE + 4
        if before:
            ET.SubElement(group, f"{{{SVG}}}rect", {"x": "0", "y": str(bar), "width": f"{before:.1f}", "height": str(BAR),
                                                   "fill": COLOURS["before"]})
        ET.SubElement(group, f"{{{SVG}}}rect", {"x": f"{before:.1f}", "y": str(bar), "width": f"{now - before:.1f}",
                                               "height": str(BAR), "fill": COLOURS["new"]})
        text(group, now + 6, bar + BAR - 2, ui["status_timeline_count"].format(count=step["count"], new=step["new"]),
             weight="700")
        for number, line in enumerate(lines):
            text(group, 0, bar + BAR + 4 + FONT + LINE * number, line, fill=COLOURS["muted"])
    ET.register_namespace("", SVG)
    markup = ET.tostring(root, encoding="unicode")
    if standalone:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + markup + "\n"
    return markup.replace(f' xmlns="{SVG}"', "", 1)     # in HTML, the <svg> element is SVG's already


def text(parent, x: float, y: float, content: str, weight: str | None = None, fill: str | None = None) -> None:
    attributes = {"x": f"{x:.1f}", "y": str(y), "fill": fill or COLOURS["text"]}
    if weight:
        attributes["font-weight"] = weight
    ET.SubElement(parent, f"{{{SVG}}}text", attributes).text = content


def undated(found: Register, lang: str) -> list[str]:
    """The signatories no source gives the day of: not on the timeline."""
    return [p.name[lang] for p in found.signings() if p.date is None]


def caption(found_steps: list[dict], ui: dict, left_out: list[str] = (), lang: str = "en") -> str:
    """The timeline in words (its text equivalent), and who is not on it."""
    if not found_steps:
        return ""
    first, last = found_steps[0], found_steps[-1]
    text = ui["status_timeline_caption"].format(first=first["count"], start=date_text(first, ui),
                                                last=last["count"], end=date_text(last, ui), steps=len(found_steps))
    if left_out:
        text += sentence_separator(lang) + ui["status_timeline_undated"].format(names=ui["facts_separator"].join(left_out))
    return text

