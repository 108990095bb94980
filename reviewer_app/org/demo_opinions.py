"""OUT/opinions/: the panel's signed group opinion for every demo application (issue 17).

Made through the same core as in the app (org/opinion_draft.py, panel/opinion.py): the leader
(陈志远, the technical expert) drafts and freezes, every member signs with their own key, the
leader assembles. The alliance application: 周海峰 recused, everyone else agrees. The self-built
application: 黄建国's veto V5 is dismissed by the panel and he dissents in writing; 林晓梅's
re-check on D2 was answered by an amendment (her revision 2). OUT/opinions/work/ keeps the
frozen drafts, the members' signature files and the re-check request and answer, so the exchange can be replayed by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reviewer_app import durable
from reviewer_app.org import aggregate, demo_content, demo_scores
from reviewer_app.org import sealed as ledger
from reviewer_app.org import opinion_draft as drafts
from reviewer_app.panel import opinion as opinions
from reviewer_app.panel import recheck

OPINIONS_DIR = "opinions"
LEADER = "chen-zhiyuan"
DISSENTER = ("GZ-2025-ZZ-07", "huang-jianguo")
DISSENT_REASON = "本人认为申报单位未能证明配备专职工作人员，否决项 V5 应予确认；对专家组不予认定的结论持保留意见。"
TEXTS = {
    "GZ-2025-ZZ-03": dict(
        conclusion_id="recommend",
        strengths="联盟成员覆盖产业链上下游，共性技术平台已具备运行条件，运营公司治理结构清晰。",
        weaknesses="成果转化收益分配机制尚需细化，部分成员单位投入承诺缺少书面文件。",
    ),
    "GZ-2025-ZZ-07": dict(
        conclusion_id="recommend-after-revision",
        strengths="牵头单位研发投入持续增长，关键技术方向明确，与医疗机构合作基础较好。",
        weaknesses="专职运营团队的组成说明不足，开放共享机制偏原则。",
        conditions="补充专职工作人员名单、劳动合同和社保缴纳记录；细化共性技术开放许可办法后报组织单位备案。",
    ),
}


def _entries(documents: list[tuple[Any, str]], spec: object) -> list[aggregate.Entry]:
    return [aggregate.Entry(f"{doc.expert.name}-r{doc.revision.number}.rvs", doc, sha, spec) for doc, sha in documents]


def _rulings(application_id: str) -> list[drafts.VetoRuling]:
    found = [(aid, veto) for (aid, _), (veto, _) in demo_scores.VETOES.items() if aid == application_id]
    return [drafts.VetoRuling(veto, drafts.DISMISSED, "申报单位在答辩中补充提交了专职人员花名册（23 人）及劳动合同，专家组多数认为该项不构成否决。") for _, veto in found]


def _rechecks(application_id: str, documents: list[tuple[Any, str]], experts: dict[str, Any], record: Any, work: Path, now: dt.datetime) -> list[drafts.Recheck]:
    """The leader's signed request and the member's signed answer (her amended revision), as files
    in OUT/opinions/work/, and the opinion's record of them."""
    found = []
    leader, leader_key = experts[LEADER]
    panel = [m.fingerprint for m in record.panel]
    for (aid, expert_id), (criterion, _, reason) in demo_scores.AMENDMENTS.items():
        if aid != application_id:
            continue
        member, member_key = experts[expert_id]
        doc, sha = max(((d, h) for d, h in documents if d.expert.fingerprint == member.fingerprint), key=lambda pair: pair[0].revision.number)
        question = f"您对 {criterion} 的评分与专家组中位数相差较大，请结合答辩补充材料复核。"
        request_file = recheck.make_request(
            bundle_id=record.bundle_id, application_id=application_id, panel=panel, criteria=[criterion], member=member.fingerprint,
            question=question, certificate=leader.certificate, private_key=leader_key, now=now - dt.timedelta(hours=2),
        )  # fmt: skip
        durable.write_bytes(work / f"{application_id}-{expert_id}{recheck.REQUEST_SUFFIX}", request_file)
        request = recheck.read_request(request_file, bundle_id=record.bundle_id, application_id=application_id, panel=panel, file="request")
        answer_file = recheck.make_answer(request, answer=recheck.AMENDMENT, revision=doc.revision.number, score_sha256=sha,
                                          certificate=member.certificate, private_key=member_key, now=now - dt.timedelta(hours=1))  # fmt: skip
        durable.write_bytes(work / f"{application_id}-{expert_id}{recheck.ANSWER_SUFFIX}", answer_file)
        answer = recheck.read_answer(answer_file, request, "answer")
        found.append(drafts.Recheck(**answer.record(reason)))
    return found


def make_opinions(root: Path, entries: dict[str, list[tuple[Any, str]]], experts: dict[str, Any], now: dt.datetime) -> None:
    """experts: demo expert id -> (PublicIdentity, private key)."""
    out = root / OPINIONS_DIR
    work = out / "work"
    by_fingerprint = {public.fingerprint: (expert_id, public, key) for expert_id, (public, key) in experts.items()}
    certificates = {fp: public.certificate for fp, (_, public, _) in by_fingerprint.items()}
    for application in demo_content.APPLICATIONS:
        bundle_id = next(b for b, docs in entries.items() if docs[0][0].application.id == application.id)
        record = ledger.load_record(root / "org", bundle_id)
        assert record is not None  # recorded by _make_packages
        documents = entries[bundle_id]
        opinion = drafts.build(
            record, _entries(documents, record.spec), leader=experts[LEADER][0].fingerprint,
            veto_rulings=_rulings(application.id), rechecks=_rechecks(application.id, documents, experts, record, work, now), drafted_at=now,
            **TEXTS[application.id],
        )  # fmt: skip
        frozen = opinions.freeze(opinion)
        durable.write_bytes(work / f"{application.id}{opinions.DRAFT_SUFFIX}", frozen)
        signature_files = []
        for fingerprint in opinions.required_signers(opinion):
            expert_id, public, key = by_fingerprint[fingerprint]
            dissent = (application.id, expert_id) == DISSENTER
            data = opinions.sign(
                frozen, decision=opinions.DISSENT if dissent else opinions.AGREE, reason=DISSENT_REASON if dissent else "",
                certificate=public.certificate, private_key=key, name=public.profile.name, now=now + dt.timedelta(minutes=10),
            )  # fmt: skip
            name = f"{application.id}-{expert_id}{opinions.SIGNATURE_SUFFIX}"
            durable.write_bytes(work / name, data)
            signature_files.append((name, data))
        final = opinions.assemble(frozen, signature_files, certificates)
        durable.write_bytes(out / f"{application.id}-专家组意见{opinions.FINAL_SUFFIX}", final)
