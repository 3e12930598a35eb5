"""article_graph / build_dataset / union_graph: content, conformance, stability."""
from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib import namespace as ns
from rdflib.namespace import DCTERMS, SKOS

from kg.errors import ArticleError, OntologyError
from kg.model import DivisionLevel, EntityType, Extraction, Relation
from kg.rdf.graph import (add_article, article_graph, original_span, build_dataset, build_dataset_from_graphs,
                          new_dataset, union_graph)
from kg.rdf.iri import article_iri, entity_iri, graph_iri, mint, sentence_iri
from kg.rdf.validate import graphs_holding, validate
from kg.rdf.vocab import KG

from tests.rdf.conftest import extraction_a, extraction_b

LIAOZHONG = mint("division", "210115")
SHENYANG = mint("division", "210100")
LIAONING = mint("division", "210000")
SUPERMARKET = mint("programme", "理论超市")
DAJIANGTANG = mint("programme", "振兴大讲堂")


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def test_hand_built_extraction_conforms(ext_a: Extraction, ext_b: Extraction) -> None:
    for ext in (ext_a, ext_b):
        report = validate(article_graph(ext))
        assert report.conforms, str(report)
    assert validate(build_dataset([ext_a, ext_b])).conforms


def test_article_node(ext_a: Extraction) -> None:
    g = article_graph(ext_a)
    art = article_iri("dir/a01.txt")
    assert g.identifier == graph_iri("dir/a01.txt")
    assert g.value(art, KG.fileName) == Literal("a01.txt")
    assert g.value(art, DCTERMS.identifier) == Literal("dir/a01.txt")
    assert g.value(art, DCTERMS.title) == zh("沈阳市辽中区以解放思想激活振兴发展内生动力")
    assert g.value(art, DCTERMS.issued).datatype == ns.XSD.dateTime
    assert g.value(art, KG.sourceName) == Literal("人民网-辽宁频道")
    assert g.value(art, KG.channel) == Literal("人民网>>辽宁频道>>区县乡村")
    editors = set(g.objects(art, KG.editor))
    assert {g.value(p, RDFS.label) for p in editors} == {zh("李进媛"), zh("汤龙")}
    assert editors <= set(g.objects(art, KG.mentions))
    assert all((p, RDF.type, KG.Person) in g for p in editors)


def test_issued_date_is_xsd_date(ext_b: Extraction) -> None:
    g = article_graph(ext_b)
    assert g.value(article_iri("b02.txt"), DCTERMS.issued).datatype == ns.XSD.date


def test_entities_labels_and_division_chain(ext_a: Extraction) -> None:
    g = article_graph(ext_a)
    art = article_iri("dir/a01.txt")
    mentioned = set(g.objects(art, KG.mentions))
    assert len(mentioned) == 7 + 2  # seven entities, two editors
    assert {LIAOZHONG, DAJIANGTANG, SUPERMARKET} <= mentioned
    # the division: level class and category, code, canonical label, other names
    assert {KG.District, KG.AdministrativeDivision} <= set(g.objects(LIAOZHONG, RDF.type))
    assert g.value(LIAOZHONG, KG.divisionCode) == Literal("210115")
    assert list(g.objects(LIAOZHONG, RDFS.label)) == [zh("辽中区")]
    assert list(g.objects(LIAOZHONG, SKOS.altLabel)) == [zh("沈阳市辽中区")]
    # parents: direct links only, each typed, labelled and coded, not "mentioned"
    assert list(g.objects(LIAOZHONG, KG.partOf)) == [SHENYANG]
    assert list(g.objects(SHENYANG, KG.partOf)) == [LIAONING]
    assert (LIAOZHONG, KG.partOf, LIAONING) not in g
    assert (SHENYANG, RDF.type, KG.City) in g and (LIAONING, RDF.type, KG.Province) in g
    assert g.value(SHENYANG, RDFS.label) == zh("沈阳市")
    assert g.value(LIAONING, KG.divisionCode) == Literal("210000")
    assert SHENYANG not in mentioned and LIAONING not in mentioned
    # canonical first, surfaces after; quotes never in labels
    assert g.value(SUPERMARKET, RDFS.label) == zh("理论超市")
    assert set(g.objects(SUPERMARKET, SKOS.altLabel)) == {zh("理论超市进基层活动")}
    # a division without a code: hashed IRI, no code
    street = entity_iri((EntityType.DIVISION, "花园路街道"))
    assert (street, RDF.type, KG.Township) in g and g.value(street, KG.divisionCode) is None
    # every label is tagged zh
    for prop in (RDFS.label, SKOS.altLabel):
        assert all(o.language == "zh" for o in g.objects(None, prop))


