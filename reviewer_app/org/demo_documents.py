"""Generated application materials for the demo: multi-page Chinese PDFs and a site-plan image.

reportlab with the shipped WenQuanYi Micro Hei (subset-embedded, so every PDF viewer shows the
same glyphs); Pillow for the PNG. Output is deterministic apart from reportlab's timestamps.
"""

from __future__ import annotations

import io
from importlib import resources

from reviewer_app.assets import cjk_font
from reviewer_app.pdf_fonts import FONT, register_fonts
from reviewer_app.org.demo_content import Application



def _styles() -> dict[str, object]:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=21, spaceAfter=4)
    return {
        "body": base,
        "plain": ParagraphStyle("plain", parent=base, firstLineIndent=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12.5, firstLineIndent=0, spaceAfter=0),
        "title": ParagraphStyle("title", parent=base, fontSize=22, leading=32, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=18),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=24, alignment=TA_CENTER, firstLineIndent=0),
        "h1": ParagraphStyle("h1", parent=base, fontSize=14, leading=22, firstLineIndent=0, spaceBefore=10, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11.5, leading=19, firstLineIndent=0, spaceBefore=6, spaceAfter=3),
    }


def _table(rows: list[list[str]], widths: list[float], styles: dict[str, object]) -> object:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    cells = [[Paragraph(str(cell), styles["cell"]) for cell in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _render(title: str, application: Application, story: list[object]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    def decorate(canvas: object, document: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(FONT, 8)  # type: ignore[attr-defined]
        canvas.drawString(20 * mm, A4[1] - 12 * mm, f"{application.title} · {title}")  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - 20 * mm, A4[1] - 12 * mm, f"申报编号 {application.id}")  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {document.page} 页　·　评审专用材料，注意保密")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=18 * mm,
        title=f"{application.title} {title}", author=application.applicant, subject=title, invariant=True,
    )  # fmt: skip
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def application_form(app: Application) -> bytes:
    """申报书: cover, basic facts, foundation, technology, mechanism, plan, budget (5+ pages)."""
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    register_fonts()
    s = _styles()
    facts = {fact["key"]: fact["value"] for fact in app.facts}
    story: list[object] = [
        Spacer(1, 120),
        Paragraph("广州市级制造业创新中心", s["subtitle"]),
        Paragraph("申　报　书", s["title"]),
        Spacer(1, 40),
        Paragraph(f"创新中心名称：{app.title}", s["subtitle"]),
        Paragraph(f"牵头单位（盖章）：{app.applicant}", s["subtitle"]),
        Paragraph(f"建设模式：{app.mode}", s["subtitle"]),
        Paragraph(f"所属领域：{app.industry}", s["subtitle"]),
        Spacer(1, 60),
        Paragraph("广州市工业和信息化局　制", s["subtitle"]),
        PageBreak(),
        Paragraph("一、基本情况", s["h1"]),
        _table([["项目", "内容"]] + [[fact["label"], fact["value"]] for fact in app.facts], [150, 330], s),
        PageBreak(),
        Paragraph("二、建设基础", s["h1"]),
        Paragraph(
            f"{app.applicant}成立于{facts['founded']}，注册于{facts['registered_in']}，长期从事{app.industry}领域的研究开发与产业化。"
            f"近三年销售收入分别为{facts['sales_3y']}，年均{facts['avg_sales']}，研发投入占销售收入比例平均为{facts['rd_ratio']}。",
            s["body"],
        ),
        Paragraph(
            f"单位现有研发人员{facts['rd_staff']}，拥有{facts['platforms']}等创新平台，研发与中试场地{facts['rd_space']}，"
            f"研发仪器设备原值{facts['equipment_value']}。累计拥有有效发明专利{facts['invention_patents']}，{facts['standards']}。",
            s["body"],
        ),
        Paragraph(
            f"在产学研合作方面，单位联合{facts['members']}，围绕产业链关键环节开展联合攻关、人才联合培养和成果转化，"
            "已形成较为稳定的合作机制和项目储备。",
            s["body"],
        ),
        Paragraph("三、技术方向与建设目标", s["h1"]),
    ]
    for index, (name, description) in enumerate(app.directions, 1):
        story += [Paragraph(f"（{'一二三四五六'[index - 1]}）{name}", s["h2"]), Paragraph(description, s["body"])]
        story.append(
            Paragraph(
                f"围绕{name}，创新中心将组建由首席科学家牵头的攻关团队，采用“揭榜挂帅”方式联合成员单位开展研发，"
                "按季度考核里程碑，成果优先在成员单位中试验证和应用推广。",
                s["body"],
            )
        )
    story += [
        PageBreak(),
        Paragraph("四、运行机制", s["h1"]),
        Paragraph(
            "创新中心实行理事会领导下的主任负责制。理事会由股东或合作单位代表组成，负责重大事项决策；"
            "技术专家委员会由行业知名专家组成，负责技术路线论证和项目评审；中心主任负责日常运营管理。",
            s["body"],
        ),
        Paragraph(
            "知识产权按照“谁投入、谁受益”的原则约定归属，共性技术成果在成员单位间优先许可使用，"
            "收益按出资与贡献比例分配；建立风险共担机制，重大项目由参与单位按比例分担研发风险。",
            s["body"],
        ),
        Paragraph("五、发展规划", s["h1"]),
        _table([["阶段", "主要目标"]] + [[phase, goal] for phase, goal in app.plan], [130, 350], s),
        Paragraph("六、公共服务", s["h1"]),
        Paragraph("面向行业提供以下公共服务：" + "；".join(app.services) + "。", s["body"]),
        PageBreak(),
        Paragraph("七、经费预算（万元）", s["h1"]),
        _budget_table(app, s),
        Spacer(1, 12),
        Paragraph(
            "本单位承诺：申报材料内容真实、准确、完整，如有虚假，愿承担相应责任；本单位未列入严重失信名单或联合惩戒名单，"
            "近三年无环境、安全、知识产权、税务等方面的违法行为。",
            s["body"],
        ),
        Spacer(1, 24),
        Paragraph(f"牵头单位（盖章）：{app.applicant}", s["plain"]),
        Paragraph("法定代表人（签字）：　　　　　　　　　日期：2025年　月　日", s["plain"]),
    ]
    return _render("申报书", app, story)


def _budget_table(app: Application, s: dict[str, object]) -> object:
    rows = [["支出科目", "股东出资", "自筹资金", "申请市级资金", "合计"]]
    totals = [0.0, 0.0, 0.0]
    for item, shareholders, own, requested in app.budget:
        rows.append([item, f"{shareholders:,.0f}", f"{own:,.0f}", f"{requested:,.0f}", f"{shareholders + own + requested:,.0f}"])
        totals = [totals[0] + shareholders, totals[1] + own, totals[2] + requested]
    rows.append(["合计", *(f"{t:,.0f}" for t in totals), f"{sum(totals):,.0f}"])
    return _table(rows, [150, 80, 80, 90, 80], s)


def financial_summary(app: Application) -> bytes:
    """近三年财务审计报告（摘要）: two pages of tables and auditor's notes."""
    from reportlab.platypus import PageBreak, Paragraph

    register_fonts()
    s = _styles()
    rows = [["年度", "营业收入（亿元）", "净利润（亿元）", "研发费用（亿元）", "研发费用占比"]]
    rows += [[str(y), f"{r:.2f}", f"{p:.2f}", f"{d:.2f}", f"{d / r:.1%}"] for y, r, p, d in app.sales]
    average = sum(r for _, r, _, _ in app.sales) / len(app.sales)
    story = [
        Paragraph("近三年财务审计报告（摘要）", s["title"]),
        Paragraph(f"被审计单位：{app.applicant}", s["plain"]),
        Paragraph("审计机构：广州正则会计师事务所（特殊普通合伙）　报告文号：正则审字〔2025〕第 0417 号", s["plain"]),
        Paragraph("一、主要财务数据", s["h1"]),
        _table(rows, [60, 100, 100, 100, 100], s),
        Paragraph(f"近三年年均营业收入 {average:.2f} 亿元。", s["body"]),
        Paragraph("二、审计意见", s["h1"]),
        Paragraph(
            "我们审计了后附的财务报表，包括各年度末的资产负债表、利润表、现金流量表和所有者权益变动表以及相关财务报表附注。"
            "我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了被审计单位的财务状况、经营成果和现金流量。",
            s["body"],
        ),
        PageBreak(),
        Paragraph("三、研发费用归集说明", s["h1"]),
        Paragraph(
            "研发费用按项目设立辅助账归集，包括人员人工费用、直接投入费用、折旧费用、无形资产摊销、新产品设计费和其他相关费用；"
            "与生产经营共用的人员和设备按工时比例分摊。近三年研发费用均已享受加计扣除政策，并经主管税务机关备案。",
            s["body"],
        ),
        Paragraph("四、或有事项与期后事项", s["h1"]),
        Paragraph("截至审计报告日，被审计单位不存在需要披露的重大或有事项和期后事项，无未决重大诉讼。", s["body"]),
        Paragraph("五、纳税情况", s["h1"]),
        _table(
            [["年度", "增值税（万元）", "企业所得税（万元）", "纳税信用等级"]]
            + [[str(y), f"{r * 10000 * 0.041:,.0f}", f"{p * 10000 * 0.12:,.0f}", "A"] for y, r, p, _ in app.sales],
            [80, 130, 130, 120],
            s,
        ),
    ]
    return _render("财务审计报告摘要", app, story)


def partners(app: Application) -> bytes:
    """联盟成员单位 / 合作单位 and the cooperation agreement's key clauses."""
    from reportlab.platypus import PageBreak, Paragraph

    register_fonts()
    s = _styles()
    alliance = app.mode.startswith("企业法人")
    title = "联盟成员单位及合作协议" if alliance else "合作单位及专职人员情况"
    rows = [["序号", "单位名称", "类型", "在创新中心中的角色"]] + [
        [str(i), m.name, m.kind, m.role] for i, m in enumerate(app.members, 1)
    ]
    clauses = [
        ("第一条　合作宗旨", f"各方围绕{app.industry}领域共性关键技术，共建{app.title}，实现资源共享、优势互补、风险共担、利益共享。"),
        ("第二条　组织机构", "设立理事会、技术专家委员会和中心办公室。理事会每半年至少召开一次会议，重大事项须经三分之二以上成员同意。"),
        ("第三条　知识产权", "合作前各方已有的知识产权归各自所有；合作中产生的知识产权按投入与贡献约定归属，成员单位享有优先许可使用权。"),
        ("第四条　成果转化", "成果转化收益在扣除成本后，按照研发团队不低于 50%、出资单位按比例分配的原则执行。"),
        ("第五条　保密义务", "各方对合作中获悉的技术秘密和商业秘密负有保密义务，保密期限为合作终止后五年。"),
        ("第六条　退出机制", "成员单位可书面申请退出，退出前应完成承担的研发任务并妥善处理知识产权与资产。"),
    ]
    story = [
        Paragraph(title, s["title"]),
        Paragraph("一、成员单位名单", s["h1"]),
        _table(rows, [35, 210, 80, 155], s),
        PageBreak(),
        Paragraph("二、合作协议主要条款", s["h1"]),
    ]
    for heading, text in clauses:
        story += [Paragraph(heading, s["h2"]), Paragraph(text, s["body"])]
    if not alliance:
        story += [
            Paragraph("三、专职工作人员", s["h1"]),
            Paragraph("创新中心配备专职工作人员 38 人，其中管理人员 6 人、研发人员 26 人、技术服务人员 6 人，均与牵头单位签订劳动合同并缴纳社保。", s["body"]),
        ]
    return _render(title, app, story)


def patents(app: Application) -> bytes:
    """知识产权与标准清单."""
    from reportlab.platypus import PageBreak, Paragraph

    register_fonts()
    s = _styles()
    rows = [["序号", "专利号", "发明名称", "授权日期", "权利人"]] + [
        [str(i), p.number, p.title, p.granted, app.applicant] for i, p in enumerate(app.patents, 1)
    ]
    facts = {fact["key"]: fact["value"] for fact in app.facts}
    story = [
        Paragraph("知识产权与标准清单", s["title"]),
        Paragraph(f"有效发明专利合计：{facts['invention_patents']}。下表列出与创新中心技术方向直接相关的代表性发明专利。", s["body"]),
        Paragraph("一、代表性发明专利", s["h1"]),
        _table(rows, [30, 110, 170, 65, 105], s),
        PageBreak(),
        Paragraph("二、标准制定情况", s["h1"]),
        Paragraph(facts["standards"] + "。", s["body"]),
        Paragraph("三、知识产权管理", s["h1"]),
        Paragraph(
            "单位通过知识产权管理体系认证，设有专职知识产权管理岗位，建立专利导航、风险预警和侵权应对机制，"
            "对核心技术实行专利池管理，并为成员单位提供专利分析与布局服务。",
            s["body"],
        ),
    ]
    return _render("知识产权与标准清单", app, story)


def site_plan(app: Application) -> bytes:
    """研发场地平面示意图 (PNG): labelled rooms drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1200, 800), "white")
    draw = ImageDraw.Draw(image)
    with resources.as_file(cjk_font()) as path:
        title_font = ImageFont.truetype(str(path), 34, index=0)
        label_font = ImageFont.truetype(str(path), 24, index=0)
    draw.text((40, 24), f"{app.title}　研发场地平面示意图", fill="black", font=title_font)
    rooms = [
        ((60, 100, 460, 380), "共性技术研发实验室", "#dbe9f6"),
        ((480, 100, 840, 380), "中试验证区", "#e4f2dc"),
        ((860, 100, 1140, 380), "检测与可靠性实验室", "#fbe8d3"),
        ((60, 400, 560, 700), "公共服务大厅 / 培训室", "#efe3f5"),
        ((580, 400, 1140, 700), "仪器设备区（恒温恒湿）", "#f7f3d6"),
    ]
    for box, label, colour in rooms:
        draw.rectangle(box, fill=colour, outline="#333333", width=3)
        draw.text((box[0] + 20, box[1] + 20), label, fill="#222222", font=label_font)
    facts = {fact["key"]: fact["value"] for fact in app.facts}
    draw.text((60, 730), f"场地面积：{facts['rd_space']}", fill="#444444", font=label_font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def materials(app: Application) -> list[tuple[str, str, bytes]]:
    """(file name, title, content) of every demo material of one application."""
    alliance = app.mode.startswith("企业法人")
    return [
        ("01-申报书.pdf", "申报书", application_form(app)),
        ("02-财务审计报告摘要.pdf", "近三年财务审计报告（摘要）", financial_summary(app)),
        ("03-成员单位.pdf", "联盟成员单位及合作协议" if alliance else "合作单位及专职人员情况", partners(app)),
        ("04-知识产权清单.pdf", "知识产权与标准清单", patents(app)),
        ("05-研发场地平面图.png", "研发场地平面示意图", site_plan(app)),
    ]
