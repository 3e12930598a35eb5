"""Hard-wrapped text is joined again; text with a line per paragraph is left alone."""
from kg.ingest import article_from_text
from kg.ingest.unwrap import unwrap_lines, width, wrap_width

BODY = ("桃源县委宣传部近日组建了桃源县百姓名嘴宣讲团，在全县开展理论进万家主题宣讲活动，累计宣讲一百二十场，"
        "覆盖群众三万余人次。宣讲团成员由机关干部、乡村教师和致富能手组成，他们用群众听得懂的话讲政策、讲变化，"
        "深受欢迎。下一步，该县将继续推动宣讲进村入户，让党的声音传遍山乡。")


def wrapped(text: str, n: int) -> str:
    return "\n".join(text[i:i + n] for i in range(0, len(text), n))


def test_a_text_wrapped_at_twenty_characters_is_one_paragraph_again():
    text = "桃源县开展宣讲活动\n" + wrapped(BODY, 20) + "\n（责编：王某）"
    out, offsets = unwrap_lines(text)
    assert out == "桃源县开展宣讲活动\n" + BODY + "\n（责编：王某）"
    at = out.index("嘴宣讲团")
    # every character maps to its place in the wrapped text
    assert "".join(text[offsets(at + i)] for i in range(4)) == "嘴宣讲团"


def test_a_wrap_by_display_columns_is_found_too():
    mixed = BODY.replace("一百二十", "120").replace("三万", "3万")
    lines = []
    line = ""
    for ch in mixed:  # wrap at 40 columns, a Chinese character counting two
        if width(line + ch) > 40:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    assert len({len(x) for x in lines[:-1]}) > 1  # not one length in characters
    out, _ = unwrap_lines("\n".join(lines))
    assert out == mixed


def test_a_line_per_paragraph_is_left_alone():
    text = "\n".join(["标题：某县召开会议", BODY, BODY[:37], BODY[5:90], BODY[:61], "编辑：李某"])
    out, _ = unwrap_lines(text)
    assert out == text


def test_an_indented_line_starts_a_new_paragraph():
    text = wrapped(BODY, 20) + "\n\u3000\u3000" + wrapped(BODY, 20)
    out, _ = unwrap_lines(text)
    assert out == BODY + "\n\u3000\u3000" + BODY


def test_too_few_lines_at_one_width_are_not_a_wrap():
    assert wrap_width([20, 20, 20, 35, 60, 80]) is None
    assert wrap_width([24, 24, 23, 24, 22, 10, 5]) == 24


def test_a_name_broken_by_a_wrap_is_found_whole():
    article = article_from_text(wrapped(BODY, 20), "a.txt")
    assert "桃源县百姓名嘴宣讲团" in article.text
    assert all("\n" not in article.text[s.start:s.end] for s in article.sentences)
    assert len(article.sentences) == 3
