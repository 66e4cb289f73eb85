"""Word lists about the language of union and poverty-alleviation reports.

Every entry is a word of the genre (posts, honours, body suffixes, national
union campaigns), never a name taken from one article.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

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

# Posts, in rough order of how often they precede a name.  Longer forms first
# where one contains another, so a regex alternation picks the full post.
POSTS = sorted(
    set(
        """
党组书记 党组副书记 党委书记 党委副书记 纪委书记 副书记 书记 第一书记 驻村第一书记
主席 副主席 常务副主席 专职副主席 兼职副主席 执行主席 名誉主席
主任 副主任 常务副主任 主任医师 副主任医师 部长 副部长 局长 副局长 厅长 副厅长 处长 副处长 科长 副科长 所长 站长 馆长
队长 副队长 工作队队长 驻村工作队队长 队员 组长 副组长
理事长 副理事长 会长 副会长 秘书长 副秘书长 社长 院长 副院长 校长 副校长 园长 董事长 副董事长
总经理 副总经理 经理 副经理 厂长 副厂长 矿长 总工程师 工程师 技师 主委 副主委 委员 常委 党组成员 主任委员
主持人 负责人 策划人 讲师 老师 教师 医师 导师 博士生导师 硕士生导师 专干 干事 村长 村支书 支书
巡视员 一级巡视员 二级巡视员 调研员 一级调研员 二级调研员 四级调研员 顾问 扶贫顾问 工作队员 联络员 信息员 网格员
省长 副省长 市长 副市长 州长 副州长 县长 副县长 区长 副区长 旗长 副旗长 镇长 副镇长 乡长 副乡长 盟长 秘书 副秘书长
""".split()
    ),
    key=len,
    reverse=True,
)

# Honours and standing (hasTitle).  Matched as whole words before a name.
TITLES = sorted(
    set(
        """
全国劳动模范 全国劳模 省劳动模范 省级劳动模范 市劳动模范 劳动模范 劳模 全国先进工作者 先进工作者
全国五一劳动奖章获得者 五一劳动奖章获得者 全国五一劳动奖章 五一劳动奖章 全国三八红旗手 三八红旗手 全国青年岗位能手 中华技能大奖 全国五一巾帼标兵 大国工匠 全国技术能手 技术能手 首席技师
全国人大代表 省人大代表 市人大代表 人大代表 全国政协委员 省政协委员 市政协委员 政协委员 全国人大常委
致富带头人 非遗传承人 道德模范 全国道德模范 优秀共产党员 脱贫攻坚奖
""".split()
    ),
    key=len,
    reverse=True,
)

# Words that may stand between a role and a name without being part of either.
ROLE_PREFIX_WORDS = sorted(
    set(
        """
村民 村民代表 学生代表 职工代表 职工 工人 农民 贫困户 老党员 党员 牧民 家属 同志 老人 医生 专家 教授 记者 通讯员
群众 居民 代表 学生 大学生 技术员 志愿者 创始人 乡贤 带头人 致富带头人 员工 队员 驾驶员 护士 负责人
建档立卡户 建档立卡贫困户 脱贫户 困难户 低保户 五保户 户主 农户 养殖户 种植户 村医 乡村医生 创办人 返乡青年 残疾人
""".split()
    ),
    key=len,
    reverse=True,
)

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

# Suffixes of territorial union bodies.
UNION_FEDERATION = ("总工会", "工会联合会", "工会")

# Industrial / sectoral union names that follow a province, 中国 or a city.
INDUSTRY_UNIONS = sorted(
    set(
        """
教科文卫体工会 教科文卫工会 教育工会 教育科技工会 科教文卫工会 建设工会 能源化学地质工会 机械冶金建材工会 机械冶金工会
商贸轻纺烟草工会 农林水利气象工会 农林工会 交通运输工会 交通工会 海员建设工会 金融工会 国防邮电工会 邮电工会 邮政工会 财贸工会
铁路工会 民航工会 医务工会 卫生工会 冶金工会 化工工会 石油工会 电力工会 煤矿工会 能源工会 城建工会 农业工会 农林水工会
""".split()
    ),
    key=len,
    reverse=True,
)

# Organisation suffixes (the head noun that ends a named body).
ORG_SUFFIXES = sorted(
    set(
        """
