"""The learned layer: models trained on annotated articles, used by the extractors.

* :mod:`kg.learn.project` turns entity-level gold (GUIDELINE.md) into character
  spans of the article text (the labels a sequence model learns from);
* :mod:`kg.learn.features` describes each character for the entity model;
* :mod:`kg.learn.ner` is the entity model (a linear-chain CRF, python-crfsuite);
* :mod:`kg.learn.bundle` reads and writes a trained model folder with its version;
* :mod:`kg.learn.entities` runs one article through the entity model's parts.

The relation and figure model (:mod:`kg.extract.pairs`) reads mentions, so it
lives in the extract layer; training (``kg train``) is :mod:`kg.training`.

Nothing here is imported by ``kg.ingest``; :mod:`kg.extract.model` loads a model
lazily, the first time an article is tagged.
"""
