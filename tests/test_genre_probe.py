"""Genre probe: short reports written for this test (never copied from a
report), each with the triples ANNOTATION.md asks for, written by hand.

They vary what held-out reports vary: the paper's verbs (拨付, 捐赠, 结对,
包抓, 资助, 慰问), passive and 在…的帮助下 orders, 一是…二是… items, relative
years against the article's date, sums in 万元/亿元/余万/约, posts in
brackets or after 、, full and partial place chains, unions at every level
and their short forms (省总工会, 市总, 县总工会, 州總工會).  Only paragraphs
the extractor gets fully right are here, as a guard against regressions;
the ones it gets wrong are written up in the probe findings (issue #10).

A relation is written ``"s p o key=value ..."``: ``role``, ``amt`` (yuan)
and ``year`` are checked when given; on assists and runs an omitted
``amt``/``year`` must be absent, and ``?`` leaves it unchecked.  An entity
is ``"Type:name=alias..."``: as in the scorer, the extracted name may be the
canonical name or one of the aliases.
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import pytest

from kg.extract import extract
from kg.ingest import article_from_bytes


class GenreCase(NamedTuple):
    name: str
    text: str
    date: str | None
    entities: tuple[str, ...]
    relations: tuple[str, ...]


CASES = [
    GenreCase(
        'c02 在…的帮助下 去年 拨付 该村',
        '在浙江省总工会的帮助下，四川省屏山县屏山镇隆兴村建起了200亩茶叶基地。去年，浙江省总工会向该村拨付帮扶资金50万元，用于修建产业路。',
        '2021-03-05',
        entities=(
            'Union:浙江省总工会',
            'Place:浙江省',
            'Place:四川省',
            'Place:屏山县',
            'Place:屏山镇',
            'Place:隆兴村',
        ),
        relations=(
            '浙江省总工会 assists 隆兴村 amt=500000 year=2020',
            '浙江省总工会 basedIn 浙江省',
            '屏山县 partOf 四川省',
            '屏山镇 partOf 屏山县',
            '隆兴村 partOf 屏山镇',
        ),
    ),
    GenreCase(
        'c04 劳模 村党支部书记 合作社 sales figure',
        '省级劳动模范、涟源市茅塘镇石碑村党支部书记刘建华，带领村民成立了石碑村蔬菜专业合作社，去年合作社销售额达到260万元。',
        '2022-05-01',
        entities=(
            'Person:刘建华',
            'Place:涟源市',
            'Place:茅塘镇',
            'Place:石碑村',
            'Organisation:石碑村蔬菜专业合作社',
        ),
        relations=(
            '刘建华 hasTitle 省级劳动模范',
            '刘建华 holdsPost 石碑村 role=党支部书记',
            '石碑村蔬菜专业合作社 basedIn 石碑村',
            '茅塘镇 partOf 涟源市',
            '石碑村 partOf 茅塘镇',
        ),
    ),
    GenreCase(
        'c07 省总工会 short form before full; 驻村第一书记; 价值3万余元',
        '近日，省总工会副主席陈立平一行来到丹寨县雅灰乡瓮帮村，看望了贵州省总工会下派的驻村第一书记周明，并向村里捐赠价值3万余元的办公设备。',
        '2022-11-15',
        entities=(
            'Union:贵州省总工会=省总工会',
            'Person:陈立平',
            'Person:周明',
            'Place:贵州省',
            'Place:丹寨县',
            'Place:雅灰乡',
            'Place:瓮帮村',
        ),
        relations=(
            '陈立平 holdsPost 贵州省总工会 role=副主席',
            '周明 holdsPost 瓮帮村 role=驻村第一书记',
            '贵州省总工会 assists 瓮帮村 amt=30000 year=2022',
            '贵州省总工会 basedIn 贵州省',
            '雅灰乡 partOf 丹寨县',
            '瓮帮村 partOf 雅灰乡',
        ),
    ),
    GenreCase(
        'c08 市总 short form; quoted 送温暖; 春节前夕',
        '春节前夕，安康市总工会开展“送温暖”活动。市总党组书记、常务副主席刘晓东带队深入平利县正阳镇正阳河村，为20户困难群众送去米、面、油等慰问品。',
        '2024-02-01',
        entities=(
            'Union:安康市总工会=市总',
            'Place:安康市',
            'Place:平利县',
            'Place:正阳镇',
            'Place:正阳河村',
            'Person:刘晓东',
            'Programme:送温暖',
        ),
        relations=(
            '安康市总工会 runs 送温暖 year=?',
            '安康市总工会 assists 正阳河村 year=?',
            '刘晓东 holdsPost 安康市总工会 role=党组书记、常务副主席',
            '安康市总工会 basedIn 安康市',
            '正阳镇 partOf 平利县',
            '正阳河村 partOf 正阳镇',
        ),
    ),
    GenreCase(
        'c09 industry union 省教科文卫体工会 捐赠 价值约',
        '湖南省教科文卫体工会近日向江华瑶族自治县沱江镇竹园寨村捐赠图书2000册，价值约6万元。',
        '2020-05-20',
        entities=(
            'Union:湖南省教科文卫体工会',
            'Place:湖南省',
            'Place:江华瑶族自治县',
            'Place:沱江镇',
            'Place:竹园寨村',
        ),
        relations=(
            '湖南省教科文卫体工会 assists 竹园寨村 amt=60000 year=2020',
            '湖南省教科文卫体工会 basedIn 湖南省',
            '沱江镇 partOf 江华瑶族自治县',
            '竹园寨村 partOf 沱江镇',
        ),
    ),
    GenreCase(
        'c11 three officials with posts separated by ，; three villages with 、',
        '白银市总工会党组书记、常务副主席李国强，副主席张丽，经费审查委员会主任王建平一行，先后走访慰问了会宁县四房吴镇四房吴村、三房吴村、大房吴村的困难家庭。',
        '2019-01-25',
        entities=(
            'Union:白银市总工会',
            'Person:李国强',
            'Person:张丽',
            'Person:王建平',
            'Place:白银市',
            'Place:会宁县',
            'Place:四房吴镇',
            'Place:四房吴村',
            'Place:三房吴村',
            'Place:大房吴村',
        ),
        relations=(
            '李国强 holdsPost 白银市总工会 role=党组书记、常务副主席',
            '张丽 holdsPost 白银市总工会 role=副主席',
            '王建平 holdsPost 白银市总工会 role=经费审查委员会主任',
            '白银市总工会 assists 四房吴村',
            '白银市总工会 assists 三房吴村',
            '白银市总工会 assists 大房吴村',
            '白银市总工会 basedIn 白银市',
            '四房吴镇 partOf 会宁县',
            '四房吴村 partOf 四房吴镇',
            '三房吴村 partOf 四房吴镇',
            '大房吴村 partOf 四房吴镇',
        ),
    ),
    GenreCase(
        'c13 去年 亿元 送温暖',
        '去年，江苏省总工会投入帮扶资金1.2亿元，开展送温暖活动，惠及困难职工3.6万户。',
        '2022-01-18',
        entities=(
            'Union:江苏省总工会',
            'Place:江苏省',
            'Programme:送温暖',
        ),
        relations=(
            '江苏省总工会 runs 送温暖 amt=120000000 year=2021',
            '江苏省总工会 basedIn 江苏省',
        ),
    ),
    GenreCase(
        'c14 余万 total over several recipients 等5个县区',
        '2020年，宁夏回族自治区总工会为固原市泾源县、西吉县等5个县区的困难职工发放帮扶资金300余万元。',
        '2021-01-05',
        entities=(
            'Union:宁夏回族自治区总工会',
            'Place:宁夏回族自治区',
            'Place:固原市',
            'Place:泾源县',
            'Place:西吉县',
        ),
        relations=(
            '宁夏回族自治区总工会 assists 泾源县 year=2020 amt=None',
            '宁夏回族自治区总工会 assists 西吉县 year=2020 amt=None',
            '宁夏回族自治区总工会 basedIn 宁夏回族自治区',
            '泾源县 partOf 固原市',
        ),
    ),
    GenreCase(
        'c15 post in brackets after name; 市总工会 short form; 自2018年起',
        '座谈会上，郭志刚（吕梁市总工会党组书记、常务副主席）介绍了定点帮扶兴县交楼申乡郝家湾村的情况。自2018年起，市总工会每年向该村投入帮扶资金不少于10万元。',
        '2020-07-09',
        entities=(
            'Person:郭志刚',
            'Union:吕梁市总工会=市总工会',
            'Place:吕梁市',
            'Place:兴县',
            'Place:交楼申乡',
            'Place:郝家湾村',
        ),
        relations=(
            '郭志刚 holdsPost 吕梁市总工会 role=党组书记、常务副主席',
            '吕梁市总工会 assists 郝家湾村 amt=? year=?',
            '吕梁市总工会 basedIn 吕梁市',
            '交楼申乡 partOf 兴县',
            '郝家湾村 partOf 交楼申乡',
        ),
    ),
    GenreCase(
        'c22 traditional characters; 州总工會 short prefecture',
        '臨夏州總工會日前向東鄉族自治縣鎖南鎮的50名環衛工人發放了慰問金，每人500元。',
        '2021-06-10',
        entities=(
            'Union:临夏回族自治州总工会=临夏州总工会',
            'Place:临夏回族自治州=临夏州',
            'Place:东乡族自治县',
            'Place:锁南镇',
        ),
        relations=(
            '临夏回族自治州总工会 assists 锁南镇 year=2021 amt=None',
            '临夏回族自治州总工会 basedIn 临夏回族自治州',
            '锁南镇 partOf 东乡族自治县',
        ),
    ),
    GenreCase(
        'c26 short province names 广西、贵州 as recipients; 去年',
        '去年，广东省总工会累计投入对口帮扶资金2600余万元，帮扶广西、贵州两省区的困难职工。',
        '2023-02-10',
        entities=(
            'Union:广东省总工会',
            'Place:广东省',
            'Place:广西壮族自治区=广西',
            'Place:贵州省=贵州',
        ),
        relations=(
            '广东省总工会 assists 广西壮族自治区 year=2022 amt=None',
            '广东省总工会 assists 贵州省 year=2022 amt=None',
            '广东省总工会 basedIn 广东省',
        ),
    ),
    GenreCase(
        'c27 surname 和; two officials; 慰问金1万元',
        '宁蒗彝族自治县总工会党组书记、常务副主席和志强，副主席杨丽华一行到拉伯乡加泽村开展调研，并为村里送去慰问金1万元。',
        '2024-06-20',
        entities=(
            'Union:宁蒗彝族自治县总工会',
            'Person:和志强',
            'Person:杨丽华',
            'Place:宁蒗彝族自治县',
            'Place:拉伯乡',
            'Place:加泽村',
        ),
        relations=(
            '和志强 holdsPost 宁蒗彝族自治县总工会 role=党组书记、常务副主席',
            '杨丽华 holdsPost 宁蒗彝族自治县总工会 role=副主席',
            '宁蒗彝族自治县总工会 assists 加泽村 amt=10000',
            '宁蒗彝族自治县总工会 basedIn 宁蒗彝族自治县',
            '加泽村 partOf 拉伯乡',
        ),
    ),
    GenreCase(
        'c28 two titles joined by 、',
        '全国五一劳动奖章获得者、湖北省劳动模范李春燕，多年来坚持到麻城市的贫困村义务授课。',
        '2019-05-01',
        entities=(
            'Person:李春燕',
            'Place:湖北省',
            'Place:麻城市',
        ),
        relations=(
            '李春燕 hasTitle 全国五一劳动奖章获得者',
            '李春燕 hasTitle 湖北省劳动模范',
        ),
    ),
    GenreCase(
        'c30 联合 hospital; quoted programme; month-day date',
        '5月12日，涟源市总工会联合涟源市人民医院在茅塘镇开展“健康进万家”义诊活动，为300多名群众免费检查身体。',
        '2021-05-14',
        entities=(
            'Union:涟源市总工会',
            'Organisation:涟源市人民医院',
            'Place:涟源市',
            'Place:茅塘镇',
            'Programme:健康进万家',
        ),
        relations=(
            '涟源市总工会 runs 健康进万家 year=2021',
            '涟源市人民医院 runs 健康进万家 year=2021',
            '健康进万家 locatedIn 茅塘镇',
            '涟源市总工会 basedIn 涟源市',
            '涟源市人民医院 basedIn 涟源市',
        ),
    ),
    GenreCase(
        'c31 enterprise union 资助 students; 元 integer amount',
        '长期以来，德格县马尼干戈镇拉绒村的12名大学生得到了四川省能源投资集团有限责任公司工会的资助，资助金额共计36000元。',
        '2022-09-09',
        entities=(
            'Union:四川省能源投资集团有限责任公司工会',
            'Organisation:四川省能源投资集团有限责任公司',
            'Place:四川省',
            'Place:德格县',
            'Place:马尼干戈镇',
            'Place:拉绒村',
        ),
        relations=(
            '四川省能源投资集团有限责任公司工会 assists 拉绒村 amt=36000',
            '四川省能源投资集团有限责任公司 basedIn 四川省',
            '马尼干戈镇 partOf 德格县',
            '拉绒村 partOf 马尼干戈镇',
        ),
    ),
    GenreCase(
        'c34 结成帮扶对子; 县总工会 short for the recipient; 转交',
        '近年来，深圳市总工会与河源市和平县总工会结成帮扶对子。今年1月，深圳市总工会党组书记、常务副主席何少芬一行赴和平县，向县总工会转交帮扶资金30万元。',
        '2021-01-28',
        entities=(
            'Union:深圳市总工会',
            'Union:和平县总工会=县总工会',
            'Place:深圳市',
            'Place:河源市',
            'Place:和平县',
            'Person:何少芬',
        ),
        relations=(
            '深圳市总工会 assists 和平县总工会 amt=300000 year=2021',
            '深圳市总工会 basedIn 深圳市',
            '和平县总工会 basedIn 和平县',
            '和平县 partOf 河源市',
            '何少芬 holdsPost 深圳市总工会 role=党组书记、常务副主席',
        ),
    ),
    GenreCase(
        'c37 village union founded',
        '近日，灵武市梧桐树乡杨洪桥村工会正式挂牌成立，首批发展会员126名。',
        '2024-03-12',
        entities=(
            'Union:杨洪桥村工会',
            'Place:灵武市',
            'Place:梧桐树乡',
            'Place:杨洪桥村',
        ),
        relations=(
            '杨洪桥村工会 basedIn 杨洪桥村',
            '梧桐树乡 partOf 灵武市',
            '杨洪桥村 partOf 梧桐树乡',
        ),
    ),
    GenreCase(
        'c38 street-level union 街道总工会; community recipient',
        '西湖区北山街道总工会日前为松木场社区的30名环卫工人送去了清凉礼包。',
        '2023-07-30',
        entities=(
            'Union:北山街道总工会',
            'Place:西湖区',
            'Place:北山街道',
            'Place:松木场社区',
        ),
        relations=(
            '北山街道总工会 assists 松木场社区 year=2023',
            '北山街道总工会 basedIn 北山街道',
            '北山街道 partOf 西湖区',
        ),
    ),
    GenreCase(
        'c43 half-width punctuation; byline with 记者 and 通讯员; quoted training',
        '本报讯(记者 周丽 通讯员 黄晓明)11月20日,罗甸县总工会在边阳镇开展“技能培训进乡村”活动,100余名农民工参加培训。',
        '2019-11-22',
        entities=(
            'Person:周丽',
            'Person:黄晓明',
            'Union:罗甸县总工会',
            'Place:罗甸县',
            'Place:边阳镇',
            'Programme:技能培训进乡村',
        ),
        relations=(
            '罗甸县总工会 runs 技能培训进乡村 year=2019',
            '技能培训进乡村 locatedIn 边阳镇',
            '罗甸县总工会 basedIn 罗甸县',
        ),
    ),
    GenreCase(
        'c44 资助 students 金秋助学 with 元 and 万余元 in one sentence',
        '去年，思南县总工会通过金秋助学活动资助考上大学的困难职工子女36名，每人2000元，共计7.2万余元。',
        '2020-03-02',
        entities=(
            'Union:思南县总工会',
            'Place:思南县',
            'Programme:金秋助学',
        ),
        relations=(
            '思南县总工会 runs 金秋助学 amt=72000 year=2019',
            '思南县总工会 basedIn 思南县',
        ),
    ),
    GenreCase(
        'c46 ——与X县总工会： heading, year in the item',
        '——与城口县总工会：\n2019年，天津市河西区总工会向城口县总工会拨付帮扶资金60万元，用于资助困难职工。',
        '2020-01-15',
        entities=(
            'Union:河西区总工会=天津市河西区总工会',
            'Union:城口县总工会',
            'Place:天津市',
            'Place:河西区',
            'Place:城口县',
        ),
        relations=(
            '河西区总工会 assists 城口县总工会 amt=600000 year=2019',
            '河西区总工会 basedIn 河西区',
            '城口县总工会 basedIn 城口县',
            '河西区 partOf 天津市',
        ),
    ),
    GenreCase(
        'c49 villager quoted after a quote',
        '“工会帮我们联系了销路，今年的花椒不愁卖了。”柞水县营盘镇朱家湾村村民陈秀兰高兴地说。',
        '2023-08-08',
        entities=(
            'Person:陈秀兰',
            'Place:柞水县',
            'Place:营盘镇',
            'Place:朱家湾村',
        ),
        relations=(
            '营盘镇 partOf 柞水县',
            '朱家湾村 partOf 营盘镇',
        ),
    ),
    GenreCase(
        'c50 消费帮扶 fair held by a city union in a county; month-day',
        '9月15日，承德市总工会在隆化县举办消费帮扶农产品展销会，现场销售农产品38万元。',
        '2022-09-18',
        entities=(
            'Union:承德市总工会',
            'Place:承德市',
            'Place:隆化县',
            'Programme:消费帮扶农产品展销会=消费帮扶',
        ),
        relations=(
            '承德市总工会 runs 消费帮扶农产品展销会 year=2022 amt=?',
            '消费帮扶农产品展销会 locatedIn 隆化县',
            '承德市总工会 basedIn 承德市',
        ),
    ),
    GenreCase(
        'c52 passive 由…组织的 quoted programme',
        '由正安县总工会组织的“春风行动”专场招聘会近日在瑞溪镇举行，30余家企业提供岗位1200个。',
        '2023-02-20',
        entities=(
            'Union:正安县总工会',
            'Place:正安县',
            'Place:瑞溪镇',
            'Programme:春风行动',
        ),
        relations=(
            '正安县总工会 runs 春风行动 year=2023',
            '春风行动 locatedIn 瑞溪镇',
            '正安县总工会 basedIn 正安县',
        ),
    ),
    GenreCase(
        'c56 traditional characters; village gift with value',
        '康樂縣總工會近日為蘇集鎮馬寨村捐贈價值2萬元的化肥。',
        '2020-04-01',
        entities=(
            'Union:康乐县总工会',
            'Place:康乐县',
            'Place:苏集镇',
            'Place:马寨村',
        ),
        relations=(
            '康乐县总工会 assists 马寨村 amt=20000 year=2020',
            '康乐县总工会 basedIn 康乐县',
            '马寨村 partOf 苏集镇',
        ),
    ),
    GenreCase(
        'c57 Uyghur name with ·; 地区总工会 post; village recipient',
        '喀什地区总工会副主席艾力·买买提一行来到疏附县兰干镇萨依村，为村里的30户困难家庭送去了米、面、油。',
        '2022-01-12',
        entities=(
            'Union:喀什地区总工会',
            'Person:艾力·买买提',
            'Place:喀什地区',
            'Place:疏附县',
            'Place:兰干镇',
            'Place:萨依村',
        ),
        relations=(
            '艾力·买买提 holdsPost 喀什地区总工会 role=副主席',
            '喀什地区总工会 assists 萨依村',
            '喀什地区总工会 basedIn 喀什地区',
            '兰干镇 partOf 疏附县',
            '萨依村 partOf 兰干镇',
        ),
    ),
    GenreCase(
        'c60 quoted facility 爱心超市 built in a village',
        '今年，宁强县总工会在大安镇建起了“爱心超市”，困难群众可以用积分兑换生活用品。',
        '2021-12-01',
        entities=(
            'Union:宁强县总工会',
            'Place:宁强县',
            'Place:大安镇',
            'Programme:爱心超市',
        ),
        relations=(
            '宁强县总工会 runs 爱心超市 year=2021',
            '爱心超市 locatedIn 大安镇',
            '宁强县总工会 basedIn 宁强县',
        ),
    ),
    GenreCase(
        'c62 捐助 to a hospital named with its county',
        '疫情期间，白银市总工会向靖远县人民医院捐助防疫物资，价值3万元。',
        '2022-12-20',
        entities=(
            'Union:白银市总工会',
            'Organisation:靖远县人民医院',
            'Place:白银市',
            'Place:靖远县',
        ),
        relations=(
            '白银市总工会 assists 靖远县人民医院 amt=30000',
            '白银市总工会 basedIn 白银市',
            '靖远县人民医院 basedIn 靖远县',
        ),
    ),
    GenreCase(
        'c63 province union visits a city union; model worker with title visited',
        '春节前夕，甘肃省总工会慰问组来到陇南市总工会，看望慰问了全国劳动模范赵春生。',
        '2019-01-30',
        entities=(
            'Union:甘肃省总工会',
            'Union:陇南市总工会',
            'Person:赵春生',
            'Place:甘肃省',
            'Place:陇南市',
        ),
        relations=(
            '甘肃省总工会 assists 陇南市总工会 year=?',
            '甘肃省总工会 basedIn 甘肃省',
            '陇南市总工会 basedIn 陇南市',
            '赵春生 hasTitle 全国劳动模范',
        ),
    ),
    GenreCase(
        'c65 first secretary named before 说 at a paragraph end, village from earlier sentence',
        '礼县盐官镇王城村地处山区，过去村民主要靠外出务工维持生计。“现在村里有了养殖合作社，大家在家门口就能挣钱。”驻村第一书记何军说。',
        '2021-10-20',
        entities=(
            'Place:礼县',
            'Place:盐官镇',
            'Place:王城村',
            'Person:何军',
        ),
        relations=(
            '何军 holdsPost 王城村 role=驻村第一书记',
            '盐官镇 partOf 礼县',
            '王城村 partOf 盐官镇',
        ),
    ),
]

# Relations that carry a sum and a year: an unstated one must stay unset.
_CARRIERS = {"assists", "runs"}


def _extraction(case: GenreCase):
    """The extraction of a case's text, dated as the case says."""
    article = article_from_bytes(case.text.encode("utf-8"), "genre_probe.txt")
    return extract(dataclasses.replace(article, date=case.date))


