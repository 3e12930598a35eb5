"""Bytes → text: strict decoding with an encoding guess checked by plausibility.

The candidates are UTF-8, GB18030 (a superset of GBK/GB2312) and Big5 (tried
as big5, then cp950, then big5hkscs); a BOM settles UTF-8/UTF-16/UTF-32 at once.
Decoding is always strict.  A clean UTF-8 reading (or a BOM'd one) is taken
as is: valid UTF-8 hardly ever happens by chance.  Otherwise several candidates
often decode the same bytes without error (Big5 bytes nearly always decode as
GBK too, into nonsense), so the winner is the candidate whose text scores best
on :func:`plausibility`:
the share of very common Chinese characters (simplified and traditional) among
the ideographs, with penalties for control, private-use and unassigned
characters and for stray kana/Cyrillic/box-drawing that misdecoding produces.
A file that decodes under no candidate, or only implausibly, raises
:class:`DecodeError`; nothing is ever decoded wrongly in silence.

One incomplete multibyte sequence at the very end of the file (a truncated
download) is dropped with a warning instead of failing the whole file.  UTF-16
without a BOM is recognised by its NUL bytes.  A file no candidate decodes
whole, but whose lines each decode (lines of GBK pasted into a UTF-8 page) or
that has a few invalid bytes, is read line by line, with a warning that says so;
binary data stays an error.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DecodeError

_HINT = "save the file as UTF-8 (or GB18030 / Big5 plain text) and try again"

# ~380 of the most frequent simplified characters plus the governance vocabulary
# of the corpus, followed by their traditional forms.  Running Chinese text has
# well over a third of its ideographs in this set; GBK-decoded Big5 (or the
# reverse) has only a few percent.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
    "也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现"
    "实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间"
    "样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很"
    "情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路"
    "级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研信"
    "须书记委镇乡县村街宣讲团思振兴教育织传群众推领导服务践精神习近坚持单施落促培训层支策改创"
    "市副局省办室济举召议话深贯彻完善升健保障安环境项目企技术效色牌队伍堂课网站报编辑源专带骨"
    "模范典型志愿聚焦打造续断积极认真切负责参席调座谈讨交汇署排"
    "這爲個國時來們於對會發動過說產種後學經進電裏現實兩體機當點從業應開還義間樣與關線內數麼質"
    "氣變條沒結問無軍並題黨員總設長頭資邊級圖統較將組見計別論運農幾區強決幹戰則據處須書記鎮鄉"
    "縣講團興織傳羣衆領導務踐習堅單訓層創辦濟舉議話貫徹環項術隊課網報編輯專帶範願續斷積極認負"
    "責參調談討匯眾為裡臺著綫衛鄰"
)

_CANDIDATES: tuple[tuple[str, ...], ...] = (
    ("utf-8",),
    ("gb18030",),
    ("big5", "cp950", "big5hkscs"),  # same family: the first that decodes wins
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]{2,20})", re.I)
_SAMPLE = 50_000  # characters scored; enough to judge, cheap on huge files


@dataclass(frozen=True, slots=True)
class Decoded:
    """The decoded text (BOM removed), the codec used and any warnings."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Attempt:
    encoding: str
    text: str | None
    bad_offset: int  # first undecodable byte (len(data) when it decoded)
    dropped: int  # bytes of an incomplete tail that were dropped


def _is_ideograph(o: int) -> bool:
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F


def _char_class(ch: str) -> int:
    """0 neutral, 1 common ideograph, 2 other ideograph, 3 bad, 4 odd."""
    o = ord(ch)
    if ch in _COMMON:
        return 1
    if _is_ideograph(o):
        return 2
    if o < 0x80:
        return 0 if ch.isprintable() or ch in "\t\n\r\f\v" else 3
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Co", "Cn", "Cs"):
        return 3
    if (0x2000 <= o <= 0x206F or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
            or 0x00A0 <= o <= 0x024F or o in (0x02C7, 0x02C9, 0x00B7, 0xFFFD)
            or 0x0300 <= o <= 0x036F or 0x2100 <= o <= 0x22FF or 0x2460 <= o <= 0x24FF
            or 0x25A0 <= o <= 0x26FF):
        return 0  # punctuation, full-width forms, pinyin letters, symbols, circled numbers
    return 4  # kana, hangul, Greek, Cyrillic, box drawing, compatibility ideographs...


