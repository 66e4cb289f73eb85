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
