"""Content of the demo world: a Guangzhou review (seed 000's annex), two applications, a panel.

All organizations and people are fictional; the rubric, veto items and checklist follow the
"广州市级制造业创新中心建设工作指引" (annex to 穗工信规字〔2025〕 work plan), sections 二–五.
The data has the shape of review.toml, so the demo is sealed through the same code as a real
review.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

ORGANIZATION_NAME = "广州穗评工程技术咨询有限公司"
AUTHORITY = "广州市工业和信息化局"
REVIEW_TITLE = "2025年度广州市级制造业创新中心认定评审"
LOCATION = "广州市天河区 穗评评审中心第三会议室"

FIELDS = [
    {"id": "technical", "title": "技术"},
    {"id": "industry", "title": "产业"},
    {"id": "management", "title": "管理"},
    {"id": "finance", "title": "财务"},
]
STAGES = [
    {"id": "comprehensive", "title": "综合评审"},
    {"id": "defense", "title": "现场答辩"},
    {"id": "inspection", "title": "现场考察"},
]
RECOMMENDATIONS = [
    {"id": "recommend", "title": "推荐列入筹建名单"},
    {"id": "recommend-after-revision", "title": "修改完善后推荐", "conditional": True},
    {"id": "not-recommended", "title": "不推荐"},
]


def bands(maximum: float, step: float) -> list[dict[str, float | str]]:
    """优 ≥ 85 %, 良 ≥ 70 %, 中 ≥ 55 %, 差 below, on the criterion's step grid."""
    def up(fraction: float) -> float:
        return math.ceil(maximum * fraction / step - 1e-9) * step

    good, fair, poor = up(0.85), up(0.70), up(0.55)
    return [
        {"label": "优", "min": good, "max": maximum},
        {"label": "良", "min": fair, "max": good - step},
        {"label": "中", "min": poor, "max": fair - step},
        {"label": "差", "min": 0, "max": poor - step},
    ]


def _criterion(cid: str, title: str, maximum: float, step: float, guidance: str, comment: Any = None) -> dict[str, Any]:
    rule = comment or {"rule": "below", "threshold": math.floor(maximum * 0.6 / step) * step}
    return {"id": cid, "title": title, "maximum": maximum, "step": step, "guidance": guidance, "bands": bands(maximum, step), "comment": rule}


