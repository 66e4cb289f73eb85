"""Write N synthetic articles in the genre, for build benchmarks.

Run: python bench/make_corpus.py N DIR [--seed S] [--chars C]

Each article is about C characters (default 1,500, a real report's size):
a headline, a dateline, and paragraphs drawn from templates written for this
project (none is a sentence of any report), filled with real divisions of
the gazetteer down to the village, unions at every level, pairings with
amounts and years, people with posts and honours, and programmes. The same
N and seed always give the same files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.gazetteer import load_gazetteer  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅鹏飞建国志宏海燕晓东春林文斌宇浩凯俊晨阳鑫"
POSTS = ("主席", "副主席", "党组书记", "驻村第一书记", "帮扶工作队队长", "经费审查委员会主任")
HONOURS = ("全国五一劳动奖章", "全国劳动模范", "省五一劳动奖章", "全国脱贫攻坚先进个人")
FACILITIES = ("光伏电站", "扶贫车间", "蔬菜大棚", "职工书屋", "养殖场", "便民超市", "文化广场")
CAMPAIGNS = ("送温暖", "金秋助学", "夏送清凉")

HEADLINES = (
    "{donor}结对帮扶{village}见闻",
    "{donor}：{amount_text}助力{county}产业发展",
    "山海相连情更浓——{donor}帮扶{county}纪实",
    "{village}的新变化",
)
PARAGRAPHS = (
    "本报讯（记者 {reporter}）{month}月{day}日，{donor}{post_holder}带队来到{county_chain}，"
    "与{recipient}召开对口帮扶座谈会，双方就下一阶段的合作逐条商定了时间表。",
    "{year}年以来，{donor}累计投入帮扶资金{amount_text}，用于{village_chain}的道路硬化和饮水工程，"
    "全村{households}户群众从中受益。",
    "在{township}，{donor}出资{amount2_text}建成了{village}{facility}，由村集体统一经营，"
    "每年为村里增加收入十余万元，还带动了周边二十多名留守妇女在家门口就业。",
    "“过去靠天吃饭，现在有了稳定的活儿干。”{villager}一边整理刚采下的菜一边说，"
    "她家去年的人均收入比三年前翻了一番。",
    "{recipient}{post_holder2}介绍，两地工会每年互派干部挂职，{year2}年又签订了劳务协作协议，"
    "组织{workers}名富余劳动力到{donor_place}的企业务工。",
    "今年的“{campaign}”活动中，{donor}为{county}的{families}户困难职工家庭送去了慰问金和过冬物资，"
    "总价值约{amount3_text}。",
    "获得{honour}的{hero}是{village}人，他从外地返乡后牵头成立了合作社，"
    "如今合作社的产品通过工会搭建的消费帮扶平台卖到了{donor_place}的机关食堂。",
    "{reporter2}在走访中看到，村委会门前新修的广场上，几位老人正在晒太阳聊天，"
    "不远处的卫生室里，医生正为村民量血压。",
    "据了解，{donor}还将继续深化与{county}的结对关系，在技能培训、消费帮扶和困难职工救助等方面加大投入。",
)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _amount(rng: random.Random) -> tuple[str, int]:
    wan = rng.choice((5, 8, 10, 12, 20, 30, 50, 80, 100, 150, 200, 300, 500))
    return f"{wan}万元", wan * 10000


def _union_of(d) -> str:
    return d.name + "总工会"


class Places:
    """Random real chains province -> village from the gazetteer."""

    def __init__(self, rng: random.Random):
        self.gaz = load_gazetteer()
        self.rng = rng
        self.provinces = [d for d in (self.gaz.by_code(f"{i:02d}") for i in range(11, 66)) if d is not None]

    def pick(self, d, depth: int):
        chain = [d]
        for _ in range(depth):
            kids = self.gaz.children(chain[-1].code)
            if not kids:
                return None
            chain.append(self.rng.choice(kids))
        return chain

    def village_chain(self):
        while True:
            chain = self.pick(self.rng.choice(self.provinces), 4)
            if chain is not None and len(chain) == 5:
                return chain


def article(rng: random.Random, places: Places, chars: int) -> str:
    donor_chain = places.pick(rng.choice(places.provinces), rng.choice((0, 1, 2))) or [rng.choice(places.provinces)]
    donor_place = donor_chain[-1]
    province, prefecture, county, township, village = places.village_chain()
    amount_text, _ = _amount(rng)
    amount2_text, _ = _amount(rng)
    amount3_text, _ = _amount(rng)
    slots = {
        "donor": _union_of(donor_place), "donor_place": donor_place.name,
        "recipient": _union_of(county), "county": county.name, "township": township.name, "village": village.name,
        "county_chain": prefecture.name + county.name, "village_chain": county.name + township.name + village.name,
        "post_holder": f"{rng.choice(POSTS[:3])}{_person(rng)}", "post_holder2": f"{rng.choice(POSTS)}{_person(rng)}",
        "reporter": _person(rng), "reporter2": "记者", "villager": f"村民{_person(rng)}", "hero": _person(rng),
        "honour": rng.choice(HONOURS), "facility": rng.choice(FACILITIES), "campaign": rng.choice(CAMPAIGNS),
        "amount_text": amount_text, "amount2_text": amount2_text, "amount3_text": amount3_text,
        "year": rng.randint(2015, 2020), "year2": rng.randint(2016, 2021), "month": rng.randint(1, 12), "day": rng.randint(1, 28),
        "households": rng.randint(80, 900), "workers": rng.randint(20, 600), "families": rng.randint(10, 300),
    }
    lines = [rng.choice(HEADLINES).format(**slots), ""]
    body = 0
    order = list(PARAGRAPHS)
    while body < chars:
        rng.shuffle(order)
        for template in order:
            text = template.format(**slots)
            lines.append(text)
            body += len(text)
            if body >= chars:
                break
        # a second round tells of another pairing, as long reports do
        _, _, county2, township2, village2 = places.village_chain()
        slots.update(county=county2.name, township=township2.name, village=village2.name,
                     recipient=_union_of(county2), village_chain=county2.name + township2.name + village2.name)
    return "\n".join(lines) + "\n"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    if len(args) != 2:
        sys.exit(__doc__)
    n, folder = int(args[0]), Path(args[1])
    rng = random.Random(int(opts.get("seed", 1)))
    chars = int(opts.get("chars", 1500))
    folder.mkdir(parents=True, exist_ok=True)
    places = Places(rng)
    total = 0
    for i in range(n):
        text = article(rng, places, chars)
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    print(f"wrote {n} articles, {total:,} characters, into {folder}")


if __name__ == "__main__":
    main()