集团 集团公司 有限公司 股份有限公司 有限责任公司 公司 分公司 总公司 大学 学院 职业学院 技工学校 学校 中学 小学 幼儿园 医院 中医院 中医医院
卫生院 疗养院 研究院 研究所 银行 信用社 协会 学会 联合会 促进会 基金会 合作社 专业合作社 合作社联合社 批发市场 商会 工商联
政协 人大常委会 政府 人民政府 政府办 管委会 委员会 组织部 宣传部 统战部 教育厅 人社厅 人社局 司法局 法院 人民法院 检察院 公安局 派出所
团委 妇联 科协 残联 政法委 发改委 农业农村局 农业局 民政局 财政局 卫健委 卫生健康委 文旅局 体育局 中医管理局 乡村振兴局 扶贫办
农牧局 畜牧局 林业局 林草局 水利局 水务局 交通运输局 交通局 教育局 商务局 住建局 自然资源局 生态环境局 市场监管局 应急管理局
人力资源和社会保障局 人社厅 医保局 税务局 统计局 审计局 工信局 科技局 民宗局
热电厂 电厂 发电厂 钢厂 煤矿 矿业 机场 援助中心 帮扶中心 服务中心 电力公司 供电公司 工作队 服务团 服务队 志愿服务团 技术服务团 疾病预防控制中心 控制中心
国资委 金融监管局 地方金融监管局 管理局 监管局 文旅厅 文化和旅游局 卫健局 乡村振兴办 扶贫支援办 支援办 协作办 合作交流办 对口支援办
办事处 指挥部 前方指挥部 采油厂 炼油厂 盐场 农场 家庭农场 林场 牧场 供销社 联社 农商银行 农村商业银行 信用联社 商业银行
""".split()
    ),
    key=len,
    reverse=True,
)

# Party committees: only named when a place is written in front of them.
PARTY_COMMITTEES = ("省委", "市委", "区委", "县委", "州委", "旗委", "镇委", "党委")

# National ACFTU campaigns and their seasonal variants -> canonical name.
PROGRAMME_NAMES = {
    "送温暖": "送温暖",
    "冬送温暖": "送温暖",
    "春送温暖": "送温暖",
    "金秋助学": "金秋助学",
    "秋送助学": "金秋助学",
    "送清凉": "送清凉",
    "夏送清凉": "送清凉",
    "春送岗位": "春送岗位",
    "就业援助月": "就业援助月",
    "春风行动": "春风行动",
    "平安返乡": "平安返乡",
    "消费扶贫": "消费扶贫",
    "消费帮扶": "消费帮扶",
    "职工小家": "职工小家",
    "送医疗": "送医疗",
    "送文化": "送文化",
    "送法律": "送法律",
    "送岗位": "送岗位",
    "送技能": "送技能",
    "互联网+工会": "互联网+工会",
    "四季送": "四季送",
    "爱心驿站": "爱心驿站",
    "户外劳动者服务站点": "户外劳动者服务站点",
    "劳模创新工作室": "劳模创新工作室",
    "劳模创新基地": "劳模创新基地",
}

# Words after a quoted name that make the quote a programme name.
PROGRAMME_AFTER_QUOTE = sorted(
    set(
        """
活动 行动 工程 项目 计划 品牌 主题 主题活动 专项行动 竞赛 劳动竞赛 培训 培训班 实施方案 模式 工作法 系列活动 活动月 月
慰问活动 志愿服务 征文 大赛 比赛 运动会 汇演 文艺汇演 夏令营 联谊活动 启动仪式 招聘会 服务
""".split()
    ),
    key=len,
    reverse=True,
)
# Words before a quoted name that make the quote a programme name.
PROGRAMME_BEFORE_QUOTE = sorted(
    set("开展 开展了 举办 举办了 举行 举行了 实施 实施了 启动 启动了 组织 组织了 推行 推出 打造 打造了 落实 发起 坚持 以 主题为 参加 建立 建设 建设的 成立 援建 捐建 创建 组建 开办 开办了 开设 开设了 设立 创办".split()),
    key=len,
    reverse=True,
)

# Head nouns of facilities and projects built for the poor.
FACILITY_NOUNS = sorted(
    set(
        """
扶贫车间 蔬菜大棚 大棚 温室大棚 机井 培训中心 超市 加工厂 孵化场 养殖场 养殖基地 种植基地 产业基地 扶贫基地 教育基地
种植项目 光伏电站 文化广场 活动广场 硬化道路 卫生室 幸福院 图书室 服务站
培训课堂 课堂 孵化基地 基地 冷库 仓储库 扶贫分中心 扶贫专柜 扶贫专馆 扶贫超市 爱心超市
产业路 蓄水池 水窖 饮水工程 安全饮水工程 棚圈 圈舍 培训室 维修站 养殖小区
书屋 接力站 爱心接力站 驿站 职工之家 司机之家 康体中心 漫水桥 便民桥 示范基地 养鸡场 养猪场 产业园 扶贫产业园 代销点 培训班
""".split()
    ),
    key=len,
    reverse=True,
)

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
def common_verbs() -> frozenset[str]:
    """The verbs among `boundary_words` (jieba's tag v)."""
    return frozenset(w for w, tag in _tagged_words().items() if tag == "v")