SECTIONS = [
    {
        "id": "A",
        "title": "牵头单位与建设基础",
        "guidance": "依据工作指引二、三：牵头单位的行业地位、研发投入与设施、产学研整合能力。",
        "maximum": 20,
        "raters": "all",  # every member scores the general sections: 7 raters, trimmed
        "criteria": [
            _criterion("A1", "行业地位与竞争优势", 8, 1,
                       "牵头单位长期从事本领域研究开发，科研力量和经济实力雄厚，在本行业有显著的领先地位和竞争优势；"
                       "有承担并出色完成国家、省、市或行业重点研发项目的经历。给满分须说明理由。",
                       {"rule": "above", "threshold": 7}),
            _criterion("A2", "研发投入与研发设施", 6, 0.5,
                       "在本领域有较高或持续的研发投入；有先进的研发基础设施、仪器设备和高端人才，能够为技术创新提供较完善的支撑能力。"),
            _criterion("A3", "产学研资源整合能力", 6, 0.5,
                       "有整合产学研合作基础资源的能力，有较强的技术转移扩散能力，有较丰富的成果转化和商业化经验。"),
        ],
    },
    {
        "id": "B",
        "title": "技术方向与创新能力",
        "guidance": "依据工作指引四（一）：技术方向、技术储备与自主知识产权、研发团队。",
        "maximum": 25,
        "fields": ["technical", "industry"],  # 3 technical + 2 industry experts
        "criteria": [
            _criterion("B1", "共性关键技术方向与领先性", 10, 0.5,
                       "有明确的产业化技术发展方向和目标；有一项以上可促进形成国内领先的、拥有完全自主知识产权的共性关键技术，"
                       "或者有前瞻性的、在国际上领先的技术。须填写评语。",
                       {"rule": "always"}),
            _criterion("B2", "技术储备与自主知识产权", 8, 0.5,
                       "有相应的技术储备或明确的探索方向；发明专利等知识产权储备和保护情况；主导或参与制定国际、国家、行业标准情况。"),
            _criterion("B3", "研发团队与人才队伍", 7, 0.5,
                       "专业技术人才和高技能人才队伍的规模、结构与稳定性；领军人才情况；人才引进、培养与激励机制。"),
        ],
    },
    {
        "id": "C",
        "title": "运行机制",
        "guidance": "依据工作指引四（二）：决策与治理、知识产权与利益共享、专家委员会与联盟协同。",
        "maximum": 20,
        "raters": "all",
        "criteria": [
            _criterion("C1", "决策与治理机制", 7, 0.5,
                       "有科学的决策机制、自主经营机制、内部管理机制、安全管理机制和创新激励机制；"
                       "“企业法人+联盟”模式应为在本市新注册的股份制独立法人。"),
            _criterion("C2", "知识产权管理与利益共享", 7, 0.5,
                       "成员单位利益共享和风险共担的长效合作机制；技术转让、成果转化、知识产权保护等具体措施。"),
            _criterion("C3", "技术专家委员会与联盟协同", 6, 1,
                       "联盟汇聚用户企业、科研院所、高校及各级创新平台的情况；成员中具有较强影响力和号召力的主体；技术专家委员会的组成与运作。"),
        ],
    },
    {
        "id": "D",
        "title": "发展规划与成果转化",
        "guidance": "依据工作指引四（三）与五：研发计划、成果转化目标、公共服务能力。",
        "maximum": 20,
        "raters": "all",
        "criteria": [
            _criterion("D1", "中长期研发项目计划", 7, 0.5,
                       "有具体可行的发展规划，包括中长期研发项目计划、阶段目标、里程碑和考核指标。"),
            _criterion("D2", "成果转化与产业化目标", 7, 0.5,
                       "成果转化产业化目标明确、可考核；技术成果转移扩散和产业化路径清晰；对行业发展的支撑和引领作用。"),
            _criterion("D3", "对外公共服务能力", 6, 1,
                       "整合资源，为行业提供技术开发、检验检测、中试验证、人才培训和信息服务等公共服务的能力与计划。"),
        ],
    },
    {
        "id": "E",
        "title": "财务与可持续运营",
        "guidance": "依据工作指引四（三）（四）：经费筹措、研发投入与收益预算、自我造血能力。",
        "maximum": 15,
        "fields": ["finance", "management", "industry"],  # 4 raters: not trimmed below --trim-min 5
        "criteria": [
            _criterion("E1", "经费筹措与资金匹配", 5, 0.5,
                       "经费筹措计划可行，股东出资、自筹资金与申请资金匹配合理，资金来源真实可靠。"),
            _criterion("E2", "研发投入与转化收益预算", 5, 0.5,
                       "研发投入和转化收益预算编制合理、依据充分，与研发计划和转化目标相匹配。"),
            _criterion("E3", "自我造血与市场化运营", 5, 0.5,
                       "有可持续的创新和自我造血能力，自主开展技术研发、委托研发、技术服务等经营活动，有实现市场化自主运营的进程计划。"),
        ],
    },
]

VETOES_ALLIANCE = [
    {"id": "V1", "title": "牵头单位未在广州市辖区内依法注册或不具有独立法人资格",
     "guidance": "依据工作指引三（一）。核对营业执照或法人登记证书上的住所与类型。"},
    {"id": "V2", "title": "牵头单位为行业骨干企业，近三年销售收入年均低于1亿元且不属于市重点支持领域",
     "guidance": "依据工作指引三（三）。以经审计的财务报表为准；属市重点支持领域适当放宽的，须在理由中说明。"},
    {"id": "V3", "title": "牵头单位被列入严重失信名单或联合惩戒名单",
     "guidance": "依据工作指引三（四）。可查询“信用中国”等公示信息。"},
    {"id": "V4", "title": "牵头单位存在环境、安全、知识产权、税务等方面的违法行为",
     "guidance": "依据工作指引三（四）。以主管部门公开的处罚信息为准。"},
]
VETOES_SELF_BUILT = [
    {"id": "V1", "title": "申报主体未在广州市辖区内依法注册或不具有独立法人资格",
     "guidance": "市级制造业创新中心须由本市创新主体组建。核对营业执照或法人登记证书。"},
    {"id": "V3", "title": "申报主体被列入严重失信名单或联合惩戒名单", "guidance": "参照工作指引三（四）。"},
    {"id": "V4", "title": "申报主体存在环境、安全、知识产权、税务等方面的违法行为", "guidance": "参照工作指引三（四）。"},
    {"id": "V5", "title": "未配备开展日常工作所必需的专职工作人员",
     "guidance": "依据工作指引二（二）。核对专职人员名单、劳动合同与社保缴纳记录。"},
]

