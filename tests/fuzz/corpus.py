"""Generators of bad inputs: mutated seed notices and hostile files, all reproducible from a seed.

Every generator is a pure function of its arguments (a ``random.Random`` seeded by the caller),
so a failing case found by ``make fuzz`` is rebuilt exactly from its name alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from reportlab.pdfgen import canvas

from tests.badfiles import make_bad_files
from tests.fuzz import pdfcraft

Mutation = Callable[[list[str], random.Random], list[str]]


def _drop(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for _ in range(rng.randint(1, max(1, len(out) // 4))):
        if out:
            out.pop(rng.randrange(len(out)))
    return out


def _swap(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for _ in range(rng.randint(1, 40)):
        a, b = rng.randrange(len(out)), rng.randrange(len(out))
        out[a], out[b] = out[b], out[a]
    return out


def _duplicate(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for _ in range(rng.randint(1, 40)):
        start = rng.randrange(len(out))
        block = out[start : start + rng.randint(1, 60)]
        at = rng.randrange(len(out) + 1)
        out[at:at] = block
    return out


def _truncate(lines: list[str], rng: random.Random) -> list[str]:
    cut = rng.randrange(len(lines))
    out = lines[:cut]
    if cut < len(lines):
        out.append(lines[cut][: rng.randrange(len(lines[cut]) + 1)])
    return out


def _unicode(lines: list[str], rng: random.Random) -> list[str]:
    """Random code points (controls, RTL marks, combining marks, astral) inside lines."""
    pools = [
        (0x1, 0x1F),
        (0x80, 0x9F),
        (0x300, 0x36F),
        (0x200B, 0x202E),
        (0xFFF0, 0xFFFD),
        (0x1F300, 0x1F6FF),
        (0x10000, 0x10FFFF),
    ]
    out = list(lines)
    for _ in range(rng.randint(1, 60)):
        i = rng.randrange(len(out))
        lo, hi = rng.choice(pools)
        noise = "".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 8)))
        at = rng.randrange(len(out[i]) + 1)
        out[i] = out[i][:at] + noise + out[i][at:]
    return out


def _huge_line(lines: list[str], rng: random.Random) -> list[str]:
    """One line of 1 MB: a label with an endless value, or a value with no label."""
    out = list(lines)
    i = rng.randrange(len(out))
    filler = rng.choice(["x", "Lot ", "**", "LOT-0001 ", "26-16132 ", "é"])
    out[i] = out[i] + filler * ((1 << 20) // len(filler.encode()))
    return out


def _digits(lines: list[str], rng: random.Random) -> list[str]:
    """Numbers, dates and codes changed: values the parser must validate, not trust."""
    out = list(lines)
    swaps = ["", "0", "99999999999999999999", "-1", "31/02/2026", "1e308", "NaN", "٣", "²", "①"]
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(len(out))
        out[i] = re.sub(r"\d+", lambda _m: rng.choice(swaps), out[i], count=rng.randint(1, 3))
    return out


def _markup(lines: list[str], rng: random.Random) -> list[str]:
    """Headings and bold markers moved, doubled or dropped, as real extracts do."""
    out = list(lines)
    for _ in range(rng.randint(1, 40)):
        i = rng.randrange(len(out))
        out[i] = rng.choice(
            [
                out[i].replace("**", ""),
                "#" * rng.randint(1, 8) + " " + out[i],
                out[i].replace(":", "", 1),
                "**" + out[i],
                out[i].lstrip("#"),
            ]
        )
    return out


MUTATIONS: dict[str, Mutation] = {
    "drop": _drop,
    "swap": _swap,
    "duplicate": _duplicate,
    "truncate": _truncate,
    "unicode": _unicode,
    "huge-line": _huge_line,
    "digits": _digits,
    "markup": _markup,
}


def mutate_text(text: str, rng: random.Random, *, rounds: int = 1) -> tuple[str, str]:
    """Apply ``rounds`` random mutations to a notice text.

    :param text: a seed notice
    :param rng: the random source (seeded by the caller for reproducibility)
    :param rounds: how many mutations to stack
    :return: (names of the mutations applied, mutated text)

    >>> names, out = mutate_text("a\\nb\\nc", random.Random(1), rounds=2)
    >>> names.count("+") == 1 and isinstance(out, str)
    True
    """
    lines = text.split("\n")
    names = []
    for _ in range(rounds):
        name = rng.choice(sorted(MUTATIONS))
        lines = MUTATIONS[name](lines, rng) or [""]
        names.append(name)
    return "+".join(names), "\n".join(lines)


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """Byte-level damage to a file (PDF or text): flips, cuts, splices, zeroed runs.

    >>> name, out = mutate_bytes(b"%PDF-1.7 hello", random.Random(3))
    >>> isinstance(out, bytes)
    True
    """
    out = bytearray(data)
    kind = rng.choice(["flip", "cut", "zero", "splice", "shuffle-block"])
    if kind == "flip":
        for _ in range(rng.randint(1, 64)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    elif kind == "cut":
        del out[rng.randrange(len(out)) :]
    elif kind == "zero":
        at = rng.randrange(len(out))
        out[at : at + rng.randint(1, 4096)] = b"\0" * len(out[at : at + 4096])
    elif kind == "splice":
        at, src = rng.randrange(len(out)), rng.randrange(len(out))
        out[at:at] = out[src : src + rng.randint(1, 8192)]
    else:
        a = rng.randrange(len(out))
        b = rng.randrange(len(out))
        size = rng.randint(1, 2048)
        out[a : a + size], out[b : b + size] = out[b : b + size], out[a : a + size]
    return kind, bytes(out)


def many_lots_text(seed_text: str, lots: int = 10_000) -> str:
    """A notice rendered with ``lots`` lots: the seed's header and section 8 around short lots."""
    start = seed_text.index("## Section 5")
    end = seed_text.index("## Section 8")
    blocks = [
        f"#### 5.1 Identifiant technique du lot : LOT-{n:04d}\n\n"
        f"**Titre :** Lot numéro {n}\n\n"
        f"**Description :** Prestations du lot {n}\n\n"
        "##### 5.1.1 Objet\n\n**Nature du marché :** Services\n\n"
        "**Nomenclature principale ( cpv ):** 72600000 Services d'assistance\n\n"
        "#### 5.1.5 Valeur\n\n**Valeur estimée hors TVA** : 1,000 Euro\n"
        for n in range(1, lots + 1)
    ]
    return seed_text[:start] + "## Section 5 - Lot\n\n" + "\n".join(blocks) + seed_text[end:]


