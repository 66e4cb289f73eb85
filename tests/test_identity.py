"""Identity across articles: one node per real entity, never one node for two.

Every article here is written for this test; none is taken from a report.
"""

import pytest

from kg.extract import extract
from kg.ingest import article_from_bytes
from kg.model import Entity, Extraction, Mention
from kg.queries import run_named
from kg.resolve import UNPLACED_MARK, article_keys, resolve

from conftest import both_stores


def _extract(name: str, text: str) -> Extraction:
    return extract(article_from_bytes(text.encode("utf-8"), name))


def _with_entities(name: str, text: str, entities: list[Entity]) -> Extraction:
    """An article's text with entities given by hand: resolution alone is under test."""
    article = article_from_bytes(text.encode("utf-8"), name)
    for e in entities:
        at = article.text.find(e.name)
        e.mentions = [Mention(e.name, at, at + len(e.name))]
    return Extraction(article, entities, [])


# ----------------------------------------------------------------------------- short forms


def test_bare_short_forms_of_two_articles_without_evidence_are_two_local_nodes():
    a = _extract("a.txt", "近日，省总工会组织机关干部开展帮扶慰问，为困难群众送去米面油。\n")
    b = _extract("b.txt", "日前，省总工会召开专题会议，部署下半年的帮扶工作。\n")
    kb = resolve([a, b])
    nodes = [e for e in kb.entities.values() if e.type == "Union"]
    assert len(nodes) == 2
    for node, x in zip(sorted(nodes, key=lambda n: sorted(n.articles)), sorted([a, b], key=lambda x: x.article.id)):
        assert node.key.startswith(f"union/in/{x.article.id}/")
        assert node.unplaced and node.name == "省总工会" + UNPLACED_MARK
        assert "省总工会" in node.aliases


def test_short_form_takes_the_province_of_the_paper_in_the_first_line():
    x = _with_entities("p.txt", "甘肃工人报讯 日前，省总工会召开会议，部署帮扶工作。\n", [Entity("Union", "省总工会")])
    kb = resolve([x])
    assert article_keys(x)["省总工会"] == "union/62"
    union = kb.entities["union/62"]
    assert union.name == "甘肃省总工会" and union.place_key == "place/62" and union.kind == "federation"
    assert kb.entities["place/62"].code == "62"  # the province node exists for queries by code


def test_short_form_takes_the_one_division_of_its_kind_around_the_linked_places():
    # 城关镇 of 平利县 (安康市, 陕西省) is the only place named; 县/市/省 all follow from it
    text = "县总工会、市总工会和省总工会的干部来到城关镇，看望困难职工。\n"
    x = _with_entities("c.txt", text, [
        Entity("Place", "城关镇", level="township", code="610926100"),
        Entity("Union", "县总工会"), Entity("Union", "市总工会"), Entity("Union", "省总工会"),
    ])
    keys = article_keys(x)
    assert (keys["县总工会"], keys["市总工会"], keys["省总工会"]) == ("union/610926", "union/6109", "union/61")


def test_short_form_with_places_of_two_provinces_stays_local():
    text = "省总工会负责人介绍，干部们去过城关镇，也去过昭觉县。\n"
    x = _with_entities("d.txt", text, [
        Entity("Place", "城关镇", level="township", code="610926100"),
        Entity("Place", "昭觉县", level="county", code="513431"),
        Entity("Union", "省总工会"),
    ])
    assert article_keys(x)["省总工会"].startswith(f"union/in/{x.article.id}/")


def test_two_short_forms_in_one_article_tied_to_two_places_are_two_nodes():
    text = ("咸阳市总工会组织劳模到村里开展技术帮扶，市总工会还投入资金5万元。\n"
            "渭南市总工会在临渭区开展慰问，市总工会负责人表示将持续帮扶。\n")
    kb = resolve([_extract("two.txt", text)])
    unions = {e.key: e for e in kb.entities.values() if e.type == "Union"}
    assert {"union/6104", "union/6105"} <= set(unions)
    assert not [e for e in unions.values() if e.name.startswith("市总工会")]


def test_a_party_committee_short_form_is_named_after_its_place():
    x = _with_entities("w.txt", "中原工人报 近日，县委召开会议。城关镇的干部参加。\n", [
        Entity("Place", "城关镇", level="township", code="610926100"), Entity("Organisation", "县委")])
    kb = resolve([x])
    node = kb.entities[article_keys(x)["县委"]]
    assert node.name == "平利县委" and "县委" in node.aliases


# ----------------------------------------------------------------------------- same names