CHECKLIST = [
    {"section": "资质与场地", "id": "K01", "title": "营业执照与注册地",
     "guidance": "查验营业执照原件，核对注册地、法人类型与申报材料是否一致。", "evidence": ["document"], "claims": ["registered_in", "legal_status"]},
    {"section": "资质与场地", "id": "K02", "title": "研发与中试场地",
     "guidance": "实地查看研发、中试场地面积与权属（产权证或租赁合同），拍摄场地全景。", "evidence": ["photo", "document"], "claims": ["rd_space"]},
    {"section": "资质与场地", "id": "K03", "title": "主要研发仪器设备",
     "guidance": "抽查不少于5台（套）主要仪器设备，核对资产台账与原值。", "evidence": ["photo", "document"], "claims": ["equipment_value"]},
    {"section": "研发能力", "id": "K04", "title": "研发人员在岗情况",
     "guidance": "抽查研发人员花名册、劳动合同和社保缴纳记录。", "evidence": ["document"], "claims": ["rd_staff"]},
    {"section": "研发能力", "id": "K05", "title": "发明专利与标准",
     "guidance": "抽查发明专利证书和标准文本，核对权利人与有效状态。", "evidence": ["document"], "claims": ["invention_patents", "standards"]},
    {"section": "研发能力", "id": "K06", "title": "在研项目与中试验证",
     "guidance": "查看在研项目的立项文件、实验记录和中试验证报告。", "evidence": ["document", "photo"], "claims": []},
    {"section": "运行管理", "id": "K07", "title": "成员单位与合作协议",
     "guidance": "查验联盟章程或合作协议原件，核对成员单位数量与出资情况。", "evidence": ["document"], "claims": ["members", "shareholders"]},
    {"section": "运行管理", "id": "K08", "title": "公共服务开展情况",
     "guidance": "查看近一年对外技术服务合同、检测报告和培训记录。", "evidence": ["document", "photo"], "claims": ["platforms"]},
    {"section": "运行管理", "id": "K09", "title": "安全生产与环境保护",
     "guidance": "查看实验室安全管理制度、危化品台账和环保验收文件。", "evidence": ["photo"], "claims": [],
     "results_requiring_note": ["部分符合", "不符合"]},
    {"section": "财务与经营", "id": "K10", "title": "近三年销售收入",
     "guidance": "核对经审计的财务报表与纳税申报表。", "evidence": ["document"], "claims": ["sales_3y", "avg_sales"],
     "fields": ["finance"]},
    {"section": "财务与经营", "id": "K11", "title": "研发投入占比",
     "guidance": "核对研发费用辅助账与加计扣除申报材料。", "evidence": ["document"], "claims": ["rd_ratio"], "fields": ["finance"]},
    {"section": "财务与经营", "id": "K12", "title": "建设期资金落实",
     "guidance": "查看股东出资证明、银行授信或自筹资金到位凭证。", "evidence": ["document"], "claims": ["budget"], "fields": ["finance"]},
]


@dataclass(frozen=True)
class Member:
    name: str
    kind: str
    role: str


@dataclass(frozen=True)
class Patent:
    number: str
    title: str
    granted: str


@dataclass(frozen=True)
class Application:
    id: str
    title: str
    applicant: str
    mode: str
    industry: str
    facts: list[dict[str, str]]
    sales: list[tuple[int, float, float, float]]  # year, revenue, net profit, R&D spend (亿元)
    directions: list[tuple[str, str]]  # key technology, description
    members: list[Member]
    patents: list[Patent]
    plan: list[tuple[str, str]]  # phase, goals
    budget: list[tuple[str, float, float, float]]  # item, shareholders, own funds, requested (万元)
    services: list[str]
    vetoes: list[dict[str, str]]


