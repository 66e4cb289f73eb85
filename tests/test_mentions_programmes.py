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
        ("市总工会举办的第3期家政服务培训班开班。", "家政服务培训班"),
        ("三年来全区建成12家环卫工人书屋。", "环卫工人书屋"),
        ("工会为村里修建了一座便民桥。", "便民桥"),
        # quoted items of one list share the cue after the last one
        ("省总工会开展了“送政策”、“送健康”、“送农技”等活动。", "送农技"),
        ("帮助开展“川菜厨师、家政服务、电商运营”三项培训。", "家政服务"),
        ("扎实开展“干部驻村、部门包户”活动。", "干部驻村、部门包户"),
        # a named industry a body builds up
        ("村里大力发展壮大食用菌产业,户均增收三千元。", "食用菌产业"),
        ("在原有茶叶产业基础上,工会引进了新品种。", "茶叶产业"),
        ("工会以消费帮扶助农增收。", "消费帮扶"),
        # aid goods named in quotes and counted
        ("县总工会为每户送去3吨“爱心炭”,帮助过冬。", "爱心炭"),
        ("工会还赠送“悦读成长卡”200张。", "悦读成长卡"),
        # a short activity name coined for the occasion
        ("专家们赴受援县开展惠企行活动。", "惠企行"),
        # a class with no verb is named by its subject
        ("近日,安康市家政服务培训班在石泉县开班。", "家政服务培训班"),
        # the cue after a quoted list may follow a few words
        ("工会策划了“送技术”、“送岗位”、“送政策”下乡等活动。", "送政策"),
        ("工会推动老街区改造升级项目落地。", "老街区改造升级项目"),
    ],
)
def test_a_programme_is_found(sentence, name):
    assert name in programmes(sentence)


@pytest.mark.parametrize(
    "sentence, not_a_programme",
    [
        ("石桥村“第一书记”张勇带着村民修路。", "第一书记"),
        ("市总工会到结对县开展东西部协作考察交流活动。", "东西部协作考察交流"),
        ("大力发展村集体产业,增加村里收入。", "村集体产业"),
        ("工会开展春节走访慰问困难户活动。", "春节走访慰问困难户"),
        ("职工们开展健身活动,强身健体。", "健身"),
        ("工会开展疗休养活动,劳模们很高兴。", "疗休养"),
    ],
)
def test_a_visit_or_a_post_is_not_a_programme(sentence, not_a_programme):
    assert not_a_programme not in programmes(sentence)
