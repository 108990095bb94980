"""The review definition model: parsing, every validation rule, scoring helpers, two jurisdictions."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from bundle_fixtures import small_spec

from reviewer_app import rubric
from reviewer_app.org import demo_content


def guangxi_spec() -> dict[str, Any]:
    """A Guangxi-style review (seed 001): five fields, other stages, quantified criteria, 60 points."""
    return {
        "fields": [
            {"id": "economy", "title": "经济"},
            {"id": "technology", "title": "技术"},
            {"id": "industry", "title": "产业"},
            {"id": "management", "title": "管理"},
            {"id": "banking", "title": "金融"},
        ],
        "stages": [{"id": "preliminary", "title": "初审评估"}, {"id": "site", "title": "现场考察"}, {"id": "accreditation", "title": "认定评审"}],
        "facts": [
            {"key": "rd_share", "label": "研发经费支出占主营业务收入比重", "value": 3.4},
            {"key": "founders", "label": "发起成员单位", "value": "5家"},
        ],
        "rubric": {
            "total": 60,
            "sections": [
                {
                    "id": "S1",
                    "title": "创新能力",
                    "maximum": 30,
                    "fields": ["technology", "industry"],
                    "criteria": [
                        {"id": "rd", "title": "研发经费支出占比不低于2%", "maximum": 10, "step": 1, "comment": {"rule": "below", "threshold": 6}},
                        {"id": "patents", "title": "有效发明专利", "maximum": 20, "step": 0.5, "fields": ["technology"]},
                    ],
                },
                {
                    "id": "S2",
                    "title": "运行与金融支撑",
                    "maximum": 30,
                    "fields": ["economy", "management", "banking"],
                    "criteria": [
                        {"id": "members", "title": "发起成员不少于3家", "maximum": 15},
                        {"id": "finance", "title": "投融资机制", "maximum": 15, "comment": {"rule": "above", "threshold": 13}},
                    ],
                },
            ],
            "vetoes": [{"id": "no-rd", "title": "研发经费支出占比低于2%", "guidance": "以审计报告为准"}],
        },
        "checklist": {"items": [{"section": "现场", "id": "C1", "title": "研发场地", "claims": ["rd_share"], "results": ["是", "否"], "results_requiring_note": ["否"]}]},
        "declarations": {"conflict_of_interest": "本人无利害关系。", "confidentiality": "本人承诺保密。"},
    }


def problems_of(data: dict[str, Any]) -> list[str]:
    try:
        return list(rubric.validate(rubric.parse(data)))
    except rubric.SpecInvalid as invalid:
        return list(invalid.problems)


def test_guangzhou_demo_rubric_is_valid_and_adds_up_to_100() -> None:
    for application in demo_content.APPLICATIONS:
        spec = rubric.load(
            {
                "fields": demo_content.FIELDS,
                "stages": demo_content.STAGES,
                "facts": application.facts,
                "rubric": demo_content.rubric_data(application),
                "checklist": {"items": demo_content.CHECKLIST},
            }
        )
        assert spec.rubric.total == 100
        assert {(s.raters, s.fields) for s in spec.rubric.sections} == {("all", ()), ("fields", ("technical", "industry")), ("fields", ("finance", "management", "industry"))}
        assert len(spec.rubric.vetoes) == 4
        assert all(c.bands and [b.label for b in c.bands] == ["优", "良", "中", "差"] for c in spec.rubric.criteria())
        assert {c.comment.kind for c in spec.rubric.criteria()} == {"always", "below", "above"}
        assert spec.field_named("技术") == rubric.Field("technical", "技术")


def test_guangxi_rubric_with_five_fields_works_unchanged() -> None:
    spec = rubric.load(guangxi_spec())
    assert [f.title for f in spec.fields] == ["经济", "技术", "产业", "管理", "金融"]
    assert [s.title for s in spec.stages] == ["初审评估", "现场考察", "认定评审"]
    assert spec.rubric.criterion("patents").fields == ("technology",)
    assert spec.rubric.criterion("members").fields == ("economy", "management", "banking")  # inherited from the section
    assert [c.id for c in spec.rubric.criteria_for_field("banking")] == ["members", "finance"]
    assert spec.fact("rd_share").value == "3.4"  # numbers in TOML become text facts
    assert spec.checklist.item("C1").results == ("是", "否")


def test_defaults_are_filled_in() -> None:
    spec = rubric.load(small_spec())
    item = spec.checklist.item("K2")
    assert item.results == ("符合", "部分符合", "不符合", "不适用")
    assert item.results_requiring_note == ("部分符合", "不符合")
    assert spec.declarations.conflict_of_interest.startswith("本人")
    assert spec.rubric.criterion("F1").step == 1 and spec.rubric.criterion("F1").comment.kind == "none"


def test_a_conditional_recommendation_is_read_and_written_only_where_set() -> None:
    data = copy.deepcopy(small_spec())
    data["rubric"]["recommendations"].insert(1, {"id": "revise", "title": "修改完善后推荐", "conditional": True})
    spec = rubric.load(data)
    assert [(r.id, r.conditional) for r in spec.rubric.recommendations] == [("yes", False), ("revise", True), ("no", False)]
    written = rubric.to_data(spec)["rubric"]["recommendations"]
    assert written == [{"id": "yes", "title": "推荐"}, {"id": "revise", "title": "修改完善后推荐", "conditional": True}, {"id": "no", "title": "不推荐"}]
    assert rubric.load(rubric.to_data(spec)) == spec
    assert [r.id for r in rubric.load(demo_content_spec()).rubric.recommendations if r.conditional] == ["recommend-after-revision"]


def demo_content_spec() -> dict[str, Any]:
    application = demo_content.APPLICATIONS[0]
    return {"fields": demo_content.FIELDS, "stages": demo_content.STAGES, "facts": application.facts,
            "rubric": demo_content.rubric_data(application), "checklist": {"items": demo_content.CHECKLIST}}


def test_round_trip_through_plain_data() -> None:
    for data in (small_spec(), guangxi_spec()):
        spec = rubric.load(data)
        assert rubric.load(rubric.to_data(spec)) == spec


def test_score_helpers() -> None:
    spec = rubric.load(small_spec())
    t1, t2 = spec.rubric.criterion("T1"), spec.rubric.criterion("T2")
    assert rubric.score_is_valid(t1, 7.5) and rubric.score_is_valid(t1, 0) and rubric.score_is_valid(t1, 8)
    for bad in (8.5, -0.5, 7.25, float("nan"), float("inf"), True, "7", None):
        assert not rubric.score_is_valid(t1, bad)
    assert not rubric.score_is_valid(t2, 2.5) and rubric.score_is_valid(t2, 3)
    assert rubric.band_for(t1, 6.5).label == "良"  # type: ignore[union-attr]
    assert rubric.band_for(t1, 3.5).label == "差"  # type: ignore[union-attr]
    assert rubric.comment_required(t1, 3.5) and not rubric.comment_required(t1, 4)
    assert rubric.comment_required(t2, None) and rubric.comment_required(t2, 4)
    above = rubric.load(guangxi_spec()).rubric.criterion("finance")
    assert rubric.comment_required(above, 14) and not rubric.comment_required(above, 13)
    assert rubric.format_score(8.0) == "8" and rubric.format_score(7.5) == "7.5"


def _broken(mutate: Any) -> list[str]:
    data = copy.deepcopy(small_spec())
    mutate(data)
    return problems_of(data)


def _section(data: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return data["rubric"]["sections"][index]


def _criterion(data: dict[str, Any], section: int = 0, index: int = 0) -> dict[str, Any]:
    return _section(data, section)["criteria"][index]


BROKEN = {
    "duplicate criterion id": (lambda d: _criterion(d, 0, 1).update(id="T1"), 'The rubric id "T1" is used 2 times.'),
    "criterion id equals section id": (lambda d: _criterion(d, 1, 0).update(id="F"), 'The rubric id "F" is used 2 times.'),
    "bad id characters": (lambda d: _criterion(d).update(id="T 1"), 'The rubric id "T 1" is not valid'),
    "maximum not multiple of step": (lambda d: _criterion(d, 0, 1).update(maximum=3.5), 'Criterion "T2" has maximum 3.5, which is not a positive multiple of its step 1.'),
    "step not 1 or 0.5": (lambda d: _criterion(d, 0, 1).update(step=0.25), 'Criterion "T2" has step 0.25; the step must be 1 or 0.5.'),
    "criteria do not add up to section": (lambda d: _section(d).update(maximum=13), 'The criteria of section "T" add up to 12, but the section maximum is 13.'),
    "sections do not add up to total": (lambda d: d["rubric"].update(total=25), "The section maxima add up to 20, but the rubric total is 25."),
    "unknown field in section": (lambda d: _section(d).update(fields=["legal"]), 'Section "T" names the unknown field "legal".'),
    "unknown field in criterion": (lambda d: _criterion(d).update(fields=["economy"]), 'Criterion "T1" names the unknown field "economy".'),
    "criterion without field": (lambda d: _criterion(d).update(fields=[]), 'Criterion "T1" names no field of experts who score it.'),
    "band gap": (lambda d: _criterion(d)["bands"][1].update(min=6), 'The bands of criterion "T1" leave a gap at 5.5.'),
    "band overlap": (lambda d: _criterion(d)["bands"][1].update(max=7), 'The bands of criterion "T1" overlap at 7.'),
    "bands stop short": (lambda d: _criterion(d)["bands"][0].update(max=7.5), "end at 7.5, not at its maximum 8."),
    "band above maximum": (lambda d: _criterion(d)["bands"][0].update(max=9), 'Band "优" of criterion "T1" (7–9) is not a range of scores between 0 and 8.'),
    "band not starting at zero": (lambda d: _criterion(d)["bands"][3].update(min=1), 'The bands of criterion "T1" leave a gap at 0.'),
    "repeated band label": (lambda d: _criterion(d)["bands"][1].update(label="优"), 'repeated band label "优"'),
    "threshold out of range": (lambda d: _criterion(d).update(comment={"rule": "below", "threshold": 9}), 'Criterion "T1" needs a comment threshold between 0 and its maximum 8.'),
    "threshold missing": (lambda d: _criterion(d).update(comment={"rule": "above"}), 'Criterion "T1" needs a comment threshold'),
    "threshold without rule": (lambda d: _criterion(d).update(comment={"rule": "always", "threshold": 3}), "gives a comment threshold"),
    "unknown comment rule": (lambda d: _criterion(d).update(comment="sometimes"), "The comment rule in criterion \"T1\" must be one of none, always, below, above."),
    "veto without title": (lambda d: d["rubric"]["vetoes"].append({"id": "V2", "title": " "}), 'Veto item "V2" has no title.'),
    "duplicate veto id": (lambda d: d["rubric"]["vetoes"].append({"id": "V1", "title": "x"}), 'The rubric id "V1" is used 2 times.'),
    "veto item not a table": (lambda d: d["rubric"]["vetoes"].append("V3"), "veto item #2 of the rubric must be a table of settings."),
    "checklist claim of unknown fact": (lambda d: d["checklist"]["items"][0].update(claims=["profit"]), 'refers to the unknown fact "profit".'),
    "note for unknown result": (lambda d: d["checklist"]["items"][0].update(results_requiring_note=["差"]), 'requires a note for "差"'),
    "unknown evidence kind": (lambda d: d["checklist"]["items"][0].update(evidence=["video"]), 'expects evidence "video"'),
    "duplicate field id": (lambda d: d["fields"].append({"id": "finance", "title": "金融"}), 'The field id "finance" is used 2 times.'),
    "maximum is text": (lambda d: _criterion(d).update(maximum="8"), '"maximum" in criterion "T1" must be a number between'),
    "missing maximum": (lambda d: _criterion(d).pop("maximum"), 'criterion "T1" is missing "maximum".'),
    "unknown setting (typo)": (lambda d: _criterion(d).update(maxmum=8), 'criterion "T1" has an unknown setting "maxmum".'),
    "missing rubric": (lambda d: d.pop("rubric"), "The review definition has no rubric."),
    "negative opinion length": (lambda d: d["rubric"].update(opinion_min_length=-1), "The minimum opinion length cannot be negative."),
    "conditional not true or false": (lambda d: d["rubric"]["recommendations"][0].update(conditional="yes"), '"conditional" in recommendation "yes" must be true or false.'),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_problem_is_named(case: str) -> None:
    mutate, expected = BROKEN[case]
    problems = _broken(mutate)
    assert any(expected in problem for problem in problems), problems


def test_every_problem_is_listed_at_once() -> None:
    def break_many(d: dict[str, Any]) -> None:
        d["rubric"]["total"] = 30
        _criterion(d, 0, 1)["id"] = "T1"
        _section(d, 1)["fields"] = ["legal"]
        d["checklist"]["items"][1]["evidence"] = ["video"]

    problems = _broken(break_many)
    assert len(problems) >= 4
    assert all(isinstance(p, rubric.Problem) and p.endswith(".") for p in problems)


def test_shape_problems_are_all_collected_before_validation() -> None:
    def break_shapes(d: dict[str, Any]) -> None:
        _criterion(d)["maximum"] = "eight"
        _criterion(d, 1, 0)["title"] = 5
        d["checklist"]["items"][0]["claims"] = "sales_3y"

    with pytest.raises(rubric.SpecInvalid) as caught:
        rubric.parse(_broken_copy(break_shapes))
    assert len(caught.value.problems) == 3
    assert "3 problem(s)" in caught.value.message()


def _broken_copy(mutate: Any) -> dict[str, Any]:
    data = copy.deepcopy(small_spec())
    mutate(data)
    return data


def test_problems_carry_translatable_templates() -> None:
    problem = _broken(lambda d: d["rubric"].update(total=25))[0]
    assert isinstance(problem, rubric.Problem)
    assert problem.template == "The section maxima add up to {sum}, but the rubric total is {total}."
    assert problem.message(lambda context, text: "分项合计 {sum}，总分 {total}。") == "分项合计 20，总分 25。"


@pytest.mark.parametrize("garbage", [None, [], "rubric", 42, {"rubric": []}, {"fields": "技术", "rubric": {}}])
def test_garbage_is_refused_with_problems_not_exceptions(garbage: Any) -> None:
    with pytest.raises(rubric.SpecInvalid) as caught:
        rubric.load(garbage)
    assert caught.value.problems