def _facts(**values: str) -> list[dict[str, str]]:
    labels = {
        "applicant": "牵头单位（申报单位）", "center": "创新中心名称", "mode": "建设模式", "industry": "所属领域",
        "registered_in": "注册地", "legal_status": "法人资格", "founded": "成立时间", "sales_3y": "近三年销售收入",
        "avg_sales": "近三年年均销售收入", "rd_ratio": "研发投入占销售收入比例（近三年平均）", "rd_staff": "研发人员",
        "invention_patents": "有效发明专利", "standards": "主导或参与制定标准", "members": "联盟成员 / 合作单位",
        "shareholders": "股东与注册资本", "rd_space": "研发与中试场地", "equipment_value": "研发仪器设备原值",
        "platforms": "已有创新平台", "budget": "建设期投资计划", "credit": "信用情况",
    }  # fmt: skip
    return [{"key": key, "label": labels[key], "value": value} for key, value in values.items()]


ALLIANCE = Application(
    id="GZ-2025-ZZ-03",
    title="广州市智能网联汽车电子制造业创新中心",
    applicant="广州智驭汽车电子股份有限公司",
    mode="企业法人+联盟",
    industry="智能与新能源汽车",
    facts=_facts(
        applicant="广州智驭汽车电子股份有限公司",
        center="广州市智能网联汽车电子制造业创新中心",
        mode="企业法人+联盟（已注册运营公司：广州智联芯驰创新科技有限公司）",
        industry="智能与新能源汽车——车规级域控制器、智能座舱与车路协同",
        registered_in="广州市黄埔区（广州开发区）科学大道 1 号",
        legal_status="股份有限公司，独立法人；统一社会信用代码 91440116MA9W8K2L3X",
        founded="2009年3月（运营公司 2024年11月在黄埔区注册）",
        sales_3y="2022年 12.36亿元；2023年 15.82亿元；2024年 19.27亿元",
        avg_sales="15.82亿元",
        rd_ratio="7.4%",
        rd_staff="486人（占职工总数 31.2%），其中博士 37人、硕士 211人",
        invention_patents="132件（其中 PCT 国际专利 9件）",
        standards="主导国家标准 1项、参与国家标准 2项、行业标准 7项",
        members="16家：整车企业 3家、零部件企业 6家、高校 3所、科研院所 2家、检测认证机构 2家",
        shareholders="运营公司股东 7家，注册资本 1.2亿元，牵头单位持股 34%",
        rd_space="2.6万平方米（自有 1.8万、租赁 0.8万）",
        equipment_value="3.85亿元（含 EMC 暗室、HIL 仿真台架 24套）",
        platforms="国家企业技术中心、广东省智能网联汽车电子工程技术研究中心、CNAS 认可实验室",
        budget="建设期 3年共 5.6亿元：股东出资 2.4亿元、自筹 2.2亿元、申请市级资金 1.0亿元",
        credit="未列入严重失信名单或联合惩戒名单（申报单位承诺，已查询信用中国）",
    ),
    sales=[(2022, 12.36, 0.94, 0.88), (2023, 15.82, 1.27, 1.19), (2024, 19.27, 1.61, 1.43)],
    directions=[
        ("车规级中央计算平台", "面向L3级及以上自动驾驶的中央计算与区域控制架构，突破多芯异构调度、功能安全（ASIL-D）与信息安全关键技术。"),
        ("智能座舱多模态交互", "国产芯片上的座舱域控制器软件平台，支持多屏、多模态交互与OTA升级，形成可复用的中间件。"),
        ("车路协同感知与通信", "C-V2X车载终端与路侧单元协同感知算法，在黄埔区、南沙区智能网联示范区开展规模化验证。"),
        ("车规级电子可靠性验证", "建设覆盖环境、电磁兼容与功能安全的车规电子验证平台，向产业链中小企业开放。"),
    ],
    members=[
        Member("广州智驭汽车电子股份有限公司", "零部件企业", "牵头单位、股东"),
        Member("广州羊城汽车集团股份有限公司", "整车企业", "股东、用户单位"),
        Member("广州珠江新能源汽车有限公司", "整车企业", "股东、用户单位"),
        Member("广东南粤客车有限公司", "整车企业", "联盟成员、用户单位"),
        Member("广州芯跃半导体科技有限公司", "零部件企业", "股东"),
        Member("广州穗通智能传感器有限公司", "零部件企业", "股东"),
        Member("广州天河软件园车载软件有限公司", "零部件企业", "联盟成员"),
        Member("广州海珠精密连接器有限公司", "零部件企业", "联盟成员"),
        Member("广州番禺汽车线束有限公司", "零部件企业", "联盟成员"),
        Member("岭南理工大学", "高校", "股东、技术专家委员会主任单位"),
        Member("华南工学院", "高校", "联盟成员"),
        Member("广州信息科技大学", "高校", "联盟成员"),
        Member("广州智能交通研究院", "科研院所", "股东"),
        Member("广东省汽车电子研究所", "科研院所", "联盟成员"),
        Member("广州车联网检测认证中心有限公司", "检测认证机构", "联盟成员"),
        Member("南方电磁兼容检测技术有限公司", "检测认证机构", "联盟成员"),
    ],
    patents=[
        Patent("ZL202110384512.6", "一种车规级域控制器的多核异构任务调度方法", "2023-02-14"),
        Patent("ZL202110927733.1", "基于功能安全岛的中央计算平台故障降级方法", "2023-06-30"),
        Patent("ZL202111208845.3", "一种智能座舱多屏协同显示系统及方法", "2023-08-22"),
        Patent("ZL202210145236.9", "车路协同场景下的多源目标融合感知方法", "2023-11-03"),
        Patent("ZL202210533871.2", "一种车载以太网时间同步装置", "2024-01-16"),
        Patent("ZL202210874410.5", "基于硬件安全模块的OTA升级验签方法", "2024-03-29"),
        Patent("ZL202211052397.8", "一种C-V2X车载终端天线布置结构", "2024-05-10"),
        Patent("ZL202211463025.4", "车规级电子产品高温高湿加速寿命试验方法", "2024-07-02"),
        Patent("ZL202310218764.0", "一种区域控制器电源管理电路", "2024-09-18"),
        Patent("ZL202310596112.7", "智能座舱语音与手势多模态融合交互方法", "2024-12-06"),
    ],
    plan=[
        ("2025—2026年（筹建期）", "完成运营公司实体化运行；建成中央计算平台联合实验室；发布域控制器参考设计 1套；新增发明专利 20件。"),
        ("2026—2027年（建设期）", "突破车规级中央计算与车路协同 4项共性关键技术；牵头制定团体标准 3项；对外技术服务收入达到 3000万元。"),
        ("2027—2028年（提升期）", "形成可转化成果 12项，带动产业链新增产值 30亿元；争创省级制造业创新中心。"),
    ],
    budget=[
        ("研发设备与验证平台", 9800, 8200, 4000),
        ("共性技术研发项目", 8600, 7400, 4000),
        ("中试线与公共服务平台", 4200, 3800, 2000),
        ("人才引进与培养", 1400, 2600, 0),
    ],
    services=["车规电子可靠性与EMC检测", "功能安全与信息安全咨询", "域控制器中试验证", "产业链工程师培训"],
    vetoes=VETOES_ALLIANCE,
)