@dataclass(frozen=True, slots=True)
class Plausibility:
    """Character statistics of a decoded text; ``score`` ranks candidates."""

    chars: int  # non-space characters scored
    ideographs: int
    common: int
    bad: int
    odd: int
    non_ascii: int = 0

    @property
    def score(self) -> float:
        if not self.chars:
            return 0.0
        return (self.common - 4 * self.bad - 0.5 * self.odd) / self.chars

    @property
    def clean(self) -> bool:
        """No more than a trace of control, private-use or unassigned characters."""
        return self.bad <= max(2, self.chars // 100)

    @property
    def plausible(self) -> bool:
        """Clean, and Chinese (if any) made mostly of common characters."""
        if not self.clean:
            return False
        if self.ideographs >= 10 and self.common < 0.2 * self.ideographs:
            return False
        return self.odd <= 0.2 * self.chars


def plausibility(text: str) -> Plausibility:
    """Score how much ``text`` looks like real (Chinese or plain) text."""
    counts = [0, 0, 0, 0, 0]
    n = non_ascii = 0
    for ch in text[:_SAMPLE]:
        if ch.isspace():
            continue
        n += 1
        non_ascii += ord(ch) >= 0x80
        counts[_char_class(ch)] += 1
    return Plausibility(chars=n, ideographs=counts[1] + counts[2], common=counts[1],
                        bad=counts[3], odd=counts[4], non_ascii=non_ascii)


def _attempt(data: bytes, encoding: str) -> _Attempt:
    """Strict incremental decode; an incomplete sequence at the very end is dropped."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError as exc:
        return _Attempt(encoding, None, exc.start, 0)
    # Bytes still buffered are a valid but unfinished sequence: a cut-off tail.
    pending = decoder.getstate()[0]
    return _Attempt(encoding, text, len(data), len(pending))


def _declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` of an HTML page, if it names a codec Python knows."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _first_bad_char(text: str) -> int:
    """Index of the first character that counts against plausibility (0 if none)."""
    for i, ch in enumerate(text[:_SAMPLE]):
        if not ch.isspace() and _char_class(ch) in (3, 4):
            return i
    return 0


def _byte_offset(text: str, index: int, encoding: str, skip: int) -> int:
    return skip + len(text[:index].encode(encoding, errors="replace"))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows itself by its NUL bytes: the high byte of every ASCII
    character (digits, newlines, punctuation of a Chinese page), all on one side of
    each pair.  UTF-8, GB18030 and Big5 text holds no NUL at all."""
    if len(data) % 2 or data.count(0) < 4:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    if odd >= 8 * max(even, 1) and odd >= 4:
        guess = "utf-16-le"
    elif even >= 8 * max(odd, 1) and even >= 4:
        guess = "utf-16-be"
    else:
        return None
    try:  # NULs alone are no evidence of text: binary data has them too
        text = data.decode(guess)
    except UnicodeDecodeError:
        return None
    return guess if plausibility(text).plausible else None


# A file that decodes under no candidate is read line by line when it is text with
# damage: lines of another encoding (mirror sites that paste GBK into UTF-8 pages)
# or a few invalid bytes.  At most this share of its bytes (or 16) may be undecodable.
_REPAIR_MAX_BAD = 0.02


def _repair(body: bytes, skip: int) -> Decoded | None:
    """Decode each line with the first candidate that decodes it (UTF-8 first); bytes
    no candidate decodes become U+FFFD.  None unless the result is plausible text
    with at most :data:`_REPAIR_MAX_BAD` of its bytes bad."""
    order = ("utf-8", "gb18030", "big5")
    lines = body.split(b"\n")
    parts, used, bad, first_bad = [], {}, 0, None
    position = skip
    for line in lines:
        for encoding in order:
            try:
                text = line.decode(encoding)
                used[encoding] = used.get(encoding, 0) + 1
                break
            except UnicodeDecodeError:
                continue
        else:
            text = line.decode("utf-8", errors="replace")
            lost = text.count("\ufffd")
            bad += lost
            if first_bad is None:
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    first_bad = position + exc.start
        parts.append(text)
        position += len(line) + 1
    if bad > max(16, _REPAIR_MAX_BAD * len(body)):
        return None
    text = "\n".join(parts)
    if not plausibility(text).plausible:
        return None
    main = max(used, key=used.get) if used else "utf-8"
    notes = []
    others = {e: n for e, n in used.items() if e != main}
    if others:
        notes.append("mixed encodings: " + ", ".join(f"{n} line(s) read as {e}"
                                                     for e, n in sorted(others.items()))
                     + f" in a {main} file")
    if bad:
        notes.append(f"{bad} undecodable byte(s) replaced by U+FFFD (first at byte {first_bad})")
    return Decoded(text=text, encoding=main, warnings=tuple(notes))


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> Decoded:
    """Decode ``data`` strictly, choosing the most plausible candidate encoding.

    Raises :class:`DecodeError` (with the path and the first bad byte offset)
    when no candidate decodes, or none decodes into plausible text.
    """
    skip, groups = 0, list(_CANDIDATES)
    for bom, name in _BOMS:
        if data.startswith(bom):
            skip, groups = len(bom), [(name,)]
            break
    else:
        declared = _declared_charset(data)
        if declared and all(declared not in g for g in groups):
            groups.insert(0, (declared,))
        utf16 = _utf16_without_bom(data)
        if utf16:
            groups.insert(0, (utf16,))
    body = data[skip:]

    attempts: list[_Attempt] = []
    for group in groups:
        for encoding in group:
            attempt = _attempt(body, encoding)
            if attempt.text is not None:
                attempts.append(attempt)
                break
        else:
            attempts.append(attempt)
    decoded = [a for a in attempts if a.text is not None]
    if not decoded:
        repaired = _repair(body, skip)
        if repaired is not None:
            return repaired
        best = max(attempts, key=lambda a: a.bad_offset)
        raise DecodeError(
            f"not text: no encoding decodes it (best try {best.encoding} fails at byte "
            f"{skip + best.bad_offset}, value 0x{data[skip + best.bad_offset]:02x})",
            path=path, offset=skip + best.bad_offset, hint=_HINT)

    scored = [(plausibility(a.text or ""), i, a) for i, a in enumerate(decoded)]
    stats, _, chosen = max(scored, key=lambda s: (s[0].score, -s[1]))
    # Valid UTF (or a BOM) is strong evidence by itself: random GBK/Big5 bytes are
    # hardly ever valid UTF-8 beyond a few characters.  So a clean UTF reading
    # wins, whatever the language, unless it is too short to be evidence.
    for utf_stats, _, attempt in scored:
        if attempt.encoding.startswith("utf") and utf_stats.clean and (
                utf_stats.non_ascii >= 8 or len(scored) == 1 or utf_stats.non_ascii == 0):
            stats, chosen = utf_stats, attempt
            break
    text = chosen.text or ""
    if stats.chars == 0:
        return Decoded(text=text, encoding=chosen.encoding)  # whitespace: no text, no error
    acceptable = stats.clean if chosen.encoding.startswith("utf") else stats.plausible
    if not acceptable:
        offset = _byte_offset(text, _first_bad_char(text), chosen.encoding, skip)
        raise DecodeError(
            f"not text: decodes as {chosen.encoding} only into implausible characters "
            f"(first suspicious byte at {offset})", path=path, offset=offset, hint=_HINT)
    warnings: tuple[str, ...] = ()
    if chosen.dropped:
        warnings = (f"dropped an incomplete {chosen.encoding} character at the end of the "
                    f"file (byte {len(data) - chosen.dropped}); the file may be truncated",)
    return Decoded(text=text, encoding=chosen.encoding, warnings=warnings)
