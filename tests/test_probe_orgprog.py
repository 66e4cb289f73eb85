"""Probe of Programme, Organisation and Union mentions by kind of sentence
(issue #10).  Short paragraphs written for this test (never copied from a
report); only the ones the extractor gets right are here, as regressions.
Each case lists mentions that must be found (``"Type:name=alias..."``, the
extracted name may be the canonical name or an alias).
"""

from __future__ import annotations

import pytest

from tests.test_genre_probe import GenreCase, _entity_spec, _extraction, _to_canonical

CASES = [
    GenreCase('o01 quoted programme before 工程',
              '今年以来，河北省总工会实施“金秋助学”工程，资助困难职工子女300名。',
              '2022-05-01', ('Union:河北省总工会', 'Programme:金秋助学'), ()),
    GenreCase('o02 a facility built in a village, unquoted',
              '在市总工会支持下，平山县西柏坡镇梁家沟村建成爱心超市，方便群众生活。',
              '2022-05-01', ('Programme:梁家沟村爱心超市=爱心超市',), ()),
    GenreCase('o03 cooperative founded with a union\'s help',
              '甘肃省总工会帮助会宁县丁家沟镇成立了丁沟村养殖专业合作社。',
              '2022-05-01', ('Union:甘肃省总工会', 'Organisation:丁沟村养殖专业合作社'), ()),
    GenreCase('o04 company with 有限责任公司',
              '云南省总工会引进昆明丰源农业科技有限责任公司，在村里建设蔬菜基地。',
              '2022-05-01', ('Union:云南省总工会', 'Organisation:昆明丰源农业科技有限责任公司'), ()),
    GenreCase('o05 traditional characters 總工會',
              '四川省總工會向阿壩州捐贈帮扶資金20萬元。',
              '2022-05-01', ('Union:四川省总工会=四川省總工會',), ()),
    GenreCase('o06 edition before a quoted contest',
              '湖南省总工会举办第三届“湖湘工匠”技能大赛，500名职工参赛。',
              '2022-05-01', ('Union:湖南省总工会', 'Programme:湖湘工匠'), ()),
    GenreCase('o07 hospital beside a short-form union',
              '市总工会联合长治市人民医院，到村里开展义诊活动。',
              '2022-05-01', ('Union:长治市总工会=市总工会', 'Organisation:长治市人民医院'), ()),
    GenreCase('o08 县总工会 and a quoted 下乡 activity',
              '县总工会组织劳模到乡里开展“送技术下乡”活动。',
              '2022-05-01', ('Union:县总工会', 'Programme:送技术下乡'), ()),
    GenreCase('o09 a reading room given to a village',
              '省总工会为该村援建职工书屋一个，配送图书2000册。',
              '2023-05-01', ('Union:省总工会', 'Programme:职工书屋'), ()),
    GenreCase('o10 a training class held, unquoted',
              '县总工会在乡里举办电工技能培训班，培训农民工80人。',
              '2023-05-01', ('Programme:电工技能培训班',), ()),
    GenreCase('o11 a group\'s branch and its union',
              '中国石化集团甘肃石油分公司工会向村里捐赠物资。',
              '2023-05-01', ('Organisation:中国石化集团甘肃石油分公司',
                             'Union:中国石化集团甘肃石油分公司工会'), ()),
    GenreCase('o12 a party department with its county',
              '中共岷县县委组织部选派干部到村任职。',
              '2023-05-01', ('Organisation:中共岷县县委组织部',), ()),
    GenreCase('o13 a team word opening the sentence, no body',
              '慰问组来到兰州鑫源农业有限公司，看望困难职工。',
              '2023-05-01', ('Organisation:兰州鑫源农业有限公司',), ()),
    GenreCase('o14 a family farm',
              '省总工会帮助村里发展了清泉家庭农场。',
              '2023-05-01', ('Organisation:清泉家庭农场',), ()),
    GenreCase('o15 a numbered company under a bureau, and its union',
              '中铁一局一公司工会组织青年志愿者到村里开展义务劳动。',
              '2023-05-01', ('Organisation:中铁一局一公司', 'Union:中铁一局一公司工会'), ()),
    GenreCase('o16 a numbered school',
              '市总工会向岷县第二中学捐赠图书。',
              '2023-05-01', ('Organisation:岷县第二中学',), ()),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_mentions_are_found(case):
    x = _extraction(case)
    canonical = _to_canonical(case)
    found = {(e.type, canonical.get(e.name, e.name)) for e in x.entities}
    missing = [spec for spec in case.entities if _entity_spec(spec)[:2] not in found]
    assert not missing, f"{case.name}: {missing}"
