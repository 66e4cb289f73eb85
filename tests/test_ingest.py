"""Ingest: decoding, layout cleaning and the map back to original offsets."""

from __future__ import annotations

import pytest

from kg.ingest import article_from_bytes, clean_text, decode_bytes, is_page_chrome, read_folder


def test_letter_spacing_is_removed_and_offsets_point_into_the_original():
    original = "———与 秦 皇 岛 市 总 工 会 ：\n２０18年拨出100\n万元。"
    text, where = clean_text(original)
    assert text.startswith("———与秦皇岛市总工会:")
    assert "2018年拨出100万元。" in text
    i = text.index("秦皇岛")
    assert original[where[i]] == "秦"
    assert original[where[i + 4]] == "总"


def test_line_broken_mid_sentence_is_joined_but_headlines_stay():
    text, _ = clean_text("压实责任 合力攻坚\n\n陕西省总工会党组成员、副\n主席指出，抓好落实。")
    lines = text.split("\n")
    assert lines[0] == "压实责任 合力攻坚"
    assert lines[1] == "陕西省总工会党组成员、副主席指出,抓好落实。"


def test_column_break_inside_a_word_is_joined():
    body = "与拉萨市总工会的协作也在推进，北京市总工会拿出150万元帮扶资金和支援合"
    text, _ = clean_text(body + "\n\n作资金，用来救助困难职工，同时做好就业帮扶。")
    assert "支援合作资金" in text


def test_doubled_headline_is_collapsed():
    text, _ = clean_text("凝凝聚聚工工会会力力量量 决决胜胜脱脱贫贫攻攻坚坚\n正文内容在这里。")
    assert text.split("\n")[0] == "凝聚工会力量 决胜脱贫攻坚"


def test_traditional_characters_are_converted_with_offsets_kept():
    original = "甘肅省總工會組織醫療專家"
    text, where = clean_text(original)
    assert text == "甘肃省总工会组织医疗专家"
    assert where[:len(text)] == list(range(len(text)))


def test_variant_forms_opencc_leaves_are_simplified_too():
    text, where = clean_text("陜西省總工會到村裡慰問")
    assert text == "陕西省总工会到村里慰问"
    assert where[:len(text)] == list(range(len(text)))


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-8-sig"])
def test_decodes_chinese_encodings(encoding):
    src = "新疆維吾爾自治區總工會" if encoding == "big5" else "新疆维吾尔自治区总工会帮扶工作队"
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
        "凝凝聚聚工工会会力力量量\n□本报记者 葛岚│2021年11月16日\n北京市总工会投入资金。".encode(), "a.txt"
    )
    assert a.title == "凝聚工会力量"
    assert a.date == "2021-11-16"
    assert a.year == 2021


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


# --------------------------------------------------------------------------- mirror-site text


def _mirror(text: str) -> bytes:
    return ("source: http://mirror.example.cn/n1/2020/0101/a.html\n\n" + text).encode()


def test_source_line_becomes_metadata_and_leaves_the_text():
    a = article_from_bytes(_mirror("桐柏县總工會慰問環衛工人。"), "m.txt")
    assert a.source == "http://mirror.example.cn/n1/2020/0101/a.html"
    assert "source" not in a.text and "http" not in a.text
    assert a.text == "桐柏县总工会慰问环卫工人。"


def test_inserted_pinyin_is_removed_and_names_map_back_to_the_original():
    body = "臨湘市總工會(huì)副主席周曉(xiǎo)梅帶隊到羊樓司鎮(zhèn)(zhènjiāng)走訪。"
    a = article_from_bytes(_mirror(body), "m.txt")
    assert a.text == "临湘市总工会副主席周晓梅带队到羊楼司镇走访。"
    for name, written in [("临湘市总工会", "臨湘市總工會"), ("周晓梅", "周曉(xiǎo)梅"), ("羊楼司镇", "羊樓司鎮")]:
        start = a.text.index(name)
        s, e = a.original_span(start, start + len(name))
        assert a.original[s:e] == written