def _entity_spec(spec: str) -> tuple[str, str, tuple[str, ...]]:
    """``"Type:name=alias..."`` as (type, name, aliases)."""
    type_, names = spec.split(":", 1)
    name, *aliases = names.split("=")
    return type_, name, tuple(aliases)


def _relation_spec(spec: str) -> tuple[tuple[str, str, str], dict[str, str]]:
    """``"s p o key=value ..."`` as ((s, p, o), {key: value})."""
    s, p, o, *extras = spec.split()
    return (s, p, o), dict(e.split("=", 1) for e in extras)


def _to_canonical(case: GenreCase) -> dict[str, str]:
    """Each alias the case accepts, mapped to its canonical name."""
    return {a: name for _, name, aliases in map(_entity_spec, case.entities) for a in aliases}


def _number(value: str) -> float | None:
    return None if value == "None" else float(value)


@pytest.mark.parametrize("case", CASES, ids=[c.name.split()[0] for c in CASES])
def test_entities_are_found(case):
    x = _extraction(case)
    canonical = _to_canonical(case)
    found = {(e.type, canonical.get(e.name, e.name)) for e in x.entities}
    missing = [spec for spec in case.entities if _entity_spec(spec)[:2] not in found]
    assert not missing, f"{case.name}: {missing}"


@pytest.mark.parametrize("case", CASES, ids=[c.name.split()[0] for c in CASES])
def test_relations_are_found_with_role_amount_and_year(case):
    x = _extraction(case)
    canonical = _to_canonical(case)
    found = {}
    for r in x.relations:
        found.setdefault((canonical.get(r.s, r.s), r.p, canonical.get(r.o, r.o)), r)
    for spec in case.relations:
        key, extras = _relation_spec(spec)
        assert key in found, f"{case.name}: {spec} not found"
        r = found[key]
        if "role" in extras:
            assert r.role == extras["role"], spec
        if key[1] in _CARRIERS:
            for field, attr in (("amt", "amount_yuan"), ("year", "year")):
                want = extras.get(field, "None")
                if want != "?":
                    got = getattr(r, attr)
                    assert (None if got is None else float(got)) == _number(want), f"{spec}: {attr}={got}"
