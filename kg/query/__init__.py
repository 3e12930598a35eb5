"""Asking the graph: SPARQL over the store, saved queries, remote servers and kg serve.

* :mod:`kg.query.engine`  -- :func:`run_query` on the store (parameters, row cap, cancel);
* :mod:`kg.query.saved`   -- the saved queries of ``kg/queries/*.rq``;
* :mod:`kg.query.sparql`  -- reading queries: form, variables, SERVICE, updates, safe
  binding, syntax errors with line and column;
* :mod:`kg.query.terms`   -- parameter values and terms as people read them;
* :mod:`kg.query.formats` -- table, SPARQL JSON/CSV/TSV/XML, Turtle;
* :mod:`kg.query.remote`  -- SPARQL 1.1 Protocol client (querying other servers);
* :mod:`kg.query.push`    -- Graph Store Protocol: kg push, --prune;
* :mod:`kg.query.server`  -- the ``kg serve`` endpoint and :mod:`kg.query.page`, its page.

This layer imports :mod:`kg.rdf` only (``tests/test_layers.py``).
"""
from __future__ import annotations

from kg.query.engine import Cancelled, QueryResult, Refused, run_query
from kg.query.formats import serialize, table
from kg.query.push import PushReport, push_store
from kg.query.remote import query_endpoint
from kg.query.saved import SavedQuery, saved_queries, saved_query
from kg.query.terms import parse_param, parse_params

__all__ = ["QueryResult", "run_query", "Cancelled", "Refused", "serialize", "table",
           "push_store", "query_endpoint", "PushReport", "SavedQuery", "saved_queries",
           "saved_query", "parse_param", "parse_params"]
