"""Inspection rules before signing (result for every item, notes for 部分符合/不符合, what was
observed for a discrepancy, start and finish), warnings, the summary, and the repository."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewer_app import rubric
from reviewer_app.datadir import DataDir
from reviewer_app.org import demo_content
from reviewer_app.review import inspection_rules as rules
from reviewer_app.review.inspection import Evidence, InspectionState, ItemResult, Visit
from reviewer_app.review.inspection_rules import InspectionMissingKind as Kind
from reviewer_app.store.database import open_store
from reviewer_app.store.inspections import DuplicateEvidence, InspectionRepository
from reviewer_app.store.models import BundleRecord

BUNDLE = "bundle-rules-01"


def demo_spec() -> rubric.ReviewSpec:
    items = tuple(rubric.ChecklistItem(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})
                  for data in demo_content.CHECKLIST)
    facts = tuple(rubric.Fact(**fact) for fact in demo_content.ALLIANCE.facts)
    return rubric.ReviewSpec(fields=(rubric.Field("technical", "技术"),), stages=(), facts=facts,
                             rubric=rubric.Rubric(total=0, sections=()), checklist=rubric.Checklist(items))


def photo(number: int, item_id: str | None, kind: str = "image/jpeg") -> Evidence:
    moment = dt.datetime(2025, 6, 1, 9, number, tzinfo=dt.timezone.utc)
    return Evidence(number, item_id, f"{number}.jpg", kind, 10, f"{number:064d}", moment, None, "o", "d", 1, 1, moment)


def kinds(found: list) -> list[tuple[str, str]]:
    return [(str(m.kind), m.target) for m in found]


def test_untouched_inspection_asks_for_nothing() -> None:
    spec = demo_spec()
    state = InspectionState(BUNDLE)
    assert not state.begun
    assert rules.missing_items(spec.checklist, state) == [] and rules.warnings(spec.checklist, state) == []
    assert rules.missing_items(rubric.Checklist(), InspectionState(BUNDLE, site_notes="x")) == []


def test_begun_inspection_needs_every_result_notes_observations_and_times() -> None:
    spec = demo_spec()
    items = spec.checklist.items
    state = InspectionState(BUNDLE, results={"K01": ItemResult("符合")})
    missing = rules.missing_items(spec.checklist, state)
    assert kinds(missing)[0] == (Kind.STARTED, "")
    assert [t for k, t in kinds(missing) if k == Kind.RESULT] == [i.id for i in items[1:]]
    assert kinds(missing)[-1] == (Kind.FINISHED, "")
    assert "营业执照" not in " ".join(m.params.get("title", "") for m in missing), "K01 is done"

    start, finish = dt.datetime(2025, 6, 1, 9, tzinfo=dt.timezone.utc), dt.datetime(2025, 6, 1, 11, tzinfo=dt.timezone.utc)
    results = {item.id: ItemResult("符合") for item in items}
    results["K02"] = ItemResult("部分符合")
    results["K03"] = ItemResult("不符合", note="  ")
    results["K04"] = ItemResult("不适用")
    results["K05"] = ItemResult("符合", discrepancy=True)
    results["K06"] = ItemResult("并非允许的结果")
    state = InspectionState(BUNDLE, started_at=start, finished_at=finish, results=results)
    missing = rules.missing_items(spec.checklist, state)
    assert kinds(missing) == [(Kind.NOTE, "K02"), (Kind.NOTE, "K03"), (Kind.OBSERVED, "K05"), (Kind.RESULT, "K06")]
    assert missing[0].template.format(**missing[0].params) == "“研发与中试场地”: the result “部分符合” needs a note."

    results |= {"K02": ItemResult("部分符合", note="租赁合同已到期"), "K03": ItemResult("不符合", note="未见设备"),
                "K05": ItemResult("符合", observed="有效发明专利 128 件", discrepancy=True), "K06": ItemResult("符合")}
    done = InspectionState(BUNDLE, started_at=start, finished_at=finish, results=results)
    assert rules.missing_items(spec.checklist, done) == []
    backwards = InspectionState(BUNDLE, started_at=finish, finished_at=start, results=results)
    assert kinds(rules.missing_items(spec.checklist, backwards)) == [(Kind.FINISHED, "")]


def test_warnings_and_summary() -> None:
    spec = demo_spec()
    results = {"K01": ItemResult("符合"), "K02": ItemResult("部分符合", "n", "2.1 万平方米", True),
               "K03": ItemResult("不符合", "n"), "K09": ItemResult("符合")}
    state = InspectionState(BUNDLE, results=results, evidence=(
        photo(1, "K02"), photo(2, "K02", "application/pdf"), photo(3, "K09"), photo(4, None)))
    warned = kinds(rules.warnings(spec.checklist, state))
    assert (Kind.PHOTO, "K03") in warned and (Kind.DOCUMENT, "K03") in warned
    assert not any(t == "K02" for _, t in warned), "K02 has its photo and its document"
    assert (Kind.UNASSIGNED, "") in warned and (Kind.INSPECTORS, "") in warned

    summary = rules.summary(spec, state)
    assert summary.counts == {"符合": 2, "部分符合": 1, "不符合": 1, "不适用": 0}
    assert summary.answered == 4 and len(summary.unanswered) == 8
    assert [d.item.id for d in summary.discrepancies] == ["K02"]
    assert summary.discrepancies[0].claimed == (spec.fact("rd_space"),)
    assert summary.discrepancies[0].observed == "2.1 万平方米"
    assert "K02" not in {i.id for i in summary.without_evidence} and "K01" in {i.id for i in summary.without_evidence}
    assert (summary.evidence_count, summary.unassigned_count) == (4, 1)
    assert [f.key for f in rules.claimed_facts(spec, spec.checklist.item("K05"))] == ["invention_patents", "standards"]


@pytest.fixture
def repository(tmp_path):
    data_dir = DataDir(tmp_path / "data").create()
    store = open_store(data_dir.database)
    store.add_bundle(BundleRecord(bundle_id=BUNDLE, file_name="b.rvb", stored_path="bundles/b.rvb", application_name="测试",
                                  applicant="测试公司", imported_at=dt.datetime.now(dt.timezone.utc)))
    yield InspectionRepository(store.engine)
    store.close()


def test_repository_round_trip(repository: InspectionRepository) -> None:
    started = repository.start(BUNDLE)
    assert started.utcoffset() is not None
    repository.set_finished(BUNDLE, dt.datetime(2025, 6, 1, 11, 30))  # naive: this computer's local time
    repository.set_inspectors(BUNDLE, ["张伟", "  ", "李娜 "])
    repository.set_site_notes(BUNDLE, "上午九点抵达。\n第二行")
    repository.set_result(BUNDLE, "K02", "部分符合")
    repository.set_note(BUNDLE, "K02", "租赁合同已到期")
    repository.set_observed(BUNDLE, "K02", "约 2.1 万平方米")
    repository.set_discrepancy(BUNDLE, "K02", True)
    visit = repository.add_visit(BUNDLE, "K02", dt.datetime(2025, 6, 1, 9, 20, tzinfo=dt.timezone.utc))
    kept = dict(item_id="K02", file_name="a.jpg", media_type="image/jpeg", size=3, sha256="ab" * 32,
                captured_at=dt.datetime(2025, 6, 1, 9, 21, tzinfo=dt.timezone.utc), gps={"lat": 23.1, "lon": 113.3},
                stored_name="a.orig.age", display_name="a.display.age", width=4, height=3)
    evidence = repository.add_evidence(BUNDLE, **kept)
    with pytest.raises(DuplicateEvidence):
        repository.add_evidence(BUNDLE, **kept)

    state = repository.load(BUNDLE)
    assert state.started_at == started and state.finished_at == dt.datetime(2025, 6, 1, 11, 30).astimezone()
    assert state.inspectors == ("张伟", "李娜") and state.site_notes == "上午九点抵达。\n第二行"
    assert state.result("K02") == ItemResult("部分符合", "租赁合同已到期", "约 2.1 万平方米", True)
    assert state.result("K01") == ItemResult() and not state.result("K01").touched
    assert state.visits == (Visit(visit.id, "K02", dt.datetime(2025, 6, 1, 9, 20, tzinfo=dt.timezone.utc)),)
    assert state.evidence == (evidence,) and evidence.gps == {"lat": 23.1, "lon": 113.3}
    assert evidence.thumbnail_name == "a.thumb.age"
    assert repository.stored_files(BUNDLE) == {"a.orig.age", "a.display.age", "a.thumb.age"}

    repository.assign_evidence(evidence.id, None)
    assert repository.load(BUNDLE).unassigned() == [repository.evidence(evidence.id)]
    assert repository.remove_visit(visit.id) == visit and repository.remove_visit(visit.id) is None
    restored = repository.restore_visit(BUNDLE, visit)
    assert restored.at == visit.at and restored.item_id == "K02"
    repository.set_result(BUNDLE, "K02", None)
    repository.set_started(BUNDLE, None)
    assert repository.load(BUNDLE).result("K02").result is None and repository.load(BUNDLE).started_at is None
    removed = repository.remove_evidence(evidence.id)
    assert removed is not None and removed.sha256 == evidence.sha256 and repository.remove_evidence(evidence.id) is None
    assert repository.load(BUNDLE).evidence == ()


def test_plain_data_for_the_export() -> None:
    import json

    from reviewer_app.review.inspection import attachment_name, to_data

    start = dt.datetime(2025, 6, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    odd = photo(2, None)
    odd = type(odd)(**{**odd.__dict__, "file_name": "../../etc/passwd 照片.jpg"})
    state = InspectionState(BUNDLE, started_at=start, inspectors=("张伟",), results={"K02": ItemResult("符合", "n")},
                            evidence=(photo(1, "K02"), odd), visits=(Visit(1, "K02", start),))
    data = to_data(state, ["K01", "K02"])
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["held"] and data["started_at"] == "2025-06-01T09:00:00+08:00" and data["finished_at"] is None
    assert [i["id"] for i in data["items"]] == ["K01", "K02"] and data["items"][0]["result"] is None
    assert data["items"][1]["evidence"] == [photo(1, "K02").sha256] and data["items"][1]["visits"] == [start.isoformat()]
    assert attachment_name(odd).startswith("attachments/unplaced/") and "/" not in attachment_name(odd).split("/", 2)[2]
    assert ".." not in attachment_name(odd).split("/")


def test_items_of_other_fields_are_optional_for_this_expert() -> None:
    """The demo assigns the finance items (K10–K12) to the finance field: the technical expert
    need not answer them, the finance expert must; items assigned to no field are everyone's."""
    spec = demo_spec()
    finance_items = [i.id for i in spec.checklist.items if i.fields == ("finance",)]
    assert finance_items == ["K10", "K11", "K12"]
    start, finish = dt.datetime(2025, 6, 1, 9, tzinfo=dt.timezone.utc), dt.datetime(2025, 6, 1, 11, tzinfo=dt.timezone.utc)
    answered = {i.id: ItemResult("符合") for i in spec.checklist.items if i.id not in finance_items}
    state = InspectionState(BUNDLE, started_at=start, finished_at=finish, results=answered)
    assert rules.missing_items(spec.checklist, state, {"technical"}) == []
    assert [t for k, t in kinds(rules.missing_items(spec.checklist, state, {"finance"})) if k == Kind.RESULT] == finance_items
    assert [t for k, t in kinds(rules.missing_items(spec.checklist, state)) if k == Kind.RESULT] == finance_items
    # An optional item that is answered still follows the note rule.
    noted = InspectionState(BUNDLE, started_at=start, finished_at=finish, results={**answered, "K10": ItemResult("不符合")})
    assert kinds(rules.missing_items(spec.checklist, noted, {"technical"})) == [(Kind.NOTE, "K10")]


def test_a_checklist_item_naming_an_unknown_field_is_refused() -> None:
    data = rubric.to_data(demo_spec())
    data["checklist"]["items"][0]["fields"] = ["astrology"]
    field_problems = [p.message() for p in rubric.validate(rubric.parse(data)) if "K01" in p.message()]
    assert field_problems == ['Checklist item "K01" names the unknown field "astrology".']
    data["checklist"]["items"][0]["fields"] = ["technical"]
    spec = rubric.parse(data)
    assert not [p for p in rubric.validate(spec) if "K01" in p.message()] and spec.checklist.items[0].fields == ("technical",)
    assert rubric.to_data(spec)["checklist"]["items"][0]["fields"] == ["technical"]
    assert "fields" not in rubric.to_data(spec)["checklist"]["items"][1], "unassigned items keep their old form"
