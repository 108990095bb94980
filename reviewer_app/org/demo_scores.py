"""Realistic, varied, deterministic reviews for the demo's score packages (`OUT/packages/`).

Every demo expert answers every demo bundle: scores on the criteria of their field around the
application's quality (the alliance application is stronger than the self-built one) with a
personal bias and per-criterion spread, comments where the rubric requires them (and mostly
elsewhere too), defense notes, an opinion and a recommendation that follow the score. Some
stories a panel really has: 周海峰's institute is a shareholder of the alliance's operating
company, so he recuses himself from that bundle; 黄建国 raises a veto on the self-built
application; 林晓梅 inspected the alliance on site (checklist results and two photos) and
amended her sheet for the self-built one after the defense (revision 2).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from dataclasses import dataclass

from reviewer_app import rubric
from reviewer_app.export.score_json import AttachmentInput
from reviewer_app.review.completeness import criteria_for_expert
from reviewer_app.review.inspection import Evidence, InspectionState, ItemResult
from reviewer_app.review.state import ConflictAnswer, Declarations, DefenseNote, RelatedAnswer, ReviewState, ScoreEntry, VetoEntry

QUALITY = {"GZ-2025-ZZ-03": 0.86, "GZ-2025-ZZ-07": 0.73}
BIAS = {"chen-zhiyuan": 0.02, "zhou-haifeng": -0.03, "lin-xiaomei": 0.0, "huang-jianguo": -0.05, "wu-peishan": 0.03,
        "zheng-lixin": 0.09, "he-zhendong": -0.01}  # 郑立新 is the lenient one the report points out
RECUSALS = {("GZ-2025-ZZ-03", "zhou-haifeng"): "本人所在单位广州智能交通研究院为该创新中心运营公司股东之一，存在利益关系，申请回避。"}
# Answers about the units the application lists (every other unit: no relation). 陈志远 teaches at a
# shareholder of the alliance and says so; the organization's report flags it for a decision.
RELATIONS = {
    ("GZ-2025-ZZ-03", "chen-zhiyuan"): ("岭南理工大学", "本人为岭南理工大学在职教授，未参与该创新中心的筹建与运营。"),
    ("GZ-2025-ZZ-03", "zhou-haifeng"): ("广州智能交通研究院", "本人所在单位，为该中心运营公司股东之一。"),
}
VETOES = {("GZ-2025-ZZ-07", "huang-jianguo"): ("V5", "申报材料未提供专职工作人员名单、劳动合同和社保缴纳记录，现场答辩亦未能说明专职运营团队的组成，不满足配备专职工作人员的要求。")}
INSPECTORS = {("GZ-2025-ZZ-03", "lin-xiaomei")}
AMENDMENTS = {
    ("GZ-2025-ZZ-07", "lin-xiaomei"): ("D2", 1.0, "复核现场答辩补充材料后，成果转化目标已量化并附有合作医院意向书，上调“成果转化与产业化目标”评分。")
}

GOOD = ["基础扎实，论证充分，", "材料翔实，数据可信，", "优势明显，特色突出，", "思路清晰，目标明确，"]
FAIR = ["总体可行，部分内容有待细化，", "有一定基础，但论证不够充分，", "方向正确，具体措施偏笼统，"]
POOR = ["支撑材料不足，", "与申报要求存在差距，", "关键指标缺乏依据，"]
ENDINGS = {
    "good": ["建议在建设期内持续保持投入。", "可作为同类创新中心的参考。", "建议进一步加强与产业链上下游的协同。"],
    "fair": ["建议补充量化考核指标。", "建议完善实施路径与时间节点。", "建议在答辩后补充相关证明材料。"],
    "poor": ["建议补充证明材料后再行评估。", "需对相关内容作出实质性完善。"],
}
QUESTIONS = [
    ("请说明运营公司的专职人员构成及到位计划。", "目前专职人员 23 人，计划建设期内增至 60 人，核心团队已签订劳动合同。"),
    ("共性关键技术与牵头单位自身产品研发如何区分？", "共性技术成果向全体成员开放许可，牵头单位产品研发另行立项、单独核算。"),
    ("市级资金主要用于哪些方向？", "主要用于验证平台设备购置和共性技术研发项目，不用于人员薪酬。"),
    ("成果转化收益如何在成员单位之间分配？", "按章程约定，以出资比例和技术贡献度综合确定，技术专家委员会审议。"),
]


@dataclass(frozen=True)
class DemoReview:
    state: ReviewState
    inspection: InspectionState | None
    attachments: list[AttachmentInput]
    recused: bool
    amendment: tuple[ReviewState, str] | None  # the revision-2 state and its reason


def _step_round(value: float, step: float, maximum: float) -> float:
    return min(maximum, max(0.0, math.floor(value / step + 0.5) * step))


def _comment(rng: random.Random, criterion: rubric.Criterion, score: float) -> str:
    share = score / criterion.maximum
    level = "good" if share >= 0.85 else "fair" if share >= 0.6 else "poor"
    start = rng.choice(GOOD if level == "good" else FAIR if level == "fair" else POOR)
    return f"{criterion.title}{start}{rng.choice(ENDINGS[level])}"


def _opinion(application_title: str, share: float, vetoed: bool) -> str:
    if vetoed:
        return (
            f"{application_title}申报材料基本齐全，技术方向符合本市产业发展重点，但存在否决项所列问题：未配备开展日常工作所必需的专职工作人员。"
            "建议申报单位落实专职运营团队后重新申报。"
        )
    if share >= 0.8:
        return (
            f"{application_title}牵头单位行业地位突出，研发投入持续稳定，共性关键技术方向明确，产学研合作基础较好，"
            "建设方案和运行机制总体可行，经费筹措计划合理。建议推荐列入筹建名单，并在筹建期内细化成果转化考核指标。"
        )
    if share >= 0.65:
        return (
            f"{application_title}具备一定的研发基础和产业支撑能力，技术方向符合要求，但发展规划的阶段目标和考核指标不够具体，"
            "公共服务能力的论证偏弱。建议修改完善建设方案、补充量化指标后推荐。"
        )
    return f"{application_title}与认定条件存在明显差距，研发投入、团队和运行机制等方面的支撑材料不足，建议暂不推荐，待条件成熟后再行申报。"


def _recommendation(share: float, vetoed: bool) -> str:
    if vetoed or share < 0.65:
        return "not-recommended"
    return "recommend" if share >= 0.8 else "recommend-after-revision"


def signature_png(name: str) -> bytes:
    """A plausible handwritten signature: smooth pen strokes on a transparent background."""
    from PIL import Image, ImageDraw

    rng = random.Random(f"signature-{name}")
    width, height = 600, 200
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    x = 40.0
    for _ in range(len(name)):
        points = []
        for t in range(40):
            angle = t / 39 * math.pi * rng.uniform(2.2, 3.4)
            points.append((x + t * rng.uniform(2.6, 3.4), height / 2 + math.sin(angle) * rng.uniform(38, 62) + rng.uniform(-4, 4)))
        draw.line(points, fill=(20, 30, 90, 255), width=6, joint="curve")
        x += rng.uniform(150, 175)
    draw.line([(50, 165), (x - 20, 150)], fill=(20, 30, 90, 255), width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _photo(label: str, seed: str) -> bytes:
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (800, 600), (rng.randint(150, 200), rng.randint(160, 200), rng.randint(170, 210)))
    draw = ImageDraw.Draw(image)
    for _ in range(14):
        x, y = rng.randint(0, 760), rng.randint(60, 560)
        draw.rectangle([x, y, x + rng.randint(40, 220), y + rng.randint(30, 160)], fill=(rng.randint(60, 230), rng.randint(60, 230), rng.randint(60, 230)), outline=(40, 40, 40))
    draw.rectangle([0, 0, 800, 40], fill=(30, 30, 30))
    draw.text((12, 12), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _inspection(spec: rubric.ReviewSpec, bundle_id: str, now: dt.datetime) -> tuple[InspectionState, list[AttachmentInput]]:
    import hashlib

    started = now - dt.timedelta(days=2, hours=3)
    results = {
        "K01": ItemResult("符合", "营业执照原件与申报材料一致。", "黄埔区科学大道 1 号；股份有限公司", False),
        "K02": ItemResult("符合", "研发大楼 6 层、中试车间 1 栋，产权证与租赁合同齐全。", "约 2.6 万平方米", False),
        "K03": ItemResult("部分符合", "抽查 6 台（套），其中 1 套 HIL 台架尚在调试，未纳入资产台账。", "抽查 6 台（套），原值约 3.7 亿元", True),
        "K09": ItemResult("符合", "危化品台账完整，实验室安全制度上墙。", "", False),
    }
    photos = [("K02", "site-overview.jpg", "K02 R&D building"), ("K03", "hil-bench.jpg", "K03 HIL test bench")]
    evidence, attachments = [], []
    for number, (item, name, label) in enumerate(photos, 1):
        data = _photo(label, f"{bundle_id}-{name}")
        captured = started + dt.timedelta(minutes=25 * number)
        digest = hashlib.sha256(data).hexdigest()
        evidence.append(Evidence(number, item, name, "image/jpeg", len(data), digest, captured, None, f"{digest}.age", None, 800, 600, captured))
        attachments.append(AttachmentInput(name, "image/jpeg", data, item, captured, digest))
    known = {i.id for i in spec.checklist.items}
    state = InspectionState(
        bundle_id,
        started_at=started,
        finished_at=started + dt.timedelta(hours=2, minutes=30),
        inspectors=("林晓梅", "市工信局产业处 王工"),
        site_notes="考察组查看了研发大楼、中试车间和 EMC 暗室，听取了运营公司筹建情况汇报。",
        results={k: v for k, v in results.items() if k in known},
        evidence=tuple(evidence),
    )
    return state, attachments


def related_answers(spec: rubric.ReviewSpec, key: tuple[str, str]) -> tuple[RelatedAnswer, ...]:
    """One answer per unit the bundle lists, as the declarations screen records them."""
    unit, description = RELATIONS.get(key, ("", ""))
    return tuple(RelatedAnswer(u.unit, u.relation, u.unit == unit, description if u.unit == unit else "") for u in spec.related_units)


def demo_review(spec: rubric.ReviewSpec, bundle_id: str, application_id: str, application_title: str, expert_id: str, expert_field: str, now: dt.datetime) -> DemoReview:
    """The demo expert's review of one demo bundle (deterministic for the same inputs)."""
    rng = random.Random(f"{application_id}/{expert_id}")
    declared = now - dt.timedelta(days=3, hours=rng.randint(1, 5))
    key = (application_id, expert_id)
    if key in RECUSALS:
        declarations = Declarations(ConflictAnswer.DECLARED, RECUSALS[key], declared, None, related_answers(spec, key))
        return DemoReview(ReviewState(bundle_id, declarations), None, [], True, None)
    declarations = Declarations(ConflictAnswer.NONE, "", declared, declared + dt.timedelta(minutes=1), related_answers(spec, key))
    quality = QUALITY.get(application_id, 0.78) + BIAS.get(expert_id, 0.0)
    scores = {}
    criteria = criteria_for_expert(spec, expert_field)
    for criterion in criteria:
        value = _step_round(criterion.maximum * (quality + rng.uniform(-0.09, 0.09)), criterion.step, criterion.maximum)
        comment = _comment(rng, criterion, value) if rubric.comment_required(criterion, value) or rng.random() < 0.7 else ""
        scores[criterion.id] = ScoreEntry(value, comment)
    veto = VETOES.get(key)
    vetoes = {v.id: VetoEntry(veto is not None and veto[0] == v.id, veto[1] if veto and veto[0] == v.id else "") for v in spec.rubric.vetoes}
    total = sum(e.value or 0 for e in scores.values())
    share = total / sum(c.maximum for c in criteria)
    vetoed = veto is not None and veto[0] in vetoes
    notes = []
    for number, (question, answer) in enumerate(rng.sample(QUESTIONS, 2), 1):
        notes.append(DefenseNote(number, declared + dt.timedelta(days=1, minutes=12 * number), question, answer, (criteria[number % len(criteria)].id,)))
    state = ReviewState(
        bundle_id,
        declarations,
        scores,
        vetoes,
        tuple(notes),
        _opinion(application_title, share, vetoed),
        _recommendation(share, vetoed) if spec.rubric.recommendations else "",
    )
    inspection, attachments = (None, [])
    if key in INSPECTORS and spec.checklist.items:
        inspection, attachments = _inspection(spec, bundle_id, now)
    amendment = None
    if key in AMENDMENTS:
        criterion_id, delta, reason = AMENDMENTS[key]
        if criterion_id in scores:
            criterion = spec.rubric.criterion(criterion_id)
            entry = scores[criterion_id]
            new_value = _step_round((entry.value or 0) + delta, criterion.step, criterion.maximum)
            comment = entry.comment or _comment(rng, criterion, new_value)
            amended = dict(scores)
            amended[criterion_id] = ScoreEntry(new_value, f"{comment}（答辩后复核调整）")
            amendment = (ReviewState(bundle_id, declarations, amended, vetoes, state.notes, state.opinion, state.recommendation), reason)
    return DemoReview(state, inspection, attachments, False, amendment)
