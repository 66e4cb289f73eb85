"""Ingest: decoding, layout cleaning and the map back to original offsets."""

from __future__ import annotations

import pytest

from kg.errors import InputFileError
from kg.ingest import article_from_bytes, clean_text, decode_bytes, read_folder


def test_letter_spacing_is_removed_and_offsets_point_into_the_original():
    original = "———与 张 家 口 市 总 工 会 ：\n２０19年投入100\n万元。"
    text, where = clean_text(original)
    assert text.startswith("———与张家口市总工会:")
    assert "2019年投入100万元。" in text
    i = text.index("张家口")
    assert original[where[i]] == "张"
    assert original[where[i + 4]] == "总"


def test_line_broken_mid_sentence_is_joined_but_headlines_stay():
    text, _ = clean_text("高度重视 强化责任\n\n北京市总工会党组书记、副\n主席指出，做好工作。")
    lines = text.split("\n")
    assert lines[0] == "高度重视 强化责任"
    assert lines[1] == "北京市总工会党组书记、副主席指出,做好工作。"


def test_column_break_inside_a_word_is_joined():
    body = "与内蒙古自治区总工会的协作也在推进，北京市总工会投入200万元扶贫协作资金和支援合"
    text, _ = clean_text(body + "\n\n作资金，用于困难职工救助帮扶，并开展产业帮扶等救助工作。")
    assert "支援合作资金" in text


def test_doubled_headline_is_collapsed():
    text, _ = clean_text("发发挥挥工工会会职职能能 助助推推精精准准扶扶贫贫\n正文内容在这里。")
    assert text.split("\n")[0] == "发挥工会职能 助推精准扶贫"


def test_traditional_characters_are_converted_with_offsets_kept():
    original = "甘肅省總工會組織醫療專家"
    text, where = clean_text(original)
    assert text == "甘肃省总工会组织医疗专家"
    assert where[:len(text)] == list(range(len(text)))


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-8-sig"])
def test_decodes_chinese_encodings(encoding):
    src = "新疆維吾爾自治區總工會" if encoding == "big5" else "新疆维吾尔自治区总工会驻村工作队"
    text, used = decode_bytes(src.encode(encoding), "x.txt")
    assert text.lstrip("\ufeff") == src
    assert used in (encoding, "utf-8-sig", "gb18030", "big5")


def test_bad_inputs_name_the_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 cr\xe8me br\xfbl\xe9e".encode("latin-1") * 10)
    (tmp_path / "good.txt").write_text("西城区总工会援建龙泉关村蔬菜大棚。", encoding="utf-8")
    result = read_folder(tmp_path)
    assert [a.path.rsplit("/", 1)[-1] for a in result.articles] == ["good.txt"]
    problems = {e.path.rsplit("/", 1)[-1]: e.problem for e in result.errors}
    assert problems["empty.txt"] == "the file is empty"
    assert "binary" in problems["binary.txt"]
    assert "UTF-8" in problems["latin.txt"] or "Chinese" in problems["latin.txt"]
    for e in result.errors:
        assert e.path in str(e)


def test_article_metadata():
    a = article_from_bytes(
        "发发挥挥工工会会职职能能\n□本报记者 白莹│2019年10月28日\n北京市总工会投入资金。".encode(), "a.txt"
    )
    assert a.title == "发挥工会职能"
    assert a.date == "2019-10-28"
    assert a.year == 2019


def test_seed_articles_read_cleanly(seeds_dir):
    result = read_folder(seeds_dir)
    assert len(result.articles) == 5 and not result.errors
    for a in result.articles:
        assert len(a.to_original) == len(a.text) + 1
        assert "张 家 口" not in a.text
        # every cleaned CJK character maps to the same character (or its
        # simplified form) in the original file
        for i in range(0, len(a.text), 97):
            ch = a.text[i]
            if "\u4e00" <= ch <= "\u9fff":
                assert a.original[a.to_original[i]] in (ch,) or a.original[a.to_original[i]] != "\n"