@pytest.mark.parametrize(
    "written, kept",
    [
        ("下載工會APP(APP)後", "APP(APP)"),  # English, not pinyin
        ("村里的“农家乐”(Logo)设计", "(Logo)"),
        ("闵(行)保(山)两地", "闵(行)保(山)"),  # characters in parentheses stay
        ("选出代表(ren)一名", "(ren)"),  # toneless letters that do not spell 表
    ],
)
def test_parentheses_that_are_not_inserted_pinyin_stay(written, kept):
    text, _ = clean_text(written)
    assert kept in text


def test_toneless_pinyin_that_spells_the_characters_is_removed():
    text, _ = clean_text("向困难职工(zhigong)发放慰问金。")
    assert text == "向困难职工发放慰问金。"


def test_gbk_shifted_by_a_lost_byte_is_read_again():
    # A quotation mark that lost its first byte shifts the GBK reading of
    # what follows until an ASCII byte (the trail of 縣) realigns it.
    garbled = (b"!\xb1" + "桐柏縣總工會慰問".encode("gbk")).decode("gbk")
    assert "桐柏" not in garbled
    text, where = clean_text("大家都說好" + garbled + "了環衛工人。")
    assert text == "大家都说好!桐柏县总工会慰问了环卫工人。"
    assert where[text.index("总工会")] > where[text.index("桐柏")]


def test_replacement_characters_and_commas_doubled_before_marks_are_dropped():
    text, _ = clean_text("村里修了路,,建了桥,、通了水,。\ufffd\ufffd县总工会\ufffd送去了化肥,?")
    assert text == "村里修了路,建了桥、通了水。县总工会送去了化肥?"


PAGE = """source: http://mirror.example.cn/c/1.html
您的位置:首页 > 工会新闻 > 正文
欢迎访问某某网 今天是:2030年01月02日 星期三
体育正文 321 0
分享到:
封丘县总工会为留守儿童送去书包
2020-05-06 来源:某某日报 作者:赵一鸣
5月6日,封丘县总工会为留守儿童送去书包。
IMG_0042_副本.jpg
编辑:钱二丫
上一篇: 某地开展技能培训
Copyright © 2009-2030 mirror.example.cn 版权所有
相关阅读
某县工会举办运动会
某市工会慰问劳模
"""


@pytest.mark.parametrize(
    "line",
    ["您的位置:首页 > 工会新闻 > 正文", "体育正文 321 0", "分享到:", "IMG_0042_副本.jpg", "上一篇: 某地开展技能培训",
     "Copyright © 2009-2030 mirror.example.cn 版权所有", "首页 · 基层动态 · 县区工会 ·", "1024 次浏览", "|"],
)
def test_page_chrome_lines(line):
    assert is_page_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["封丘县总工会为留守儿童送去书包", "2020-05-06 来源:某某日报 作者:赵一鸣", "编辑:钱二丫", "阿依古丽·吐尔逊 致富路上的领头雁",
     "本版热线电话:12345678│校对 孙三│本版编辑 李四", "2020-05-06", "5月6日,封丘县总工会为留守儿童送去书包。"],
)
def test_report_lines_are_not_page_chrome(line):
    assert not is_page_chrome(line)


def test_page_around_a_report_is_removed_and_offsets_still_point_into_the_file():
    a = article_from_bytes(PAGE.encode(), "page.txt")
    assert a.text.split("\n") == [
        "欢迎访问某某网",
        "封丘县总工会为留守儿童送去书包",
        "2020-05-06来源:某某日报 作者:赵一鸣",
        "5月6日,封丘县总工会为留守儿童送去书包。",
        "编辑:钱二丫",
    ]
    assert a.date == "2020-05-06"  # the date beside 来源, not the crawl date after 今天是
    assert a.title == "封丘县总工会为留守儿童送去书包"  # the headline, not the site banner
    start = a.text.index("钱二丫")
    s, e = a.original_span(start, start + 3)
    assert a.original[s:e] == "钱二丫"
    start = a.text.rindex("封丘县总工会")
    s, e = a.original_span(start, start + 6)
    assert a.original[s:e] == "封丘县总工会" and a.original[s - 5 : s] == "5月6日,"


@pytest.mark.parametrize("sentence", ["真好!辽宁省总工会来了。", "谢谢!工会APP下载了。", "还好吗?村里有了e站。", "行!县总工会拨款5万元。"])
def test_ordinary_text_after_a_mark_is_not_read_as_shifted_gbk(sentence):
    text, _ = clean_text(sentence)
    assert text == sentence


