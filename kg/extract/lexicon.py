"""Word lists about the language of union and poverty-alleviation reports.

Every entry is a word of the genre (posts, honours, body suffixes, national
union campaigns), never a name taken from one article.  The mention rules'
words live in tables under ``kg/data/mentions/`` (one row per head, with the
forms it is written in and an example sentence that is also the row's test,
tests/test_mentions_tables.py); this module reads them into the word lists
the finders use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import KGError


@dataclass(frozen=True)
class MentionRow:
    """One row of a mention table: a head written in `forms`, of a `kind`
    (post, title, facility …), with an example sentence in which the
    extractor finds `expected`; `extra` holds the table's other columns."""

    table: str
    line: int
    kind: str
    forms: tuple[str, ...]
    example: str
    expected: str
    extra: dict


def parse_table(name: str, text: str) -> list[MentionRow]:
    r"""Rows of a mention table: `#` comments, a header naming the columns
    (forms, example and expected at least), then one tab-separated row per line.

    Examples
    --------
    >>> rows = parse_table("t.tsv", "# c\nkind\tforms\texample\texpected\npost\t主席|副主席\t主席王强说。\t王强\n")
    >>> rows[0].forms, rows[0].kind
    (('主席', '副主席'), 'post')
    """
    lines = [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise KGError(f"{name}: empty mention table")
    header = lines[0][1].split("\t")
    missing = {"forms", "example", "expected"} - set(header)
    if missing:
        raise KGError(f"{name}: header line {lines[0][0]} lacks the column(s) {', '.join(sorted(missing))}")
    rows = []
    for number, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(header):
            raise KGError(f"{name}: line {number} has {len(cells)} cells, the header {len(header)}")
        row = dict(zip(header, cells))
        forms = tuple(f for f in row.pop("forms").split("|") if f)
        if not any(f in row["example"] for f in forms):
            raise KGError(f"{name}: line {number}: the example uses none of the row's forms")
        rows.append(MentionRow(name, number, row.pop("kind", ""), forms, row.pop("example"), row.pop("expected"), row))
    return rows


@lru_cache(maxsize=None)
def mention_table(name: str) -> tuple[MentionRow, ...]:
    """The rows of ``kg/data/mentions/<name>``."""
    path = resources.files("kg.data").joinpath("mentions").joinpath(name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KGError(f"kg/data/mentions/{name}: cannot read the mention table ({exc})") from exc
    return tuple(parse_table(f"kg/data/mentions/{name}", text))


def table_forms(name: str, kind: str | None = None, **where: str) -> list[str]:
    """Every form of the rows of a table (of one kind, with the given
    column values), longest first so that a regex alternation picks the
    full word."""
    forms = {f for r in mention_table(name) if kind in (None, r.kind)
             and all(r.extra.get(k) == v for k, v in where.items()) for f in r.forms}
    return sorted(forms, key=lambda f: (-len(f), f))

# Common Chinese surnames (single and compound); used to accept a person
# name candidate found in a name slot.
SURNAMES_2 = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 南宫 独孤 "
    "轩辕 钟离 闻人 万俟 澹台 呼延 赫连 申屠 太史 濮阳 淳于 单于 仲孙 百里 东郭 公冶 宗政"
).split()
SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文"
    "牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛"
    "曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏"
    "席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐"
    "冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计"
    "索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈"
    "湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由靖习"
    "洪傅萧阎赖丘荀郦鄂贡蓟桓糜"
)

# Posts, honours and words for a kind of person before a name
# (kg/data/mentions/people_cues.tsv), longest first.
POSTS = table_forms("people_cues.tsv", "post")

TITLES = table_forms("people_cues.tsv", "title")

ROLE_PREFIX_WORDS = table_forms("people_cues.tsv", "role")

# Words that end a person name slot on the right.
NAME_RIGHT_CONTEXT = sorted(
    set(
        """
表示 指出 说 说道 介绍 认为 强调 告诉 坦言 感慨 感叹 回忆 解释 透露 建议 分析 提出 谈到 称 讲 笑着说
同志 等人 等 一行 带领 带队 主持 出席 参加 讲话 致辞 作 在 就 也 和 与 及 对 向 为 把 将 从 是 的 今年 激动 感激
主席 书记 总书记 委员长 总理 副主席 部长 主任 队长 代表 先生 女士 老师 院士 师傅 大姐 大哥 一家 夫妇 家 等同志
""".split()
    ),
    key=len,
    reverse=True,
)

# Characters that never occur inside a short person name in this genre.
NOT_IN_NAME = set(
    "的了是在与及对向把将从被让给到这那其她它们我你您之年月日时个名位次户万亿县省镇乡村"
    "、,。;:!?“”()《》0123456789—-·"
)

# Byline cue words: a name follows.
BYLINE_CUES = (
    "本报记者", "本报通讯员", "特约通讯员", "特约记者", "新华社记者", "见习记者", "记者", "通讯员", "实习生", "本版编辑", "美术编辑",
    "责任编辑", "文章作者", "作者", "责编", "编辑", "审签", "审核", "校对", "摄影",
)

