"""RDF output of kg: the ontology's Python mirror, IRIs, graphs, validation, export.

* :mod:`kg.rdf.vocab`     -- the terms of ``ontology/kg.ttl`` as Python constants;
* :mod:`kg.rdf.iri`       -- the one place IRIs are minted;
* :mod:`kg.rdf.resources` -- finds and loads the ontology and the SHACL shapes;
* :mod:`kg.rdf.graph`     -- :class:`~kg.model.Extraction` -> one named graph per article;
* :mod:`kg.rdf.validate`  -- SHACL validation with a readable report;
* :mod:`kg.rdf.export`    -- atomic TriG / Turtle output.
"""
from __future__ import annotations