def test_counter_or_credit_line_is_not_joined_to_the_paragraph_below():
    text, _ = clean_text("时间:2021-03-05 访问量:321\n3月5日,县总工会走访慰问困难职工。\n作者:赵一鸣\n5月6日,村里开了夜校。")
    assert text.split("\n") == ["时间:2021-03-05访问量:321", "3月5日,县总工会走访慰问困难职工。", "作者:赵一鸣",
                                "5月6日,村里开了夜校。"]


def test_letter_spaced_figures_are_closed_up_but_dates_and_times_stay():
    text, _ = clean_text("自2 0 2 0 年6 月起,合作社分红1 2 .5 万元,带动3 1 户。\n发布时间:2021-06-08 09:30")
    assert text == "自2020年6月起,合作社分红12.5万元,带动31户。\n发布时间:2021-06-08 09:30"


def test_link_list_closing_a_page_is_removed_but_a_closing_credit_stays():
    page = "泌阳县总工会为环卫工人送去棉衣。\n编辑:孙小五\n\n机关党建\n工会动态\n\n联系我们\n"
    a = article_from_bytes(page.encode(), "foot.txt")
    assert a.text == "泌阳县总工会为环卫工人送去棉衣。\n编辑:孙小五"
    assert len(a.to_original) == len(a.text) + 1
    s, e = a.original_span(a.text.index("孙小五"), len(a.text))
    assert a.original[s:e] == "孙小五"
    two_short_lines = "泌阳县总工会为环卫工人送去棉衣。\n春风送暖\n冬日情深"
    assert clean_text(two_short_lines)[0].endswith("冬日情深")


@pytest.mark.parametrize(
    "head, date",
    [
        ("县工会慰问环卫工人\n发布时间:2019/3/8 10:20 浏览次数:88\n3月7日,县总工会……", "2019-03-08"),
        ("县工会慰问环卫工人\n14.03.2019 09:15\n日前,县总工会……", "2019-03-14"),
        ("县工会慰问环卫工人\n【2019-03-08】\n近日,县总工会……", "2019-03-08"),
        ("县工会慰问环卫工人\n2019年3月8日 星期五\n近日,县总工会……", "2019-03-08"),
        ("县工会慰问环卫工人\n1970-01-01\n近日,县总工会……", None),
        ("县工会慰问环卫工人\n近日,县总工会在2016年5月1日前完成了……", "2016-05-01"),
    ],
)
def test_article_date_from_the_lines_of_its_head(head, date):
    assert article_from_bytes(head.encode(), "d.txt").date == date


def test_a_time_above_a_paragraph_opening_with_ri_qian_stays_apart():
    text, _ = clean_text("12.01.2019 13:42\n\n日前,县总工会召开会议。")
    assert text.split("\n") == ["12.01.2019 13:42", "日前,县总工会召开会议。"]


def test_source_line_is_not_joined_to_the_first_paragraph_across_a_blank_line():
    page = "欢迎访问某县总工会网站 | 今天是:\n来源:某县总工会 时间:2019年03月08日 浏览次数:321\n\n8日,县总工会走访慰问了困难职工。"
    a = article_from_bytes(page.encode(), "p.txt")
    assert a.text.split("\n") == ["欢迎访问某县总工会网站|", "来源:某县总工会 时间:2019年03月08日 浏览次数:321",
                                  "8日,县总工会走访慰问了困难职工。"]
    assert a.date == "2019-03-08" and a.title == ""


def test_headline_joined_to_the_line_below_is_read_from_the_lines_as_written():
    page = "泌阳县总工会开展送温暖活动\n近日泌阳县总工会在全县开展送温暖活动,慰问困难职工一百户。"
    a = article_from_bytes(page.encode(), "h.txt")
    assert "\n" not in a.text  # joined, as a line broken by a print layout would be
    assert a.title == "泌阳县总工会开展送温暖活动"