SELF_BUILT = Application(
    id="GZ-2025-ZZ-07",
    title="广州市高端医学影像装备制造业创新中心",
    applicant="广州康衡医学影像科技有限公司",
    mode="自主建设模式",
    industry="生物医药与健康",
    facts=_facts(
        applicant="广州康衡医学影像科技有限公司",
        center="广州市高端医学影像装备制造业创新中心",
        mode="自主建设模式（牵头单位联合高校、医院组建）",
        industry="生物医药与健康——高端医学影像装备（CT、超声、光学相干断层成像）",
        registered_in="广州市番禺区 广州国际创新城 南岸起步区",
        legal_status="有限责任公司，独立法人；统一社会信用代码 91440113MA5D2R7P4K",
        founded="2014年6月",
        sales_3y="2022年 3.12亿元；2023年 3.86亿元；2024年 4.58亿元",
        avg_sales="3.85亿元",
        rd_ratio="11.8%",
        rd_staff="212人（占职工总数 44.6%），其中博士 29人",
        invention_patents="58件（其中 PCT 国际专利 4件）",
        standards="参与国家标准 1项、医疗器械行业标准 3项",
        members="合作单位 6家：高校 2所、三甲医院 2家、检测机构 1家、企业 1家",
        shareholders="不适用（自主建设模式，依托牵头单位运行）",
        rd_space="0.92万平方米（自有）",
        equipment_value="1.26亿元（含光子计数探测器测试平台、超声声场测量系统）",
        platforms="广东省医学影像装备工程技术研究中心、广州市企业技术中心",
        budget="建设期 3年共 1.8亿元：自筹 1.3亿元、申请市级资金 0.5亿元",
        credit="未列入严重失信名单或联合惩戒名单（申报单位承诺）",
    ),
    sales=[(2022, 3.12, 0.31, 0.37), (2023, 3.86, 0.42, 0.46), (2024, 4.58, 0.55, 0.53)],
    directions=[
        ("光子计数CT探测器", "碲锌镉光子计数探测器模块与读出电路，突破能谱成像与低剂量重建关键技术。"),
        ("高端超声成像平台", "面向心血管与介入应用的高帧率超声成像与弹性成像，形成国产化整机平台。"),
        ("医学影像智能重建", "基于深度学习的低剂量重建与图像质量评价方法，建立可追溯的训练数据规范。"),
    ],
    members=[
        Member("广州康衡医学影像科技有限公司", "企业", "牵头单位"),
        Member("岭南医科大学", "高校", "合作单位、临床与算法研究"),
        Member("华南工学院", "高校", "合作单位、探测器材料研究"),
        Member("广州南方第一人民医院", "医院", "临床验证合作单位"),
        Member("广州珠江妇女儿童医院", "医院", "临床验证合作单位"),
        Member("广东医疗器械质量检验研究所", "检测机构", "型式检验合作单位"),
        Member("广州晶核半导体材料有限公司", "企业", "探测器晶体供应与联合研发"),
    ],
    patents=[
        Patent("ZL202010458821.4", "一种光子计数探测器的电荷共享校正方法", "2022-09-06"),
        Patent("ZL202011276530.2", "能谱CT物质分解的迭代重建方法", "2023-01-10"),
        Patent("ZL202110063347.9", "一种高帧率超声平面波复合成像方法", "2023-04-25"),
        Patent("ZL202110745238.6", "超声弹性成像的剪切波速度估计方法", "2023-09-12"),
        Patent("ZL202210320418.1", "基于深度学习的低剂量CT图像降噪方法", "2024-02-02"),
        Patent("ZL202210981152.3", "一种医学影像设备的远程质控系统", "2024-06-21"),
    ],
    plan=[
        ("2025—2026年", "建成光子计数探测器中试线；完成能谱CT样机；联合医院开展临床前评价。"),
        ("2026—2027年", "高端超声平台取得第二类医疗器械注册证；对外提供型式检验预测试服务 200批次。"),
        ("2027—2028年", "实现探测器模块批量供货；累计转化成果 6项，带动相关产值 10亿元。"),
    ],
    budget=[
        ("探测器中试线", 0, 5200, 2500),
        ("共性技术研发项目", 0, 4800, 1800),
        ("临床评价与公共服务", 0, 1800, 700),
        ("专职人员与运营", 0, 1200, 0),
    ],
    services=["医学影像设备型式检验预测试", "探测器模块测试与标定", "临床前评价方案设计", "注册申报培训"],
    vetoes=VETOES_SELF_BUILT,
)

