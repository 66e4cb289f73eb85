"""networkx projection and traces over the sample graph."""

import pytest

from kg.errors import KGError
from kg.graph import find_node, format_chain, funding_flows, neighbourhood, project, trace_chains


@pytest.fixture(scope="module")
def g(oxigraph_store):
    return project(oxigraph_store)


def test_projection_has_typed_nodes_and_fact_edges(g):
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert types == {"Union", "Place", "Person", "Organisation", "Programme"}
    preds = {d["predicate"] for _, _, d in g.edges(data=True)}
    assert {"assists", "runs", "locatedIn", "partOf", "basedIn", "holdsPost"} <= preds
    assert all(d["quote"] for _, _, d in g.edges(data=True))


def test_trace_from_a_district_union_reaches_the_village_project(g):
    lines = {format_chain(g, c) for c in trace_chains(g, find_node(g, "西城区总工会"))}
    # union -> the village it helps -> the project in that village
    assert "西城区总工会 —帮扶→ 龙泉关村 —有项目→ 龙泉关村蔬菜大棚" in lines
    assert "西城区总工会 —帮扶→ 团结村 —有项目→ 团结村中草药种植项目" in lines


def test_trace_carries_amounts_and_years(g):
    lines = [format_chain(g, c) for c in trace_chains(g, find_node(g, "北京市总工会"))]
    assert any("张家口市总工会" in l and "100万元" in l and "2019" in l for l in lines)


def test_funding_flows_and_neighbourhood(g):
    flows = funding_flows(g)
    assert flows[("北京市总工会", "张家口市总工会")] == 1_000_000
    sub = neighbourhood(g, find_node(g, "汉中市总工会"), 1)
    assert {d["label"] for _, d in sub.nodes(data=True)} >= {"汉中市总工会", "双元村"}


def test_unknown_name_suggests_close_ones(g):
    with pytest.raises(KGError, match="西城区总工会"):
        find_node(g, "西城区总")
