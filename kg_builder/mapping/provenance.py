"""Provenance of a notice's named graph: which file, which parser, when.

The graph IRI is the subject: ``prov:wasDerivedFrom`` the source file (name, SHA-256, format,
size, page count) and ``prov:wasGeneratedBy`` the conversion (parser version, text engine,
and ``prov:endedAtTime`` only when a build time is given, so that two runs without one are
byte-identical).
"""

from __future__ import annotations

import datetime as dt

from rdflib import Literal

from kg_builder.mapping.context import Context
from kg_builder.mapping.namespaces import BKG, DCT, FOAF, PROV, RDF

MEDIA_TYPE = {
    "text": "text/plain",
    "pdf": "application/pdf",
    "eforms-xml": "application/xml",
    "boamp-json": "application/json",
}


def add_provenance(ctx: Context, built_at: dt.datetime | None) -> None:
    t, g = ctx.t, ctx.iris.graph
    t.add(g, RDF.type, PROV.Entity)
    t.add(g, FOAF.primaryTopic, ctx.iris.notice)
    # the shared graph says what it is and which notice graphs its facts come from
    # (prov:wasInfluencedBy: prov:wasDerivedFrom is kept for source files, as the shapes read it)
    shared = ctx.iris.minter.shared_graph()
    t.add(shared, RDF.type, PROV.Entity)
    t.add(shared, DCT.title, Literal("Faits partagés entre avis", lang="fr"))
    t.add(shared, DCT.title, Literal("Facts shared between notices", lang="en"))
    t.add(shared, PROV.wasInfluencedBy, g)
    source = ctx.notice.source
    activity = ctx.iris.local("conversion")
    t.add(g, PROV.wasGeneratedBy, activity)
    t.add(activity, RDF.type, PROV.Activity)
    if built_at is not None:
        t.date(activity, PROV.endedAtTime, built_at)
        t.date(g, DCT.modified, built_at)
    if source is None:
        return
    file = ctx.iris.local("source")
    t.add(g, PROV.wasDerivedFrom, file)
    t.add(activity, PROV.used, file)
    t.add(file, RDF.type, PROV.Entity)
    t.string(file, DCT.title, source.name)
    t.string(file, BKG.sha256, source.sha256.lower())
    t.string(file, DCT["format"], MEDIA_TYPE.get(source.format, source.format))
    t.string(file, BKG.sourceFormat, source.format)
    t.integer(file, BKG.byteSize, source.size)
    t.integer(file, BKG.pageCount, source.page_count)
    t.string(activity, BKG.parserVersion, source.parser_version)
    t.string(activity, BKG.textEngine, source.engine)