def test_a_place_without_its_level_word_is_the_article_s_one_place_with_it():
    text = "中山市总工会开展帮扶活动。来自中山的志愿者也参加了。\n"
    x = _with_entities("zs.txt", text, [Entity("Place", "中山市", level="prefecture"), Entity("Place", "中山", level="prefecture")])
    keys = article_keys(x)
    assert keys["中山"] == keys["中山市"]
    kb = resolve([x])
    assert [(e.name, e.aliases) for e in kb.entities.values()] == [("中山市", {"中山"})]


def test_a_place_short_of_two_places_of_the_article_stays_apart():
    text = "中山市和中山区的工会干部来到中山开展慰问。\n"
    x = _with_entities("zs2.txt", text, [Entity("Place", n, level="county") for n in ("中山市", "中山区", "中山")])
    keys = article_keys(x)
    assert len({keys["中山"], keys["中山市"], keys["中山区"]}) == 3


def test_a_short_place_in_another_article_is_not_tied_by_its_text():
    a = _with_entities("zs3.txt", "中山市总工会开展帮扶活动。\n", [Entity("Place", "中山市", level="prefecture")])
    b = _with_entities("zs4.txt", "来自中山的志愿者参加了慰问。\n", [Entity("Place", "中山", level="prefecture")])
    assert article_keys(a)["中山市"] != article_keys(b)["中山"]


def test_a_body_with_its_place_written_short_is_the_one_body_with_it_in_full():
    text = "城固县法院的法官到村里普法。此后，城固法院又组织了两次巡回审判。\n"
    x = _with_entities("cg.txt", text, [Entity("Place", "城固县", level="county", code="610722"),
                                        Entity("Organisation", "城固县法院"), Entity("Organisation", "城固法院")])
    keys = article_keys(x)
    assert keys["城固法院"] == keys["城固县法院"]
    kb = resolve([x])
    assert kb.entities[keys["城固法院"]].name == "城固县法院"
    # in an article of its own, the short name is not tied by its text
    y = _with_entities("cg2.txt", "城固法院组织了巡回审判。\n", [Entity("Organisation", "城固法院")])
    assert article_keys(y)["城固法院"] != keys["城固县法院"]


def test_a_body_short_of_two_bodies_of_the_article_stays_apart():
    text = "中山市法院和中山区法院联合普法，中山法院的法官也到了。\n"
    x = _with_entities("zs5.txt", text, [Entity("Organisation", n) for n in ("中山市法院", "中山区法院", "中山法院")])
    keys = article_keys(x)
    assert len({keys["中山法院"], keys["中山市法院"], keys["中山区法院"]}) == 3


def test_same_named_villages_in_two_counties_are_two_nodes():
    a = _extract("tj1.txt", "今年，鄂伦春自治旗总工会到诺敏镇团结村开展慰问，团结村的村民很高兴。\n")
    b = _extract("tj2.txt", "日前，县总工会干部来到团结村，看望困难户。\n")
    c = _extract("tj3.txt", "上个月，村里来了几位工会干部，团结村的困难户都拿到了慰问品。\n")
    kb = resolve([a, b, c])
    villages = [e for e in kb.entities.values() if e.name == "团结村"]
    assert len(villages) == 3
    assert "place/150723104201" in {v.key for v in villages}  # linked by its township and banner
    assert all(len(v.articles) == 1 for v in villages)


def test_same_named_villages_of_two_named_townships_stay_apart_even_if_linked_alike():
    # the gazetteer has one 团结村 in 汉中市, under neither township: a code that
    # contradicts the township the text names does not tie the two villages
    a = _extract("tj4.txt", "陕西省汉中市城固县总工会干部来到城固县原公镇团结村，看望困难户。\n")
    b = _extract("tj5.txt", "陕西省汉中市洋县总工会干部来到洋县谢村镇团结村，送去慰问金。\n")
    c = _extract("tj6.txt", "城固县原公镇团结村的村民今年种上了猕猴桃。\n")
    kb = resolve([a, b, c])
    villages = sorted((sorted(e.articles), e.code) for e in kb.entities.values() if e.name == "团结村")
    assert villages == sorted([(sorted([a.article.id, c.article.id]), None), ([b.article.id], None)])


def test_same_named_people_in_two_provinces_are_two_nodes_and_in_one_province_one():
    a = _extract("w1.txt", "陕西省商南县总工会干部王伟说，今年要把帮扶工作做实。\n")
    b = _extract("w2.txt", "四川省昭觉县总工会干部王伟介绍，全县已建成职工之家20个。\n")
    c = _extract("w3.txt", "陕西省商南县总工会干部王伟表示，明年继续开展技能培训。\n")
    kb = resolve([a, b, c])
    people = sorted((len(e.articles), e.key) for e in kb.entities.values() if e.name == "王伟")
    assert [n for n, _ in people] == [1, 2]


