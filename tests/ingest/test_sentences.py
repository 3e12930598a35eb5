from __future__ import annotations

from kg.ingest.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_terminators_and_newlines() -> None:
    text = "第一句。第二句！第三句？第四句;第五句；第六句!\n  第七行\n\n\u3000\u3000第八行"
    assert texts(text) == ["第一句。", "第二句！", "第三句？", "第四句;", "第五句；", "第六句!",
                           "第七行", "第八行"]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "他说:“要解放思想……。”大家赞同。(记者 王云)“好吗?”她问。"
    assert texts(text) == ["他说:“要解放思想……。”", "大家赞同。", "(记者 王云)“好吗?”", "她问。"]


def test_lost_character_question_marks_do_not_split() -> None:
    assert texts("N个系列座谈?懻,即组织。成立专家??,完善。") == [
        "N个系列座谈?懻,即组织。", "成立专家??,完善。"]


def test_spans_cover_text_without_whitespace() -> None:
    text = "  甲。 乙。  \n\n 丙  "
    spans = split_sentences(text)
    assert texts(text) == ["甲。", "乙。", "丙"]
    assert all(text[s.start] != " " and text[s.end - 1] != " " for s in spans)
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_empty() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\u3000") == ()
