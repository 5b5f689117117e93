"""Raw extract text -> a flat list of events (headings, label/value fields, free lines).

This is where layout quirks die: Markdown emphasis and heading marks, links, bold or plain
labels with the colon inside or outside the bold span, values and even labels wrapped over
several lines, page numbers. What comes out no longer knows whether it came from a PDF or a
text extract, so the assembler sees one shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg_builder.parse.labels import BARE_HEADINGS, FIELDS, ROLES
from kg_builder.parse.values import fold, key

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_ANGLE_URL = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_RULE = re.compile(r"^\s*(?:-{3,}|_{3,}|\*{3,})\s*$")
_SECTION = re.compile(r"^Section\s+(\d{1,2})\s*[-–—:]\s*(.+)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.*)$")
_NOTICE_NO = re.compile(r"^Annonce\s+n\s*[°o]\s*:?\s*(\S+)", re.IGNORECASE)
_PAGE_MARK = re.compile(r"^(?:page\s*)?\d{1,4}\s*(?:/|sur|of)\s*\d{1,4}$", re.IGNORECASE)
_COLON = re.compile(r"\s*:(?=\s|$)")
_LOT_LIST = re.compile(r"^(?:(?:LOT|GLO)-\d{4}[,;\s]*)+$")
_KNOWN_SECTIONS = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}

# Statements printed on their own, never the continuation of a value.
STATEMENTS: dict[str, str] = {
    "projet de passation de marché non financé par des fonds de l'ue": "eu_funded:no",
    "projet de passation de marché financé par des fonds de l'ue": "eu_funded:yes",
    "au moins un lauréat a été choisi.": "winner_chosen:yes",
    "au moins un lauréat a été choisi": "winner_chosen:yes",
    "aucun lauréat n'a été choisi et la mise en concurrence est close.": "winner_chosen:no",
    "aucun lauréat n'a été choisi et la mise en concurrence est close": "winner_chosen:no",
    "aucun lauréat n'a été choisi et la mise en concurrence est toujours en cours.": "winner_chosen:open",
}


@dataclass(frozen=True, slots=True)
class Heading:
    number: str | None  # "5.1.2", "Section 5", None for bare headings
    title: str
    value: str | None  # "LOT-0001" in "5.1 Identifiant technique du lot : LOT-0001"
    line: int


@dataclass(slots=True)
class Field:
    label: str  # as printed, cleaned
    field: str | None  # meaning from labels.FIELDS, or "party" for ROLES labels; None = unknown
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    line: int
    statement: str | None = None  # meaning from STATEMENTS


Event = Heading | Field | Text


def clean(raw: str) -> tuple[str, bool]:
    """One raw line -> (plain text, started bold). Links become their target (mail: the address).

    >>> clean("**Numéro d'enregistrement** : 178 000 055 00016")
    ("Numéro d'enregistrement : 178 000 055 00016", True)
    >>> clean("**Adresse électronique** : [contact@x.fr](mailto:contact@x.fr)")[0]
    'Adresse électronique : contact@x.fr'
    """
    s = raw.strip()
    if not s:
        return "", False
    if s[0] == "#":
        s = _MD_HEADING.sub("", s)
    bold = s.startswith("**")

    def link(m: re.Match[str]) -> str:
        text, target = m.group(1), m.group(2)
        if target.startswith("mailto:"):
            return target[len("mailto:") :]
        return target if target.startswith(("http://", "https://")) else text

    if "](" in s:
        s = _MD_LINK.sub(link, s)
    if "<" in s:
        s = _ANGLE_URL.sub(lambda m: m.group(1).removeprefix("mailto:"), s)
    if "**" in s:
        s = s.replace("**", "")
    if "__" in s:
        s = s.replace("__", "")
    return fold(s), bold


def _is_label_like(text: str) -> bool:
    return (
        0 < len(text) <= 140
        and text[0].isupper()
        and "http" not in text
        and not re.search(r"[.;!?]\s", text)
        and text.count("(") == text.count(")")
    )


def split_field(text: str, bold: bool) -> Field | None:
    """Split ``Label : value`` at the first colon whose left side is a known label.

    Unknown labels count only when the line started bold or looks like a label, so prose with a
    colon in it stays prose.

    >>> split_field("Informations complémentaires : Périmètre : Paris (75)", False).value
    'Périmètre : Paris (75)'
    >>> split_field("Date d'envoi de l'avis : 17/09/2025 à 12:30", False).field
    'dispatch'
    >>> split_field("qu'il : - Fournisse un service", False) is None
    True
    """
    first: tuple[str, str] | None = None
    for m in _COLON.finditer(text):
        label, value = text[: m.start()].strip(), text[m.end() :].strip()
        k = key(label)
        if k in FIELDS:
            return Field(label, FIELDS[k], value, 0)
        if k in ROLES:
            return Field(label, "party", value, 0)
        if first is None:
            first = (label, value)
    if first is not None and (bold or _is_label_like(first[0])) and _is_label_like(first[0]):
        return Field(first[0], None, first[1], 0)
    return None


def heading(text: str) -> Heading | None:
    """
    >>> heading("5.1 Identifiant technique du lot : LOT-0002")
    Heading(number='5.1', title='Identifiant technique du lot', value='LOT-0002', line=0)
    >>> heading("Section 8 - Organisations").number
    'Section 8'
    >>> heading("12 mois, sans que sa durée") is None
    True
    """
    first = text[:1]
    if not (first.isdigit() or first in "SsI"):  # "Section", "Informations relatives à ..."
        return None
    m = _SECTION.match(text)
    if m:
        return Heading(f"Section {int(m.group(1))}", m.group(2).strip(), None, 0)
    m = _NUMBERED.match(text)
    if m and m.group(1).split(".")[0] in _KNOWN_SECTIONS and len(m.group(2)) <= 120:
        title = m.group(2).strip()
        if not (title[0].isupper() or title.startswith(("ORG-", "LOT-", "GLO-", "RES-"))):
            return None
        value = None
        parts = _COLON.split(title, maxsplit=1)
        if len(parts) == 2:
            title, value = parts[0].strip(), parts[1].strip() or None
        return Heading(m.group(1), title.rstrip(" :"), value, 0)
    if len(text) > 60:
        return None
    k = key(text)
    if k in BARE_HEADINGS:
        return Heading(None, text.rstrip(" :"), None, 0)
    return None


def events(text: str) -> list[Event]:
    """Turn a whole extract into events, joining wrapped values and wrapped labels.

    After "Rôles de cette organisation :" each following plain line is one role (a role may
    wrap over two lines in a PDF: the assembler joins those), until a heading or a field.
    """
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = [(*clean(r), n + 1) for n, r in enumerate(raw_lines)]
    out: list[Event] = []
    open_field: Field | None = None  # the field a following plain line may continue
    role_mode = False
    blank_since = False
    i = 0
    while i < len(cleaned):
        text_, bold, no = cleaned[i]
        i += 1
        if not text_ or _RULE.match(text_) or _PAGE_MARK.match(text_):
            blank_since = blank_since or not text_
            continue
        h = heading(text_)
        if h is not None:
            out.append(Heading(h.number, h.title, h.value, no))
            open_field, role_mode, blank_since = None, False, False
            continue
        m = _NOTICE_NO.match(text_)
        if m:
            out.append(Field("Annonce n°", "boamp_id", m.group(1), no))
            open_field, role_mode, blank_since = None, False, False
            continue
        statement = STATEMENTS.get(text_.casefold())  # clean() already made apostrophes plain
        if statement:
            out.append(Text(text_, no, statement))
            open_field, role_mode, blank_since = None, False, False
            continue
        f = split_field(text_, bold)
        if (f is None or f.field is None) and not role_mode:
            # A label wrapped over two lines: "... dans le cadre de" / "marchés : 3".
            nxt = cleaned[i][0] if i < len(cleaned) else ""
            wrapped = nxt and len(text_) < 140 and ":" in nxt
            joined = split_field(f"{text_} {nxt}", bold) if wrapped else None
            if joined is not None and joined.field is not None and split_field(nxt, False) is None:
                f, i = joined, i + 1
        if role_mode and (f is None or f.field is None):
            if open_field is not None and _LOT_LIST.match(text_):
                # "Lauréat de ces lots : LOT-0001, ..., LOT-0006," wrapped onto the next line
                open_field.value = f"{open_field.value} {text_}"
            else:
                out.append(Text(text_, no))
            continue
        if f is not None and (f.field is not None or open_field is None or blank_since):
            f.line = no
            out.append(f)
            if f.field == "roles":
                role_mode, open_field = True, None
            elif role_mode and f.field == "winner_of_lots":
                open_field = f  # only a list of lot ids may continue it (see above)
            else:
                role_mode, open_field = False, f
            blank_since = False
            continue
        if open_field is not None and (open_field.value == "" or not blank_since):
            # the value of an empty "Label :" on the next line, or a wrapped value
            if open_field.value:
                # a word cut at its hyphen ("Val-de-" / "Marne") joins without a space
                sep = "" if re.search(r"\w-$", open_field.value) else " "
                open_field.value = f"{open_field.value}{sep}{text_}"
            else:
                open_field.value = text_
            blank_since = False
            continue
        out.append(Text(text_, no))
        open_field, blank_since = None, False
    return out