def test_a_person_without_any_place_stays_in_the_article():
    a = _extract("p1.txt", "工会干部王伟说，今年要把帮扶工作做实。\n")
    b = _extract("p2.txt", "工会干部王伟介绍，已经慰问了二十户困难职工。\n")
    kb = resolve([a, b])
    assert len([e for e in kb.entities.values() if e.name == "王伟"]) == 2


# ----------------------------------------------------------------------------- campaigns


def test_campaign_variants_are_one_node_and_a_quoted_local_activity_its_own():
    a = _extract("c1.txt", "今年春节前，渭南市总工会开展“冬送温暖”活动，慰问困难职工300户。\n")
    b = _extract("c2.txt", "入冬以后，宁陕县总工会以“冬日护路人”送温暖活动为载体，给公路养护工送去棉衣。\n")
    c = _extract("c3.txt", "咸阳市总工会把送温暖活动延伸到田间地头。\n")
    kb = resolve([a, b, c])
    campaign = kb.entities["campaign/songwennuan"]
    assert campaign.name == "送温暖" and len(campaign.articles) == 2
    local = kb.by_name("冬日护路人")
    assert len(local) == 1 and local[0].key != campaign.key and local[0].campaign_key == campaign.key
    memory, oxigraph = both_stores(kb)
    for store in (memory, oxigraph):
        rows = {r["campaign"]: r for r in run_named(store, "programmes_by_campaign").dicts()}
        assert int(rows["送温暖"]["bodies"]) == 3 and int(rows["送温暖"]["localProgrammes"]) == 1


def test_a_campaign_written_only_inside_a_local_name_is_that_local_programme():
    x = _extract("v.txt", "商南县总工会把十二月定为“送温暖”服务月，干部们分头走访困难户。\n")
    kb = resolve([x])
    local = [e for e in kb.entities.values() if e.type == "Programme"]
    assert [(e.name, e.campaign_key) for e in local] == [("送温暖服务月", "campaign/songwennuan")]
    assert "campaign/songwennuan" not in kb.entities


_ACTION_A = "临夏州总工会开展消费扶贫专项行动纪实\n\n今年以来，临夏州总工会组织机关职工用福利费消费扶贫，采购贫困村的土豆和牛肉。\n"
_ACTION_B = "近日，定西市总工会启动消费扶贫专项行动，号召会员购买农产品。\n"
_CAMPAIGN_ONLY = "全国总工会号召各级工会积极参与消费扶贫，帮助农户打开销路。\n"


def test_a_named_local_action_is_its_own_node_never_the_campaign():
    a, b, c = (_extract(n, t) for n, t in (("m1.txt", _ACTION_A), ("m2.txt", _ACTION_B), ("m3.txt", _CAMPAIGN_ONLY)))
    kb = resolve([a, b, c])
    campaign = kb.entities["campaign/xiaofeifupin"]
    assert campaign.articles == {c.article.id}  # the bare name in an article about one union's action is that action
    actions = [e for e in kb.entities.values() if e.name == "消费扶贫专项行动"]
    assert len(actions) == 2  # two unions' 专项行动: two nodes
    assert all(e.campaign_key == campaign.key and len(e.articles) == 1 for e in actions)
    memory, oxigraph = both_stores(kb)
    for store in (memory, oxigraph):
        rows = {r["campaign"]: r for r in run_named(store, "programmes_by_campaign").dicts()}
        assert int(rows["消费扶贫"]["localProgrammes"]) == 2 and int(rows["消费扶贫"]["bodies"]) == 3


def test_one_unions_local_action_told_by_two_articles_is_one_node():
    again = "临夏州总工会消费扶贫专项行动见成效\n\n临夏州总工会的消费扶贫专项行动已帮助农户卖出土豆十万斤。\n"
    kb = resolve([_extract("m1.txt", _ACTION_A), _extract("m4.txt", again)])
    actions = [e for e in kb.entities.values() if e.type == "Programme"]
    assert [(e.name, len(e.articles), e.campaign_key) for e in actions] == [
        ("消费扶贫专项行动", 2, "campaign/xiaofeifupin")]


def test_campaign_labels_from_the_ontology():
    from kg.resolve import campaign_of, campaign_within

    assert campaign_of("“夏送清凉”活动").key == "campaign/songqingliang"
    assert campaign_of("冬送温暖").label == "送温暖"
    assert campaign_of("消费扶贫专项行动") is None  # a programme of its own
    assert campaign_within("消费扶贫专项行动").label == "消费扶贫"