# Heads of union names (kg/data/mentions/union_heads.tsv).
UNION_FEDERATION = tuple(table_forms("union_heads.tsv", "federation"))

INDUSTRY_UNIONS = table_forms("union_heads.tsv", "industry")

# Organisation heads (kg/data/mentions/organisation_heads.tsv); those too
# generic to name a body without a place written in front.
ORG_SUFFIXES = table_forms("organisation_heads.tsv")
ORG_HEADS_NEEDING_PLACE = tuple(table_forms("organisation_heads.tsv", needs_place="yes"))

# Party committees: only named when a place is written in front of them.
PARTY_COMMITTEES = ("省委", "市委", "区委", "县委", "州委", "旗委", "镇委", "党委")

# Programme words (kg/data/mentions/programme_words.tsv): national ACFTU
# campaigns and their seasonal variants -> canonical name, facility heads,
# words after and before a quoted programme name.
PROGRAMME_NAMES = {f: r.extra.get("canonical") or f for r in mention_table("programme_words.tsv") if r.kind == "campaign"
                   for f in r.forms}

PROGRAMME_AFTER_QUOTE = table_forms("programme_words.tsv", "after_quote")
PROGRAMME_BEFORE_QUOTE = table_forms("programme_words.tsv", "before_quote")

FACILITY_NOUNS = table_forms("programme_words.tsv", "facility")

# Cue words of help between bodies and places (assists).
ASSIST_CUES = (
    "对口帮扶", "对口支援", "对口援助", "对口扶贫", "扶贫协作", "支援合作", "结对帮扶", "结对共建", "结对", "帮扶", "包抓", "援建", "捐建", "捐修",
    "慰问", "支援", "援助", "拨付给", "赠送", "送去", "资助", "扶持", "共建", "支持",
)
# Cue words of running a programme.
RUN_CUES = (
    "开展", "举办", "举行", "实施", "启动", "组织", "推行", "打造", "建设", "建立", "成立", "援建", "捐建", "投入", "发放", "落实", "坚持", "创建", "组建",
)

SPEECH_VERBS = ("表示", "指出", "说", "介绍", "认为", "强调", "告诉")

# Frequent words that begin with a surname character but are not names.
NOT_NAMES = set(
    """
强调 满意 全面 全体 全部 全覆盖 全省 全市 全县 全国 和职工 劳模 劳动 方面 方式 高度 高兴 成功 成立 成为 成效 文化 时间 应该 关于 关注
关心 安全 平安 常态 同时 同志 向前 向上 师生 代表 马上 江山 龙头 金秋 金融 金额 黄金 白色 黎明 明确 明显 景区 景点 石头 田间 林业
万元 万人 于是 于今 于此 许多 许可 严格 严重 张贴 李子 杨树 周边 周年 周期 孔子 吴起 武术 童年 宋体 华人 华侨 项目 连续 连同 管理 管控
"""
    .split()
)


def words_pattern(words) -> str:
    """A regex of `words` matching the longest word at the first position
    one starts, written as a trie: one alternative per first character, each
    going on with the words sharing it (longer ones first), so a scan skips
    at C speed the positions where no word starts and tests a position once
    per character rather than once per word.

    Examples
    --------
    >>> import re
    >>> re.findall(words_pattern(["主席", "副主席", "副主任", "书记", "书"]), "副主席王强和书记李明读书")
    ['副主席', '书记', '书']
    """
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    alts = [re.escape(ch) + _trie_pattern(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
    # a word may end here: the longer words first (a greedy optional part)
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=1)
def _tagged_words() -> dict[str, str]:
    text = resources.files("kg.data").joinpath("name_boundary_words.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line)


@lru_cache(maxsize=1)
def boundary_words() -> frozenset[str]:
    """Common two-character words (kg/data/name_boundary_words.tsv, built
    from jieba's dictionary by scripts/build_name_words.py)."""
    return frozenset(_tagged_words())


@lru_cache(maxsize=1)
def attribute_words() -> frozenset[str]:
    """The non-predicate adjectives among `boundary_words` (jieba's tag b:
    新兴, 主导, 新型, 大型): they sort things, they name none."""
    return frozenset(w for w, tag in _tagged_words().items() if tag == "b")


@lru_cache(maxsize=1)
def predicate_words() -> frozenset[str]:
    """The verbs, verbal nouns and adjectives among `boundary_words` (jieba's
    tags v, vn, a: 建设, 发展, 美丽): words that say what is done to a thing
    or how it is, not what it is called."""
    return frozenset(w for w, tag in _tagged_words().items() if tag in ("v", "vn", "a"))


@lru_cache(maxsize=1)
def common_verbs() -> frozenset[str]:
    """The verbs among `boundary_words` (jieba's tag v)."""
    return frozenset(w for w, tag in _tagged_words().items() if tag == "v")