def test_uncoded_division_is_keyed_under_its_coded_parent(ext_a: Extraction) -> None:
    from tests.rdf.conftest import mention
    art = ext_a.article
    street = mention(art, EntityType.DIVISION, "花园路街道", level=DivisionLevel.TOWNSHIP,
                     parents=(("210115", "辽中区", DivisionLevel.DISTRICT),
                              ("", "某市", DivisionLevel.CITY),
                              ("210000", "辽宁省", DivisionLevel.PROVINCE)))
    g = article_graph(Extraction(art, (street,)))
    node = mint("division", "210115/花园路街道")
    assert (article_iri("dir/a01.txt"), KG.mentions, node) in g
    assert list(g.objects(node, KG.partOf)) == [LIAOZHONG]
    city = mint("division", "210000/某市")  # an uncoded parent: keyed like a mention of it
    assert list(g.objects(LIAOZHONG, KG.partOf)) == [city]
    assert list(g.objects(city, KG.partOf)) == [LIAONING]
    assert g.value(city, KG.divisionCode) is None and g.value(city, RDFS.label) == zh("某市")
    assert validate(g).conforms


def test_mentions_carry_both_offsets(ext_a: Extraction) -> None:
    g = article_graph(ext_a)
    mentions = set(g.subjects(RDF.type, KG.Mention))
    assert len(mentions) == len(ext_a.mentions)
    for m in ext_a.mentions:
        node = next(n for n in mentions if g.value(n, KG.start) == Literal(m.start)
                    and g.value(n, KG.refersTo) == entity_iri(m.key))
        assert g.value(node, KG.end) == Literal(m.end)
        assert g.value(node, KG.surface) == Literal(m.surface)
        assert original_span(g, node) == ext_a.article.offsets.span(m.start, m.end)
        assert g.value(node, KG.inSentence) == sentence_iri("dir/a01.txt", m.sentence)
        assert g.value(node, KG.inArticle) is None  # its sentence's


def test_original_offsets_follow_the_offset_map(ext_a: Extraction) -> None:
    art = ext_a.article
    shifted = replace(art, offsets=type(art.offsets)(tuple(p + 100 for p in art.offsets.positions)))
    g = article_graph(replace(ext_a, article=shifted))
    for node in g.subjects(RDF.type, KG.Mention):
        assert original_span(g, node) == (g.value(node, KG.start).toPython() + 100,
                                          g.value(node, KG.end).toPython() + 100)
        assert g.value(node, KG.originalStart) is None  # the sentence's shift says it


def test_evidence_states_the_original_range_only_where_its_sentence_does_not_give_it(
        ext_a: Extraction) -> None:
    """An invented reading inside one mention (its original is longer than the text):
    that mention states its original range, the others take their sentence's shift."""
    art = ext_a.article
    m = ext_a.mentions[0]
    # every position after the mention's first character moves 5 further in the original
    positions = tuple(p + 5 if i > m.start else p for i, p in enumerate(art.offsets.positions))
    g = article_graph(replace(ext_a, article=replace(art, offsets=type(art.offsets)(positions))))
    stated = {n for n in g.subjects(KG.originalStart, None)
              if (n, RDF.type, KG.Sentence) not in g}
    node = next(n for n in g.subjects(RDF.type, KG.Mention) if g.value(n, KG.start) == Literal(m.start)
                and g.value(n, KG.refersTo) == entity_iri(m.key))
    assert node in stated
    assert original_span(g, node) == (positions[m.start], positions[m.end])
    for n in g.subjects(RDF.type, KG.Mention):  # the rule recovers every range
        start, end = g.value(n, KG.start).toPython(), g.value(n, KG.end).toPython()
        assert original_span(g, n) == replace(art, offsets=type(art.offsets)(positions)
                                              ).offsets.span(start, end)
    assert validate(g).conforms


def test_only_sentences_with_evidence(ext_a: Extraction) -> None:
    g = article_graph(ext_a)
    indices = {g.value(s, KG.index).toPython() for s in g.subjects(RDF.type, KG.Sentence)}
    assert indices == {0, 1, 2}  # sentence 3 (大家都说好。) holds nothing
    s0 = sentence_iri("dir/a01.txt", 0)
    assert str(g.value(s0, KG.text)) == ext_a.article.sentence_text(0)


