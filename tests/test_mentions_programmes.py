"""Programmes beyond quotes with a cue word: each rule on a sentence of our own."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import article_from_bytes


def programmes(sentence: str) -> set[str]:
    article = article_from_bytes(sentence.encode("utf-8"), "example.txt")
    return {e.name for e in extract(article).entities if e.type == "Programme"}


@pytest.mark.parametrize(
    "sentence, name",
    [
        # a class held, a facility built with a count or measure before it
        ("县总工会在村里举办了一期电工培训班,30人参加。", "电工培训班"),
        ("这已经是县里连续开办的第五期月嫂技能培训班了。", "月嫂技能培训班"),
        ("三年来全区建成12家环卫工人书屋。", "环卫工人书屋"),
        ("工会为村里修建了一座便民桥。", "便民桥"),
        # quoted items of one list share the cue after the last one
        ("省总工会开展了“送政策”、“送健康”、“送农技”等活动。", "送农技"),
        ("工会把“育婴员、养老护理员、中式面点师”三项培训送到了乡镇。", "养老护理员"),
        ("扎实开展“干部驻村、部门包户”活动。", "干部驻村、部门包户"),
        # a named industry a body builds up
        ("村里大力发展壮大食用菌产业,户均增收三千元。", "食用菌产业"),
        ("借助村里原有的核桃产业,合作社办起了加工厂。", "核桃产业"),
        ("村里决定发展黑山羊生态养殖产业,年底见效。", "黑山羊生态养殖产业"),
        ("工会以消费帮扶助农增收。", "消费帮扶"),
        # aid goods named in quotes and counted
        ("每位环卫工人领到了5箱“清凉饮”。", "清凉饮"),
        ("“童心文具”300套由工会送到了学校。", "童心文具"),
        # a short activity name coined for the occasion
        ("技术骨干们组队下乡开展助耕行活动。", "助耕行"),
        # a class with no verb is named by its subject
        ("近日,安康市家政服务培训班在石泉县开班。", "家政服务培训班"),
        # the cue after a quoted list may follow a few words
        ("市总工会组织“义诊”、“普法”、“修家电”进社区等系列活动。", "修家电"),
        ("工会推动老街区改造升级项目落地。", "老街区改造升级项目"),
        # a project money is spent on; a facility a village develops over an area
        ("省总工会拨付80万元用于牧区职工暖房项目。", "牧区职工暖房项目"),
        ("合作社今年发展200亩有机茶叶示范基地。", "有机茶叶示范基地"),
        # an edition in quotes: its year is cut off, a single dash joins two names
        ("“2021年全省助农月—兴文工会助农日”活动昨天开幕。", "兴文工会助农日"),
        ("“2021年全省助农月—兴文工会助农日”活动昨天开幕。", "全省助农月"),
        # an event a body hosts, named in quotes with its parts (、, ——)
        ("由县总工会联合主办的“春茶、山货进城——兴文工会日”展销活动在县城举行。", "春茶、山货进城——兴文工会日"),
        # unquoted activities listed after the first one, each named with its 活动
        ("市总工会组织开展职工读书月活动、十县联动展销活动等系列活动。", "十县联动展销活动"),
        # a local action of a campaign, closed by 活动, takes the campaign's place
        ("县总工会开展爱心消费扶贫活动,帮果农卖苹果。", "爱心消费扶贫活动"),
        # the items of a list of projects closed by 等项目, after the clause's verb
        ("考察组察看了茶叶加工厂和农产品展销点等项目建设。", "农产品展销点"),
        ("去年,县总工会在石门镇青山村实施了入户道路硬化、村级文化广场建设等项目。", "青山村文化广场"),
        # a named plan of a campaign, beside the campaign itself
        ("工会实施消费帮扶山区特产进城支持计划等项目。", "消费帮扶山区特产进城支持计划"),
        ("工会实施消费帮扶山区特产进城支持计划等项目。", "消费帮扶"),
        # the other items of an unquoted list closed by 等活动 that holds a campaign
        ("今年,县总工会开展了送清凉、职工互助保障、劳模进校园等活动。", "职工互助保障"),
        ("今年,县总工会开展了送清凉、职工互助保障、劳模进校园等活动。", "劳模进校园"),
        # an event a body holds, named without quotes, its edition cut off
        ("市总工会举办首届农民工职业技能大赛,200人参赛。", "农民工职业技能大赛"),
        ("县总工会联合人社局举办返乡农民工专场招聘会。", "返乡农民工专场招聘会"),
        ("区总工会启动了第三届劳模工匠进企业活动。", "劳模工匠进企业"),
        # an industry project named by what it builds
        ("镇里全力推进茶园提质增效产业项目落地。", "茶园提质增效产业项目"),
        # a listed project opening with a generic word, named by the rest
        ("考察组察看了茶叶加工厂和帮扶农品直销点等项目建设。", "帮扶农品直销点"),
        # a quoted activity of bringing something somewhere needs no cue word
        ("他们察看了村容村貌和“送图书进农家”等工作。", "送图书进农家"),
        # a bridge or a relay station built
        ("工会为结对村修建了一座石板漫水桥。", "石板漫水桥"),
        ("市总工会为环卫工人建设了20个爱心接力站。", "爱心接力站"),
        # a facility listed after another, with no build verb, keeps its words
        ("考察组走访了石门村茶叶加工厂和林麝养殖基地。", "石门村林麝养殖基地"),
        # two things joined by one + in quotes: an activity, not a sentence
        ("镇总工会开展了“党建+助农”活动,帮果农卖橙子。", "党建+助农"),
    ],
)
def test_a_programme_is_found(sentence, name):
    assert name in programmes(sentence)


@pytest.mark.parametrize(
    "sentence, not_a_programme",
    [
        ("石桥村“第一书记”张勇带着村民修路。", "第一书记"),
        ("歌里唱的是“送你到远方”。", "送你到远方"),
        ("村里实施了一批扶贫产业项目。", "扶贫产业项目"),
        ("县总工会举办了一场招聘会。", "一场招聘会"),
        # the verb of a visit cuts a plan's name (考察|产业项目 is too short to name one)
        ("两位农业专家前往石门县考察产业项目。", "两位农业专家前往石门县考察产业项目"),
        # a kind of help in such a list is no activity
        ("工会开展送温暖、大病救助、子女助学等活动。", "大病救助"),
        # a verb between a quote and the cue word starts another clause
        ("工作组核对台账“两相符”并带领志愿者服务队走访农户。", "两相符"),
        # three parties joined by + are a model of work
        ("当地推行“公司+合作社+农户”帮扶模式。", "公司+合作社+农户"),
        # a campaign word inside the name of a document whose demands are followed
        ("依照消费帮扶助农增收三年行动计划的有关要求,机关工会采购了大米。", "消费帮扶"),
        ("依照消费帮扶助农增收三年行动计划的有关要求,机关工会采购了大米。", "消费帮扶助农增收三年行动计划"),
        ("工会代表团这次去结对地区开展劳务协作考察调研活动。", "劳务协作考察调研"),
        ("大力发展村集体产业,增加村里收入。", "村集体产业"),
        ("工会开展春节走访慰问困难户活动。", "春节走访慰问困难户"),
        ("职工们开展健身活动,强身健体。", "健身"),
        ("工会开展疗休养活动,劳模们很高兴。", "疗休养"),
        # a campaign dated or told by whom it helps stays the campaign
        ("县总工会开展春节送温暖慰问活动。", "春节送温暖慰问活动"),
        ("市总工会开展困难职工子女金秋助学活动。", "困难职工子女金秋助学活动"),
        ("工会开展爱心消费扶贫活动。", "消费扶贫"),
        # a plan signed is a document; a quoted contest before 组织奖 is an award
        ("两地工会签订了2021年劳务协作和技能人才培养行动计划。", "技能人才培养行动计划"),
        ("县总工会获得“法在身边”普法竞赛优秀组织奖。", "法在身边"),
        ("十名劳模组建“果树劳模技术创新联合体”,带动农户增收。", "果树劳模技术创新联合体"),
        # a batch of facilities of a kind names none
        ("市里打造一批返乡创业园、农民工创业基地。", "农民工创业基地"),
    ],
)
def test_a_visit_or_a_post_is_not_a_programme(sentence, not_a_programme):
    assert not_a_programme not in programmes(sentence)


def test_a_class_held_in_the_paired_village_is_located_there():
    text = "石桥村在大山深处,村民多以种地为生。\n今年,县总工会在挂钩村举办了一期电焊工培训班,40人结业。"
    x = extract(article_from_bytes(text.encode("utf-8"), "example.txt"))
    located = {(r.s, r.o) for r in x.relations if r.p == "locatedIn"}
    assert ("电焊工培训班", "石桥村") in located  # held there, not renamed after it
    plain = extract(article_from_bytes("石桥村在大山深处。\n今年,县总工会举办了一期电焊工培训班。".encode("utf-8"), "example.txt"))
    assert ("电焊工培训班", "石桥村") not in {(r.s, r.o) for r in plain.relations if r.p == "locatedIn"}


def test_a_quoted_facility_after_a_village_is_named_and_placed_there():
    text = "县总工会为屏山县石门村“童心书屋”送去了200本图书。"
    x = extract(article_from_bytes(text.encode("utf-8"), "example.txt"))
    named = {e.name: e.aliases for e in x.entities if e.type == "Programme"}
    assert "童心书屋" in named.get("石门村童心书屋", [])
    assert ("石门村童心书屋", "石门村") in {(r.s, r.o) for r in x.relations if r.p == "locatedIn"}
    # a quoted home of its own after a village too
    home = extract(article_from_bytes("石门村“农民工之家”里,村民们正在看电影。".encode("utf-8"), "example.txt"))
    assert ("石门村农民工之家", "石门村") in {(r.s, r.o) for r in home.relations if r.p == "locatedIn"}


def test_an_industry_is_placed_in_the_village_the_passage_is_about():
    text = "石门村地处山区,近年大力发展黑山羊养殖产业,县总工会给予支持。"
    x = extract(article_from_bytes(text.encode("utf-8"), "example.txt"))
    assert ("黑山羊养殖产业", "石门村") in {(r.s, r.o) for r in x.relations if r.p == "locatedIn"}


def test_a_quoted_short_form_is_the_programme_it_shortens():
    text = ("县总工会开展“职工互助保障集中办理月”活动。办理月期间,“互助保障集中办理月”覆盖了全县。\n"
            "镇里开展城乡小家牵手促振兴活动。“牵手活动”让村民得了实惠。")
    x = extract(article_from_bytes(text.encode("utf-8"), "example.txt"))
    named = {e.name: e.aliases for e in x.entities if e.type == "Programme"}
    assert "互助保障集中办理月" in named.get("职工互助保障集中办理月", [])
    assert "牵手活动" in named.get("城乡小家牵手促振兴", [])
    assert "互助保障集中办理月" not in named and "牵手活动" not in named