# ----------------------------------------------------------------------------- facts


_TOLD = "甘肃省总工会在2021年向定西市总工会拨付了80万元帮扶资金，专门救助困难职工。\n"


def test_the_same_fact_from_two_articles_is_one_fact_counted_once():
    a = _extract("f1.txt", "甘肃省总工会帮扶工作简报\n\n" + _TOLD)
    b = _extract("f2.txt", "两地工会协作见成效\n\n本报讯 " + _TOLD + "定西市总工会表示感谢。\n")
    c = _extract("f3.txt", "对口帮扶\n\n甘肃省总工会在2021年向白银市总工会拨付了30万元帮扶资金。\n")
    kb = resolve([a, b, c])
    assists = [f for f in kb.facts if f.p == "assists"]
    assert sorted(f.amount_yuan for f in assists) == [300000, 800000]
    told_twice = next(f for f in assists if f.amount_yuan == 800000)
    assert {ev.article_id for ev in told_twice.evidence} == {a.article.id, b.article.id}
    for ev, x in zip(told_twice.evidence, (a, b)):
        assert x.article.original[ev.start : ev.end] == ev.quote
    distinct_sum = sum(f.amount_yuan for f in assists)
    for store in both_stores(kb):
        rows = run_named(store, "funding_by_province").dicts()
        assert [(r["province"], float(r["totalYuan"])) for r in rows] == [("甘肃省", distinct_sum)]
        repeated = {r["fact"]: r for r in run_named(store, "repeated_facts").dicts()}
        row = repeated[f"https://w3id.org/unionkg/id/{told_twice.key}"]
        assert int(row["articles"]) == 2 and int(row["tellings"]) == 2


def test_traces_and_flows_count_a_fact_of_two_articles_once():
    from kg.graph import funding_flows, project

    a = _extract("t1.txt", "帮扶简报\n\n" + _TOLD)
    b = _extract("t2.txt", "协作简报\n\n" + _TOLD)
    kb = resolve([a, b])
    for store in both_stores(kb):
        g = project(store)
        assert funding_flows(g) == {("甘肃省总工会", "定西市总工会"): 800000}
        edges = [d for _, _, d in g.edges(data=True) if d["predicate"] == "assists"]
        assert len(edges) == 1
        rows = run_named(store, "trace", {"donorName": "甘肃省总工会"}).dicts()
        assert [float(r["amountYuan"]) for r in rows] == [800000]


def test_a_fact_told_twice_in_one_article_has_two_evidence_spans():
    from kg.model import Relation

    text = "工作回顾\n\n" + _TOLD + "总结会上再次提到：" + _TOLD
    x = _with_entities("twice.txt", text, [
        Entity("Union", "甘肃省总工会", place="甘肃省"), Entity("Union", "定西市总工会", place="定西市"),
        Entity("Place", "甘肃省", level="province", code="62"), Entity("Place", "定西市", level="prefecture", code="6211")])
    told = "甘肃省总工会在2021年向定西市总工会拨付了80万元"
    first, second = x.article.text.find(told), x.article.text.rfind(told)
    x.relations = [Relation("甘肃省总工会", "assists", "定西市总工会", 800000, False, 2021, None, at, at + len(told))
                   for at in (first, second)]
    kb = resolve([x])
    assert len(kb.facts) == 1 and 0 < first < second
    fact = kb.facts[0]
    assert [ev.start for ev in fact.evidence] == [x.article.original_span(first, first + 1)[0],
                                                  x.article.original_span(second, second + 1)[0]]
    assert fact.evidence[0].quote == fact.evidence[1].quote == told
    for store in both_stores(kb):  # told twice, summed once
        rows = run_named(store, "funding_by_province").dicts()
        assert [(r["province"], float(r["totalYuan"])) for r in rows] == [("甘肃省", 800000)]


def test_sources_that_disagree_on_an_amount_are_listed():
    a = _extract("g1.txt", "帮扶简报\n\n" + _TOLD)
    b = _extract("g2.txt", "协作简报\n\n甘肃省总工会在2021年向定西市总工会拨付了90万元帮扶资金。\n")
    kb = resolve([a, b])
    for store in both_stores(kb):
        rows = run_named(store, "disagreements").dicts()
        assert len(rows) == 1
        assert {float(rows[0]["amountA"]), float(rows[0]["amountB"])} == {800000, 900000}
        assert rows[0]["subject"] == "甘肃省总工会" and rows[0]["object"] == "定西市总工会"