def test_headline_printed_twice_stays_two_lines_and_is_the_title():
    a = article_from_bytes(">泌阳县总工会开展送温暖活动\n泌阳县总工会开展送温暖活动\n近日,县总工会慰问困难职工。".encode(), "t.txt")
    assert a.text.split("\n")[0] == ">泌阳县总工会开展送温暖活动"
    assert a.title == "泌阳县总工会开展送温暖活动"


def test_the_examples_in_the_docstrings_hold():
    import doctest

    import kg.ingest

    result = doctest.testmod(kg.ingest)
    assert result.attempted >= 10 and result.failed == 0


@pytest.mark.parametrize(
    "written, clean",
    [
        ("社区主任(zhǔ rèn)李小一到场", "社区主任李小一到场"),  # syllables written apart
        ("县总工会(hui4)到场", "县总工会到场"),  # tone numbers
        ("锟斤拷锟斤拷县总工会到场", "县总工会到场"),  # U+FFFD read as GBK
    ],
)
def test_other_forms_of_inserted_pinyin_and_garbled_bytes(written, clean):
    assert clean_text(written)[0] == clean


# --------------------------------------------------------------------------- helpers kept fast


def test_cjk_ratio_counts_chinese_among_visible_characters():
    from kg.ingest import _cjk_ratio

    assert _cjk_ratio("工会 ab\n\u3000") == 0.5  # 工 会 a b are visible
    assert _cjk_ratio(" \n\t") == 0.0
    assert _cjk_ratio("\uf900村") == 1.0  # a compatibility ideograph counts


def test_cjk_ratio_leaves_out_every_character_str_isspace_calls_space():
    from kg.ingest import _cjk_ratio

    spaces = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    assert _cjk_ratio("工会" + spaces + "ab") == 0.5


def test_binary_looking_files_are_those_with_many_control_bytes():
    from kg.ingest import _looks_binary

    text = "工会慰问职工。\t\n".encode("utf-8") * 20
    assert not _looks_binary(text)
    assert _looks_binary(text + b"\x01\x02\x1b" * 40)


def test_nfkc_table_maps_full_width_forms_and_keeps_the_middle_dot():
    from kg.ingest import _nfkc_table

    table = _nfkc_table("阿卜杜·热合曼１２３，工会\uf900")
    assert table == {ord("１"): "1", ord("２"): "2", ord("３"): "3", ord("，"): ",", 0xF900: "\u8c48"}


def test_pinyin_spelling_and_syllable_splitting():
    from kg.ingest import _spells, _splits_into_syllables

    assert _spells("zonggonghui", "总工会") and not _spells("zonggong", "总工会")
    assert not _spells("zonggonghuix", "总工会") and _spells("", "")
    assert _splits_into_syllables("zhongguogonghui") and _splits_into_syllables("")
    # a long run that splits nowhere near its end is still answered (the
    # answer for each suffix is worked out once)
    assert not _splits_into_syllables("a" * 60 + "q")


def test_a_rule_that_changes_nothing_leaves_the_text_as_it_was():
    import re

    from kg.ingest import _Text

    t = _Text("县总工会\n慰问", [0, 1, 2, 3, 4, 5, 6, 7])
    assert t.sub(re.compile(r"^[^\n]+$", re.M), lambda m: m.group()) is t
    got = t.sub(re.compile("\n"), lambda m: "")
    assert (got.text, got.where) == ("县总工会慰问", [0, 1, 2, 3, 5, 6, 7])


def test_spaces_between_phrases_of_a_clause_are_kept_and_letter_spacing_is_not():
    from kg.ingest import _spaces_to_keep

    text = "聚焦产业 点亮门路,绵 阳 市总工会(慰问 困难职工)"
    kept = sorted(_spaces_to_keep(text))
    assert kept == [text.index(" 点亮"), text.index(" 困难")]
    assert _spaces_to_keep("县总工会慰问职工。") == set()


def test_pinyin_readings_without_loading_pypinyins_phrase_table():
    # the inserted-pinyin test reads the character table only; the package
    # (and its 190k-entry phrase table) stays unloaded in a fresh process
    import subprocess
    import sys

    code = (
        "import sys; from kg.ingest import is_inserted_pinyin as p;"
        "print(p('gōng huì', '工会'), p('zhang', '工会'), 'pypinyin' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False", "False"]
