"""The HTML page: offline, escaped, filterable; and a real browser opening it.

The browser tests drive Debian's headless Chromium (installed by `.ci/run`)
with Playwright; they skip when Chromium or Playwright is missing.  A
screenshot of the page is kept in `test-artifacts/`.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.graph import find_node, neighbourhood, project
from kg.viz import TYPE_COLOURS, page_data, render_html, write_html

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)> "quoted" \'single\' & more'


@pytest.fixture(scope="module")
def g(oxigraph_store):
    return project(oxigraph_store)


@pytest.fixture(scope="module")
def hostile_graph() -> nx.MultiDiGraph:
    """A two-node graph whose names and quote carry markup, as a hostile article could."""
    h = nx.MultiDiGraph()
    h.add_node("u", label="某某县总工会" + HOSTILE, type="Union", pinyin="mou", en=None, level=None, code=None, sources=[])
    h.add_node("p", label="某村<b>", type="Place", pinyin="cun", en=None, level="village", code=None, sources=[])
    h.add_edge("u", "p", key="f1", predicate="assists", label="帮扶", amount_yuan=50000.0, approximate=True, year=2020,
               role=None, article="标题" + HOSTILE, url="", quote="原文" + HOSTILE, start=0, end=4)
    return h


def _embedded_data(html: str) -> dict:
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S)
    assert m, "the page lost its data block"
    return json.loads(m.group(1))


def test_page_is_self_contained(g):
    html = render_html(g)
    # no script, stylesheet or image fetched from anywhere: everything inlined
    assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)\s*=", html, re.I)
    assert "vis.Network" in html and "vis-network" in html  # the library itself is in the page
    assert "cdn" not in re.sub(r"<script>.*?</script>|<style>.*?</style>", "", html, flags=re.S).lower()


def test_page_data_carries_types_facts_and_sources(g):
    data = page_data(g)
    assert len(data["nodes"]) == g.number_of_nodes()
    assert {t["type"] for t in data["types"]} == {d["type"] for _, d in g.nodes(data=True)}
    assert all(n["color"] == TYPE_COLOURS[n["type"]] for n in data["nodes"])
    # one drawn edge per connected pair, carrying every fact between them
    pairs = {(u, v) for u, v in g.edges()}
    assert len(data["edges"]) == len(pairs)
    assert sum(1 for n in data["nodes"] for f in n["facts"] if f["from"] == n["id"] and f["to"]) == g.number_of_edges()
    beijing = next(n for n in data["nodes"] if n["label"] == "北京市总工会")
    pairing = next(f for f in beijing["facts"] if f["toLabel"] == "张家口市总工会")
    assert (pairing["amount"], pairing["year"], pairing["predicate"]) == (1_000_000, 2019, "assists")
    assert pairing["quote"] and pairing["article"]
    assert pairing["href"].startswith("file://") and "#char=" in pairing["href"]
    assert beijing["pinyin"].startswith("bei jing")


def test_hostile_text_cannot_break_out_of_the_data_block(hostile_graph):
    html = render_html(hostile_graph, title='<title>"x"')
    assert '</script><script>alert("x")' not in html
    assert "<img src=x" not in html
    assert "<title>&lt;title&gt;&quot;x&quot;</title>" in html
    data = _embedded_data(html)
    labels = {n["label"] for n in data["nodes"]}
    assert "某某县总工会" + HOSTILE in labels  # the text survives intact, only escaped
    fact = data["nodes"][0]["facts"][0]
    assert fact["quote"] == "原文" + HOSTILE and fact["approximate"] is True


def test_focus_draws_the_neighbourhood_only(g, tmp_path):
    sub = neighbourhood(g, find_node(g, "西城区总工会"), 2)
    path = write_html(sub, tmp_path / "focus.html")
    labels = {n["label"] for n in _embedded_data(path.read_text(encoding="utf-8"))["nodes"]}
    assert "西城区总工会" in labels and "龙泉关村" in labels
    assert "托格拉克村" not in labels  # another article's village, not within two steps
    assert len(labels) < g.number_of_nodes()


def test_cli_viz_with_focus(oxigraph_store, tmp_path, monkeypatch):
    from kg import cli

    monkeypatch.setattr(cli, "_open", lambda store: oxigraph_store)
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli.app, ["viz", "--focus", "汉中市总工会", "--depth", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    labels = {n["label"] for n in _embedded_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert "双元村" in labels and "北京市总工会" not in labels
    bad = CliRunner().invoke(cli.app, ["viz", "--focus", "没有这个工会", "-o", str(tmp_path / "x.html")])
    assert bad.exit_code == 1 and "没有这个工会" in bad.output


# ----------------------------------------------------------------------------- in a real browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs Debian's chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: problems.append(f"network: {r.url}") if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    return page, problems


def _shown(page) -> tuple[int, int]:
    """(nodes the network draws, nodes in the data)."""
    return page.evaluate("() => [window.unionkg.network.body.nodeIndices.length, window.unionkg.nodes.length]")


def _click_node(page, label: str) -> None:
    """A real mouse click on the node drawn with this label."""
    x, y = page.evaluate(
        """label => {
            const k = window.unionkg; const n = k.nodes.get({filter: n => n.label === label})[0];
            k.network.focus(n.id, {scale: 3});  // zoomed in, so no neighbour lies under the pointer
            const p = k.network.canvasToDOM(k.network.getPositions([n.id])[n.id]);
            const r = document.querySelector('#network canvas').getBoundingClientRect();
            return [p.x + r.left, p.y + r.top]; }""",
        label,
    )
    page.mouse.click(x, y)


@pytest.mark.browser
def test_page_renders_searches_filters_and_shows_facts(browser, g, tmp_path):
    path = write_html(g, tmp_path / "graph.html")
    page, problems = _open(browser, path)
    drawn, total = _shown(page)
    assert drawn == total == g.number_of_nodes()
    # the canvas is really painted, not blank
    painted = page.evaluate("""() => { const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++;
        return n; }""")
    assert painted > 500

    page.fill("#search", "西城区总工会")
    drawn_after_search, _ = _shown(page)
    assert 1 < drawn_after_search < total
    assert "西城区总工会" in page.evaluate("() => window.unionkg.nodeView.get().map(n => n.label)")
    page.fill("#search", "")
    assert _shown(page)[0] == total

    places = sum(1 for _, d in g.nodes(data=True) if d["type"] == "Place")
    page.uncheck("#type-filter input[value=Place]")
    assert _shown(page)[0] == total - places
    assert "Place" not in page.evaluate("() => window.unionkg.nodeView.get().map(n => n.type)")
    page.check("#type-filter input[value=Place]")
    edges_before = page.evaluate("() => window.unionkg.network.body.edgeIndices.length")
    page.uncheck("#predicate-filter input[value=partOf]")
    assert page.evaluate("() => window.unionkg.network.body.edgeIndices.length") < edges_before
    page.check("#predicate-filter input[value=partOf]")

    _click_node(page, "北京市总工会")
    page.wait_for_selector("#panel h2")
    assert page.inner_text("#panel h2") == "北京市总工会"
    panel = page.inner_text("#panel")
    assert "张家口市总工会" in panel and "100万元" in panel and "2019" in panel and "bei jing" in panel
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("() => window.unionkg.network.fit()")
    page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert problems == []


@pytest.mark.browser
def test_hostile_article_text_is_shown_as_text(browser, hostile_graph, tmp_path):
    path = write_html(hostile_graph, tmp_path / "hostile.html")
    page, problems = _open(browser, path)
    _click_node(page, "某某县总工会" + HOSTILE)
    page.wait_for_selector("#panel blockquote")
    assert page.inner_text("#panel blockquote") == "原文" + HOSTILE
    assert page.evaluate("() => document.querySelectorAll('#panel script, #panel img, #panel b').length") == 0
    assert "约5万元" in page.inner_text("#panel")
    assert problems == []  # no alert dialog, no error, no request


# ----------------------------------------------------------------------------- campaigns

# our own sentences: two unions' local actions of one campaign, and the campaign named bare
_CAMPAIGN_ARTICLES = {
    "k1.txt": "临夏州总工会开展消费扶贫专项行动纪实\n\n今年以来，临夏州总工会组织机关职工用福利费消费扶贫，采购贫困村的土豆和牛肉。\n",
    "k2.txt": "近日，定西市总工会启动消费扶贫专项行动，号召会员购买农产品。\n",
    "k3.txt": "全国总工会号召各级工会积极参与消费扶贫，帮助农户打开销路。\n",
    "k4.txt": "入冬以后，宁陕县总工会以“冬日护路人”送温暖活动为载体，给公路养护工送去棉衣。\n",
}


@pytest.fixture(scope="module")
def campaign_graph():
    from kg.extract import extract
    from kg.ingest import article_from_bytes
    from kg.rdf import kb_to_dataset
    from kg.resolve import resolve
    from kg.store import OxigraphStore
    from kg.viz import annotate_campaigns

    kb = resolve([extract(article_from_bytes(t.encode("utf-8"), n)) for n, t in _CAMPAIGN_ARTICLES.items()])
    store = OxigraphStore(None)
    store.load(kb_to_dataset(kb))
    return annotate_campaigns(project(store), store)


def _campaign_id(data: dict, label: str) -> str:
    return next(c["id"] for c in data["campaigns"] if c["label"] == label)


def test_page_groups_local_programmes_under_their_campaign(campaign_graph):
    data = page_data(campaign_graph)
    by_id = {n["id"]: n for n in data["nodes"]}
    fupin, wennuan = _campaign_id(data, "消费扶贫"), _campaign_id(data, "送温暖")
    assert by_id[fupin]["shape"] == "star" and by_id[fupin]["campaign"] == fupin
    members = sorted(n["label"] for n in data["nodes"] if n["campaign"] == fupin and n["id"] != fupin)
    assert members == ["消费扶贫专项行动", "消费扶贫专项行动"]  # two unions' actions, two nodes
    assert [n["label"] for n in data["nodes"] if n["campaign"] == wennuan and n["id"] != wennuan] == ["冬日护路人"]
    links = {(e["from"], e["to"]) for e in data["edges"] if e["predicates"] == ["campaign"]}
    assert links == {(n["id"], n["campaign"]) for n in data["nodes"] if n["campaign"] not in ("", n["id"])}
    assert data["predicates"][-1]["predicate"] == "campaign"


@pytest.mark.browser
def test_page_filters_by_campaign(browser, campaign_graph, tmp_path):
    path = write_html(campaign_graph, tmp_path / "campaigns.html")
    page, problems = _open(browser, path)
    data = _embedded_data(path.read_text(encoding="utf-8"))
    total = _shown(page)[1]
    fupin = _campaign_id(data, "消费扶贫")
    page.select_option("#campaign-filter", fupin)
    shown = page.evaluate("() => window.unionkg.nodeView.get().map(n => n.label)")
    assert sorted(shown) == sorted(["消费扶贫", "消费扶贫专项行动", "消费扶贫专项行动", "临夏州总工会", "定西市总工会",
                                    "中华全国总工会"])
    assert _shown(page)[0] == len(shown) < total
    page.select_option("#campaign-filter", "")
    assert _shown(page)[0] == total
    assert problems == []