@pytest.mark.parametrize("order", [0, 1])
def test_keys_do_not_depend_on_the_order_articles_are_resolved_in(order):
    xs = [_extract("o1.txt", "帮扶简报\n\n" + _TOLD), _extract("o2.txt", "近日，省总工会召开会议。\n")]
    one = resolve(xs if order == 0 else xs[::-1])
    each = {k for x in xs for k in resolve([x]).entities}
    assert set(one.entities) == each


def test_a_dateline_places_a_short_form():
    x = _with_entities("dl.txt", "新华社兰州6月2日电 市总工会当天召开帮扶工作会议。\n", [Entity("Union", "市总工会")])
    assert article_keys(x)["市总工会"] == "union/6201"


def test_bodies_named_only_by_their_kind_stay_in_their_article():
    a = _with_entities("h1.txt", "人民医院的医生来到村里义诊，机关工会送来药品。\n",
                       [Entity("Organisation", "人民医院"), Entity("Union", "机关工会")])
    b = _with_entities("h2.txt", "人民医院组织专家下乡，机关工会为村民捐款。\n",
                       [Entity("Organisation", "人民医院"), Entity("Union", "机关工会")])
    c = _with_entities("h3.txt", "宣房集团的职工来到村里。\n", [Entity("Organisation", "宣房集团")])
    d = _with_entities("h4.txt", "宣房集团捐款十万元。\n", [Entity("Organisation", "宣房集团")])
    kb = resolve([a, b, c, d])
    assert len([e for e in kb.entities.values() if e.name.startswith("人民医院")]) == 2
    assert len([e for e in kb.entities.values() if e.name.startswith("机关工会")]) == 2
    assert [len(e.articles) for e in kb.entities.values() if e.name == "宣房集团"] == [2]


def test_a_named_course_is_one_node_across_places_and_a_facility_one_per_place():
    from kg.model import Relation

    def article(name, village, code):
        text = f"县总工会在{village}举办农民工技能培训班，并在{village}建成扶贫车间。\n"
        x = _with_entities(name, text, [Entity("Place", village, level="village", code=code),
                                        Entity("Programme", "农民工技能培训班"), Entity("Programme", "扶贫车间")])
        x.relations = [Relation("农民工技能培训班", "locatedIn", village), Relation("扶贫车间", "locatedIn", village)]
        return x

    kb = resolve([article("k1.txt", "双元村", "610722110232"), article("k2.txt", "团结村", "150723104201")])
    assert len(kb.by_name("农民工技能培训班")) == 1
    assert len(kb.by_name("扶贫车间")) == 2


def test_a_national_leader_is_one_person_across_provinces():
    a = _with_entities("n1.txt", "商南县总工会传达学习国务院总理张明的讲话精神。\n", [
        Entity("Place", "商南县", level="county", code="611023"), Entity("Person", "张明")])
    b = _with_entities("n2.txt", "昭觉县总工会组织干部学习张明总书记的讲话。\n", [
        Entity("Place", "昭觉县", level="county", code="513431"), Entity("Person", "张明")])
    c = _with_entities("n3.txt", "昭觉县总工会干部张明说，明年继续帮扶。\n", [
        Entity("Place", "昭觉县", level="county", code="513431"), Entity("Person", "张明")])
    people = sorted(len(e.articles) for e in resolve([a, b, c]).entities.values() if e.name == "张明")
    assert people == [1, 2]  # the leader of n1 and n2; n3's union cadre is someone else


_SEED_SCRIPT = """
import hashlib, sys
from kg.extract import extract
from kg.ingest import article_from_bytes
from kg.rdf import kb_nquads
from kg.resolve import resolve
texts = [
    "近日，省总工会组织机关干部开展帮扶慰问，为困难群众送去米面油。\\\\n",
    "趁着寒潮来临前，宁陕县总工会办起“冬日护路人”送温暖活动，冬送温暖慰问困难职工。\\\\n",
    "甘肃省总工会在2021年向定西市总工会拨付了80万元帮扶资金，专门救助困难职工。\\\\n",
    "今年，鄂伦春自治旗总工会到诺敏镇团结村开展慰问，工会干部王伟说要做实帮扶。\\\\n",
]
xs = [extract(article_from_bytes(t.encode(), f"s{i}.txt")) for i, t in enumerate(texts)]
sys.stdout.write(hashlib.sha1("".join(kb_nquads(resolve(xs))).encode()).hexdigest())
"""


def test_the_resolved_graph_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    digests = set()
    for seed in ("1", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _SEED_SCRIPT], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout)
    assert len(digests) == 1 and len(next(iter(digests))) == 40
