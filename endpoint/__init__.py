"""The boamp-kg web endpoint: SPARQL 1.1 Protocol, query page and linked-data pages.

It only reads: the store is opened read-only, updates are refused, and nothing here imports the
parse or build code. :func:`endpoint.app.create_app` builds the application.
"""
