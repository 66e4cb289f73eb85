"""Years and days read back from each 年 and 日 (find_times)."""

from datetime import date

from kg.extract.money import find_times


def _spans(text, when=date(2021, 6, 20)):
    return [(text[t.start : t.end], t.year, t.relative) for t in find_times(text, when)]


def test_written_year_needs_four_digits_alone_and_not_a_decade():
    got = _spans("12019年的事、1990年代的厂、2018年建成")
    assert got == [("2018年", 2018, False)]


def test_month_day_and_day_alone_each_found_once_in_order():
    # (a day alone opens a clause or a time of day; 12月5日 would fall
    # months after a June report: the December before)
    got = _spans("3月15日开会,18日上午验收,20日收尾;12月5日到7日,再办")
    assert got == [("3月15日", 2021, True), ("18日", 2021, True), ("12月5日", 2020, True), ("7日", 2021, True)]


def test_day_after_a_month_or_year_word_is_not_a_day_alone():
    # 月12日 without a month number, 年5日: neither reads as a day of its own
    assert _spans("上月12日,今年5日") == [("上月", 2021, True), ("今年", 2021, True)]


def test_month_day_right_after_the_year_words_is_left_to_them():
    assert _spans("去年11月2日启动") == [("去年", 2020, True)]


def test_a_span_of_years_counts_from_its_first_year():
    assert _spans("2016—2020年,2018至2019年") == [("2016—2020年", 2016, False), ("2018至2019年", 2018, False)]


def test_last_month_in_a_january_report_is_the_december_before():
    assert _spans("上月", date(2021, 1, 8)) == [("上月", 2020, True)]
    assert _spans("上月") == [("上月", 2021, True)]


def test_amounts_in_chinese_numerals_with_thousands_and_compound_units():
    from kg.extract.money import find_amounts

    text = "投入三百五十万元、一千二百元、1亿2000万元、12,500元、2800多万元、万余元"
    got = [(text[a.start : a.end], a.yuan, a.approximate) for a in find_amounts(text)]
    assert got == [("三百五十万元", 3_500_000, False), ("一千二百元", 1200, False), ("1亿2000万元", 120_000_000, False),
                   ("12,500元", 12_500, False), ("2800多万元", 28_000_000, True), ("万余元", 10_000, True)]