def test_relations_are_direct_triples_with_reified_evidence(ext_a: Extraction) -> None:
    g = article_graph(ext_a)
    assert (LIAOZHONG, KG.runs, DAJIANGTANG) in g
    school = entity_iri((EntityType.ORGANIZATION, "区委党校"))
    assert (school, KG.belongsTo, LIAOZHONG) in g
    assertions = list(g.subjects(RDF.type, KG.Assertion))
    assert len(assertions) == 3
    for node in assertions:
        s, p, o = (g.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in g
        assert g.value(node, KG.inSentence) is not None


def test_sparql_from_an_entity_to_its_evidence_sentences(ext_a, ext_b) -> None:
    union = union_graph(build_dataset([ext_a, ext_b]))
    query = """
        SELECT DISTINCT ?text WHERE {
            ?ev (kg:refersTo|rdf:subject|rdf:object) ?entity ;
                kg:inSentence/kg:text ?text .
        } ORDER BY ?text"""
    texts = [str(r.text) for r in union.query(query, initBindings={"entity": LIAOZHONG},
                                              initNs={"kg": KG._NS, "rdf": RDF})]
    assert texts == ["区委党校组建劳模宣讲团。", "沈阳市辽中区开设“振兴大讲堂”，推动“四位一体”落地。",
                     "辽中区“理论超市”开张。"]


def test_building_twice_is_isomorphic(ext_a: Extraction) -> None:
    assert isomorphic(article_graph(ext_a), article_graph(extraction_a()))
    reordered = replace(ext_a, mentions=tuple(reversed(ext_a.mentions)),
                        relations=tuple(reversed(ext_a.relations)))
    # extractor order is not identity: same IRIs, same graph
    assert set(article_graph(reordered)) == set(article_graph(ext_a))


def test_datasets_built_twice_are_isomorphic() -> None:
    one, two = build_dataset([extraction_a(), extraction_b()]), build_dataset([extraction_b(), extraction_a()])
    ids = {g.identifier for g in one.graphs() if len(g)}
    assert ids == {g.identifier for g in two.graphs() if len(g)}
    assert ids == {graph_iri("dir/a01.txt"), graph_iri("b02.txt")}
    for ident in ids:
        assert isomorphic(one.graph(ident), two.graph(ident))


def test_same_entity_in_two_articles_is_one_node(ext_a, ext_b) -> None:
    ds = build_dataset([ext_a, ext_b])
    union = union_graph(ds)
    for node in (LIAOZHONG, SUPERMARKET):
        articles = set(union.subjects(KG.mentions, node))
        assert articles == {article_iri("dir/a01.txt"), article_iri("b02.txt")}
        assert graphs_holding(ds, node) == {graph_iri("dir/a01.txt"), graph_iri("b02.txt")}
    assert len(set(union.subjects(RDF.type, KG.Programme))) == 2  # 振兴大讲堂, 理论超市
    assert validate(union).conforms


def test_union_holds_every_quad_once(ext_a, ext_b) -> None:
    ds = build_dataset([ext_a, ext_b])
    union = union_graph(ds)
    assert set(union) == {(s, p, o) for s, p, o, _ in ds.quads()}
    assert isinstance(union, Graph) and not isinstance(union, Dataset)


def test_unknown_predicate_is_an_ontology_error(ext_a: Extraction) -> None:
    bad = replace(ext_a.relations[0], predicate="sponsors")
    with pytest.raises(OntologyError, match="sponsors"):
        article_graph(replace(ext_a, relations=(bad,)))


def test_relation_to_an_unmentioned_entity_is_an_article_error(ext_a: Extraction) -> None:
    bad = replace(ext_a.relations[0], tail=(EntityType.PROGRAMME, "不存在的活动"))
    with pytest.raises(ArticleError, match="does not mention"):
        article_graph(replace(ext_a, relations=(bad,)))


def test_relation_to_a_parent_division_is_allowed(ext_a: Extraction) -> None:
    rel = Relation("partOf", (EntityType.DIVISION, "210115"), (EntityType.DIVISION, "210100"),
                   0, 6, 0, extractor="test")
    g = article_graph(replace(ext_a, relations=(rel,)))
    assert validate(g).conforms


@pytest.mark.parametrize("change,match", [
    (dict(start=-1), "outside the text"),
    (dict(end=10_000), "outside the text"),
    (dict(sentence=99), "sentence 99"),
    (dict(start=1), "does not match"),
])
def test_bad_mentions_are_article_errors(ext_a: Extraction, change, match) -> None:
    bad = replace(ext_a.mentions[0], **change)
    with pytest.raises(ArticleError, match=match):
        article_graph(replace(ext_a, mentions=(bad,), relations=()))


def test_duplicate_article_ids_are_refused(ext_a: Extraction) -> None:
    with pytest.raises(ArticleError, match="same id"):
        build_dataset([ext_a, extraction_a()])


def test_article_without_mentions_is_just_the_article(ext_a: Extraction) -> None:
    g = article_graph(Extraction(replace(ext_a.article, metadata=type(ext_a.article.metadata)())))
    assert set(g.predicates()) == {RDF.type, KG.fileName, DCTERMS.identifier}
    assert validate(g).conforms


def test_add_article_adds_nothing_when_it_fails(ext_a: Extraction, ext_b: Extraction) -> None:
    ds = new_dataset()
    add_article(ds, ext_b)
    before = set(ds.quads())
    bad = replace(ext_a, relations=(replace(ext_a.relations[0], predicate="sponsors"),))
    with pytest.raises(OntologyError):
        add_article(ds, bad)
    assert set(ds.quads()) == before
    assert add_article(ds, ext_a) == graph_iri("dir/a01.txt")


def test_dataset_from_graphs_equals_dataset_from_extractions(ext_a, ext_b) -> None:
    one = build_dataset([ext_a, ext_b])
    two = build_dataset_from_graphs([article_graph(ext_a), article_graph(ext_b)])
    assert set(one.quads()) == set(two.quads())
    with pytest.raises(ArticleError, match="same id"):
        build_dataset_from_graphs([article_graph(ext_a), article_graph(ext_a)])