APPLICATIONS = [ALLIANCE, SELF_BUILT]


@dataclass(frozen=True)
class DemoExpert:
    id: str
    name: str
    field: str
    affiliation: str
    title: str
    phone: str
    email: str


EXPERTS = [
    DemoExpert("chen-zhiyuan", "陈志远", "技术", "岭南理工大学", "教授", "13800138021", "chenzy@lnut.example.cn"),
    DemoExpert("zhou-haifeng", "周海峰", "技术", "广州智能交通研究院", "研究员", "13800138022", "zhouhf@gzits.example.cn"),
    DemoExpert("lin-xiaomei", "林晓梅", "产业", "广州市产业发展研究中心", "高级工程师", "13800138023", "linxm@gzidc.example.cn"),
    DemoExpert("huang-jianguo", "黄建国", "管理", "羊城企业管理咨询有限公司", "高级经济师", "13800138024", "huangjg@ycmc.example.cn"),
    DemoExpert("wu-peishan", "吴佩珊", "财务", "穗信会计师事务所（特殊普通合伙）", "注册会计师", "13800138025", "wups@suixin.example.cn"),
    DemoExpert("zheng-lixin", "郑立新", "技术", "华南电子信息研究院", "正高级工程师", "13800138026", "zhenglx@scei.example.cn"),
    DemoExpert("he-zhendong", "何振东", "产业", "广东省制造业发展促进会", "高级经济师", "13800138027", "hezd@gdmfg.example.cn"),
]


def rubric_data(application: Application) -> dict[str, Any]:
    return {
        "total": 100,
        "opinion_min_length": 50,
        "recommendations": RECOMMENDATIONS,
        "sections": SECTIONS,
        "vetoes": application.vetoes,
    }