def reportlab_pages(path: Path, pages: int, lines: list[str]) -> Path:
    """A real multi-page PDF written by reportlab (each page repeats ``lines``)."""
    c = canvas.Canvas(str(path))
    for _ in range(pages):
        y = 800
        for line in lines:
            c.drawString(40, y, line)
            y -= 14
        c.showPage()
    c.save()
    return path


def hostile_files(folder: Path, seed_text: str | None, *, bomb: int = 2 << 30) -> dict[str, Path]:
    """Every named hostile file the suite knows, written into ``folder``: {kind: path}.

    :param bomb: bytes the two-layer inflation bomb inflates to (making it costs ~2 s per GiB)
    """
    folder.mkdir(parents=True, exist_ok=True)
    files = make_bad_files(folder / "basic")
    head = ["Annonce n° 26-00001", "Section 1 - Acheteur", "Nom officiel : Ville"]
    crafted: dict[str, bytes] = {
        "pdf-2000-pages-handmade": pdfcraft.text_page_pdf(head, pages=2000),
        "pdf-inflation-bomb": pdfcraft.inflation_bomb(bomb),
        "pdf-inflation-bomb-64MiB-1-layer": pdfcraft.inflation_bomb(64 << 20, layers=1),
        "pdf-page-tree-loop": pdfcraft.self_referencing_tree(),
        "pdf-page-count-lie": pdfcraft.lying_page_count(),
        "pdf-deep-nesting": pdfcraft.deep_nesting(),
        "pdf-reference-chain": pdfcraft.reference_chain(),
        "pdf-object-stream-loop": pdfcraft.object_stream_loop(),
        "pdf-no-xref": pdfcraft.assemble(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"],
            xref=False,
        ),
        "binary-named-txt": bytes(random.Random(7).randbytes(200_000)),
        "text-over-10MB": b"Annonce n\xc2\xb0 26-00001\n" + b"x" * (11 << 20),
        "xml-billion-laughs": (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(
                b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                for i in range(1, 10)
            )
            + b"]><ContractNotice>&lol9;</ContractNotice>"
        ),
        "xml-xxe-file": (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<ContractNotice>&xxe;</ContractNotice>"
        ),
        "json-deep-nesting": b"[" * 100_000 + b"]" * 100_000,
        "json-huge-number": b'{"idweb": 1' + b"0" * 100_000 + b"}",
    }
    for kind, data in crafted.items():
        suffix = ".txt" if kind.startswith(("binary", "text")) else "." + kind.split("-")[0]
        files[kind] = folder / f"{kind}{suffix}"
        files[kind].write_bytes(data)
    files["pdf-2000-pages-reportlab"] = reportlab_pages(folder / "pages2000.pdf", 2000, head)
    if seed_text is not None:
        files["text-windows-1252"] = folder / "cp1252.txt"
        files["text-windows-1252"].write_bytes(seed_text.encode("cp1252", errors="replace"))
        files["text-10000-lots"] = folder / "lots10000.txt"
        files["text-10000-lots"].write_text(many_lots_text(seed_text), encoding="utf-8")
        files["pdf-seed-rendered"] = folder / "seed.pdf"
        files["pdf-seed-rendered"].write_bytes(pdfcraft.text_page_pdf(seed_text.splitlines()[:60]))
    return files


def mutated_files(
    folder: Path, seeds: list[bytes], count: int, rng: random.Random
) -> Iterator[tuple[str, Path]]:
    """``count`` mutated copies of the seed files (text mutations or byte damage), written lazily.

    :return: (mutation name, path) pairs; paths are reused modulo 512 to bound disk use
    """
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        seed = rng.choice(seeds)
        if seed.startswith(b"%PDF") or rng.random() < 0.25:
            name, data = mutate_bytes(seed, rng)
            name = "bytes-" + name
        else:
            name, text = mutate_text(seed.decode("utf-8"), rng, rounds=rng.randint(1, 3))
            data = text.encode("utf-8", errors="surrogatepass")
        path = folder / f"m{n % 512:03d}{'.pdf' if seed.startswith(b'%PDF') else '.txt'}"
        path.write_bytes(data)
        yield name, path
