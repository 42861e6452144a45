"""Hand-worked checks of the reference figures (run: python3 -m pytest Tools/reference -q).

Every expected number is worked out by hand in the comments from the formulas of
DESIGN.md §3 (version 2), not taken from the code's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import chokepoint_nx as cp  # noqa: E402
import compare  # noqa: E402

XSD = HERE.parents[1] / "Sources/SupplyXML/Resources/supply-chain.xsd"


def write(tmp_path: Path, body: str, name: str = "chain.xml") -> str:
    p = tmp_path / name
    p.write_text(f'<supplyChain xmlns="urn:chokepoint:supply-chain:1" name="t">\n{body}\n</supplyChain>\n')
    return str(p)


def run(cmd: str, files: list[str], *opts: str) -> dict:
    out = subprocess.run([sys.executable, str(HERE / "chokepoint_nx.py"), cmd, *files, *opts],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in rows}


# --- 1. hidden single point of failure -----------------------------------------------------

HIDDEN = """
  <system id="x" demand="10"><uses item="p" quantity="1"/></system>
  <component id="p"><uses item="m" quantity="2"/></component>
  <material id="m" unit="kg"/>
  <supplier id="a" country="DE">
    <supplies item="p" share="0.5"><sourcedFrom item="m" suppliers="s1"/></supplies>
  </supplier>
  <supplier id="b" country="FR">
    <supplies item="p" share="0.5"><sourcedFrom item="m" suppliers="s1"/></supplies>
  </supplier>
  <supplier id="s1" country="CN"><supplies item="m" share="0.6"/></supplier>
  <supplier id="s2" country="AU"><supplies item="m" share="0.4"/></supplier>
"""


def test_hidden_spof_through_sourced_from(tmp_path):
    f = write(tmp_path, HIDDEN)
    r = run("report", [f])
    x = by_id(r["systems"])["x"]
    # x is made in house from p; p is dual-sourced (a, b), m is dual-sourced (s1, s2).
    # K(a->p) = {a} ∪ K_e(m) = {a} ∪ K(s1->m) = {a, s1}; K(b->p) = {b, s1};
    # K(p) = {a, s1} ∩ {b, s1} = {s1}; K(x) = K(p) = {s1}. Countries alike: {DE,CN}∩{FR,CN}.
    assert x["singlePointsOfFailure"] == {"suppliers": ["s1"], "countries": ["CN"]}
    items = by_id(r["items"])
    assert items["p"]["suppliers"] == 2 and not items["p"]["singleSource"]
    assert items["m"]["suppliers"] == 2 and not items["m"]["singleSource"]

    # Losing s1: m still has s2 (lost 0.6), but both makers of p are tied to s1.
    w = run("whatif", [f], "--without-supplier", "s1")
    assert w["scenario"] == {"withoutSupplier": ["s1"]}
    it = by_id(w["items"])
    # φ(m) = 0.6·0 + 0.4·1 = 0.4; both edges into p take m from s1 only: φ_e(m) = φ(s1->m) = 0,
    # so φ(p) = 0; x (in house) = min(φ(p)) = 0.
    assert it["m"] == {"id": "m", "available": True, "lostShare": 0.6, "supplyFraction": pytest.approx(0.4)}
    assert it["p"] == {"id": "p", "available": False, "lostShare": 1.0, "supplyFraction": 0.0}
    assert it["x"]["available"] is False and it["x"]["lostShare"] == 0.0  # no supply edges
    # p is unavailable although its only child m is available: p is where it breaks.
    assert w["blockingItems"] == ["p"]
    assert w["systems"] == [{"id": "x", "available": False, "supplyFraction": 0.0, "state": "falls"}]


def test_without_sourced_from_there_is_no_spof(tmp_path):
    f = write(tmp_path, HIDDEN.replace('<sourcedFrom item="m" suppliers="s1"/>', ""))
    x = by_id(run("report", [f])["systems"])["x"]
    # K(a->p) = {a} ∪ K(m) = {a} ∪ ({s1} ∩ {s2}) = {a}; K(p) = {a} ∩ {b} = {}.
    assert x["singlePointsOfFailure"] == {"suppliers": [], "countries": []}


# --- 2./3. shares: missing, below 1, all zero, duplicate edges ----------------------------


def test_missing_shares_split_the_remainder(tmp_path):
    f = write(tmp_path, """
  <material id="m"/>
  <supplier id="a" country="CN"><supplies item="m" share="0.5"/></supplier>
  <supplier id="b" country="CN"><supplies item="m"/></supplier>
  <supplier id="c" country="US"><supplies item="m"/></supplier>
""")
    m = by_id(run("report", [f])["items"])["m"]
    # b and c split 1 - 0.5 equally: 0.25 each; sum 1, so ŵ = 0.5, 0.25, 0.25.
    # cs(CN) = 0.75, cs(US) = 0.25; hhi = 75² + 25² = 5625 + 625 = 6250;
    # by supplier 50² + 25² + 25² = 3750; nonEU = 1; CRMA: 0.75 >= 0.65 (CN, a material).
    assert m["countryShares"] == {"CN": 0.75, "US": 0.25}
    assert m["hhi"] == pytest.approx(6250)
    assert m["supplierHHI"] == pytest.approx(3750)
    assert m["nonEUShare"] == pytest.approx(1.0)
    assert m["crma65"] is True
    assert m["coverage"] == 0.5  # only the given share counts
    assert m["suppliers"] == 3 and m["singleCountry"] is False


def test_missing_share_gets_nothing_when_given_shares_exceed_one(tmp_path):
    f = write(tmp_path, """
  <material id="m"/>
  <supplier id="a" country="DE"><supplies item="m" share="0.6"/></supplier>
  <supplier id="b" country="FR"><supplies item="m" share="0.5"/></supplier>
  <supplier id="c" country="CN"><supplies item="m"/></supplier>
""")
    m = by_id(run("report", [f])["items"])["m"]
    # remainder max(0, 1 - 1.1) = 0 for c; then divide by 1.1: 6/11, 5/11, 0.
    assert m["countryShares"]["DE"] == pytest.approx(6 / 11)
    assert m["countryShares"]["FR"] == pytest.approx(5 / 11)
    assert m["countryShares"]["CN"] == 0.0  # listed although 0
    assert m["coverage"] == pytest.approx(1.1)
    assert m["nonEUShare"] == 0.0


def test_shares_summing_below_one_are_not_scaled_up(tmp_path):
    # version 1 scaled m up to 0.6/0.4 and n to 0.65/0.35 (a false CRMA flag); version 2 keeps
    # the given shares and puts the rest under "unknown" as the unattributed share u.
    f = write(tmp_path, """
  <material id="m"/>
  <material id="n"/>
  <material id="z"/>
  <material id="o"/>
  <material id="q"/>
  <material id="k"/>
  <supplier id="a" country="CN"><supplies item="m" share="0.3"/><supplies item="n" share="0.13"/></supplier>
  <supplier id="b" country="DE"><supplies item="m" share="0.2"/><supplies item="n" share="0.07"/></supplier>
  <supplier id="c" country="CN"><supplies item="z" share="0"/><supplies item="o" share="0.6"/></supplier>
  <supplier id="d" country="DE"><supplies item="z" share="0"/><supplies item="o" share="0.5"/></supplier>
  <supplier id="e" country="DE"><supplies item="q" share="0.5"/><supplies item="k" share="1"/></supplier>
  <supplier id="f" country="FR"><supplies item="q" share="0.4999999999995"/></supplier>
  <supplier id="g"><supplies item="k" share="0"/></supplier>
""")
    items = by_id(run("report", [f])["items"])
    m, n, z, o, q, k = (items[i] for i in "mnzoqk")
    # m: 0.3 + 0.2 = 0.5 < 1, all given -> kept; u = 0.5 under "unknown".
    # hhi = 30² + 20² + 50² = 900 + 400 + 2500 = 3800; nonEU = 0.3 + 0.5 = 0.8; 0.3 < 0.65.
    assert m["countryShares"] == {"CN": 0.3, "DE": 0.2, "unknown": 0.5}
    assert m["unattributed"] == 0.5 and m["coverage"] == 0.5
    assert m["hhi"] == pytest.approx(3800)
    # by supplier: a 0.3, b 0.2, u 0.5 as one pseudo-supplier -> the same 3800
    assert m["supplierHHI"] == pytest.approx(3800)
    assert m["nonEUShare"] == pytest.approx(0.8)
    assert m["crma65"] is False
    # x(m) = 0.3·1 (CN) + 0.2·0 (DE, no inputs) + u 0.5 = 0.8; controlled outside: 0.3 + 0.5.
    assert m["nonEUExposure"] == pytest.approx(0.8)
    assert m["nonEUControlledShare"] == pytest.approx(0.8)
    # EU only: a fails, u is lost (the scenario fails unknown origin): φ(m) = 0.2.
    assert m["euOnlySupplyFraction"] == pytest.approx(0.2)
    # n: CN 0.13, DE 0.07, u = 1 - 0.2 = 0.8: no CRMA flag (scaled up it would be 0.65).
    assert n["countryShares"] == {"CN": 0.13, "DE": 0.07, "unknown": pytest.approx(0.8)}
    assert n["crma65"] is False
    # z: every share 0 -> equal split 0.5/0.5, u = 0; coverage 0.
    assert z["countryShares"] == {"CN": 0.5, "DE": 0.5}
    assert z["unattributed"] == 0 and z["coverage"] == 0.0
    # o: all given, 0.6 + 0.5 = 1.1 > 1 -> divided by 1.1: 6/11, 5/11; u = 0.
    assert o["countryShares"] == {"CN": pytest.approx(6 / 11), "DE": pytest.approx(5 / 11)}
    assert o["unattributed"] == 0 and o["coverage"] == pytest.approx(1.1)
    # q: 0.5 + 0.4999999999995 = 1 - 5e-13 >= 1 - 1e-9: kept as given, u = 0, no unknown key.
    assert set(q["countryShares"]) == {"DE", "FR"} and q["unattributed"] == 0
    # k: DE 1, g (unknown origin) 0: sum 1, u = 0; "unknown" listed at 0 (an edge from g).
    assert k["countryShares"] == {"DE": 1.0, "unknown": 0.0}
    assert k["suppliers"] == 2 and k["singleSource"] is False and k["singleCountry"] is False


def test_duplicate_edges_from_one_supplier_are_one_edge(tmp_path):
    # version 1 counted a -> m twice (0.6 in all); version 2 merges the pair into one edge.
    f = write(tmp_path, """
  <material id="m"/>
  <supplier id="a" country="CN"><supplies item="m" share="0.3"/><supplies item="m" share="0.3"/></supplier>
  <supply supplier="b" item="m" share="0.4"/>
  <supplier id="b" country="CL"/>
""")
    m = by_id(run("report", [f])["items"])["m"]
    # one edge a 0.3, one edge b 0.4: 0.7 all given -> u = 0.3.
    # supplierHHI = 30² + 40² + 30² (u) = 900 + 1600 + 900 = 3400.
    assert m["suppliers"] == 2
    assert m["supplierHHI"] == pytest.approx(3400)
    assert m["countryShares"] == {"CL": 0.4, "CN": 0.3, "unknown": pytest.approx(0.3)}
    assert m["coverage"] == pytest.approx(0.7)
    assert m["crma65"] is False  # 0.3 < 0.65


# --- 4. in-house item and unmapped leaf ---------------------------------------------------


def test_in_house_item_and_unmapped_leaf(tmp_path):
    f = write(tmp_path, """
  <system id="x"><uses item="h" quantity="1"/></system>
  <component id="h"><uses item="leaf" quantity="1"/><uses item="m" quantity="1"/></component>
  <material id="leaf"/>
  <material id="m"/>
  <supplier id="cn1" country="CN"><supplies item="m"/></supplier>
""")
    r = run("report", [f])
    items = by_id(r["items"])
    h, leaf, m = items["h"], items["leaf"], items["m"]
    for it in (h, leaf, items["x"]):  # no supply edges
        assert it["suppliers"] == 0 and it["singleSource"] is False and it["singleCountry"] is False
        assert it["countryShares"] == {} and it["hhi"] == 0 and it["nonEUShare"] == 0
        assert it["coverage"] == 1
    # x(leaf) = 0 (a leaf); x(m) = 1 (CN); x(h) = 1 - (1-0)(1-1) = 1; x(x) = x(h).
    assert leaf["nonEUExposure"] == 0 and m["nonEUExposure"] == 1 and h["nonEUExposure"] == 1
    x = by_id(r["systems"])["x"]
    # EU only: cn1 fails -> m unavailable -> h (needs all inputs) -> x. The unmapped leaf stays
    # available; the chain breaks at m only (h has an unavailable child).
    assert x["euBuildable"] is False
    assert x["blockingItems"] == ["m"]
    assert x["nonEUExposure"] == 1
    # K(m) = {cn1}; K(h) = K(leaf) ∪ K(m) = {} ∪ {cn1}; K(x) = K(h).
    assert x["singlePointsOfFailure"] == {"suppliers": ["cn1"], "countries": ["CN"]}
    w = run("whatif", [f])  # no failure: everything available
    assert all(i["available"] and i["lostShare"] == 0 for i in w["items"])
    assert w["scenario"] == {} and w["blockingItems"] == []


# --- 5. unknown origin --------------------------------------------------------------------


def test_unknown_origin(tmp_path):
    f = write(tmp_path, """
  <system id="x"><uses item="m" quantity="1"/><uses item="n" quantity="1"/></system>
  <material id="m"/>
  <material id="n"/>
  <supplier id="k"><supplies item="m" share="0.7"/></supplier>
  <supplier id="d" country="DE"><supplies item="m" share="0.3"/></supplier>
  <supplier id="k2"><supplies item="n"/></supplier>
""")
    r = run("report", [f])
    items = by_id(r["items"])
    m, n = items["m"], items["n"]
    # unknown pooled under "unknown", outside the EU, never a CRMA country.
    assert m["countryShares"] == {"DE": 0.3, "unknown": 0.7}
    assert m["hhi"] == pytest.approx(70 ** 2 + 30 ** 2)  # 5800
    assert m["nonEUShare"] == pytest.approx(0.7)
    assert m["crma65"] is False
    # n: one supplier of unknown origin: single source, but not single country.
    assert n["singleSource"] is True and n["singleCountry"] is False
    assert n["countryShares"] == {"unknown": 1.0} and n["crma65"] is False
    # x(m) = 0.7·1 + 0.3·0 = 0.7; x(n) = 1; x(x) = 1 - (0.3)(0) = 1.
    assert m["nonEUExposure"] == pytest.approx(0.7)
    x = by_id(r["systems"])["x"]
    # K(m) = {k} ∩ {d} = {}; K(n) = {k2}; countries: unknown is never one -> none.
    assert x["singlePointsOfFailure"] == {"suppliers": ["k2"], "countries": []}
    # EU only: k and k2 fail (unknown counts as outside): n unavailable, m available via d.
    assert x["euBuildable"] is False and x["blockingItems"] == ["n"]
    # --without-country unknown names them too
    w = by_id(run("whatif", [f], "--without-country", "unknown")["items"])
    assert w["m"]["lostShare"] == pytest.approx(0.7) and w["m"]["available"] is True
    assert w["n"]["available"] is False
    # --only-group EU: unknown origin is outside every group
    w = run("whatif", [f], "--only-group", "EU")
    assert w["scenario"] == {"onlyGroup": ["EU"]}
    assert by_id(w["items"])["n"]["available"] is False


# --- 6. user group and --trusted ----------------------------------------------------------

TRUSTED = """
  <countryGroup id="allies" members="US NO"/>
  <system id="x"><uses item="m" quantity="1"/></system>
  <material id="m"/>
  <supplier id="integrator" country="DE"><supplies item="x"/></supplier>
  <supplier id="us" country="US"><supplies item="m" share="0.5"/></supplier>
  <supplier id="no" country="NO"><supplies item="m" share="0.3"/></supplier>
  <supplier id="cn" country="CN"><supplies item="m" share="0.2"/></supplier>
"""


def test_user_group_with_trusted(tmp_path):
    f = write(tmp_path, TRUSTED)
    plain = run("report", [f])
    trusted = run("report", [f], "--trusted", "allies")
    m0, m1 = by_id(plain["items"])["m"], by_id(trusted["items"])["m"]
    # without trust: US, NO, CN all outside -> 1.0; with allies inside: only CN -> 0.2.
    assert m0["nonEUShare"] == pytest.approx(1.0) and m1["nonEUShare"] == pytest.approx(0.2)
    # exposure of m: the same (no inputs): 1.0 and 0.2; x is made by DE, x(x) = x_e = x(m).
    assert m1["nonEUExposure"] == pytest.approx(0.2)
    assert by_id(trusted["systems"])["x"]["nonEUExposure"] == pytest.approx(0.2)
    # CRMA always judges by the EU alone: US 0.5 < 0.65 -> false either way.
    assert m0["crma65"] is False and m1["crma65"] is False
    x0, x1 = by_id(plain["systems"])["x"], by_id(trusted["systems"])["x"]
    assert x0["euBuildable"] is False and x0["blockingItems"] == ["m"]
    assert x1["euBuildable"] is True and x1["blockingItems"] == []
    # SPOF: the DE integrator alone; m has three suppliers in three countries.
    assert x0["singlePointsOfFailure"] == {"suppliers": ["integrator"], "countries": ["DE"]}

    w = run("whatif", [f], "--only-group", "allies")  # DE is outside allies
    # the integrator fails: φ(x) = 0 (no unattributed share), x falls.
    assert w["systems"] == [{"id": "x", "available": False, "supplyFraction": 0.0, "state": "falls"}]
    assert by_id(w["items"])["m"]["lostShare"] == pytest.approx(0.2)
    w = run("whatif", [f], "--only-group", "EU,allies")  # only CN fails
    # φ(m) = 0.5 + 0.3 = 0.8; φ(integrator -> x) = min(φ(m)) = 0.8: available but degraded.
    assert w["systems"] == [{"id": "x", "available": True, "supplyFraction": pytest.approx(0.8),
                             "state": "degraded"}]
    w = run("whatif", [f], "--without-group", "allies")  # US and NO fail; CN still delivers
    assert by_id(w["items"])["m"] == {"id": "m", "available": True, "lostShare": pytest.approx(0.8),
                                      "supplyFraction": pytest.approx(0.2)}
    assert w["scenario"] == {"withoutGroup": ["allies"]}


# --- 7. requirement through a shared sub-assembly, and the stockpile ----------------------

DAG = """
  <system id="s1" demand="10"><uses item="a" quantity="2"/><uses item="b" quantity="1"/></system>
  <system id="s2" demand="5"><uses item="b" quantity="1"/><uses item="b" quantity="2"/></system>
  <component id="a"><uses item="c" quantity="4"/></component>
  <component id="b"><uses item="c" quantity="1"/><uses item="d" quantity="0.5"/></component>
  <component id="c" demand="7"/>
  <material id="d" unit="kg" stock="5"/>
  <supplier id="cn" country="CN" recoveryDays="400"><supplies item="d" share="0.8"/></supplier>
  <supplier id="de" country="DE"><supplies item="d" share="0.2"/><supplies item="c"/></supplier>
"""


def test_requirement_through_shared_subassembly(tmp_path):
    f = write(tmp_path, DAG)
    items = by_id(run("report", [f])["items"])
    # s1 = 10, s2 = 5; a = 10·2 = 20; b = 10·1 + 5·(1+2) = 25 (two uses add up);
    # c = 7 (spares) + 20·4 + 25·1 = 112 (counted once per path); d = 25·0.5 = 12.5.
    req = {i: items[i]["requirement"] for i in items}
    assert req == {"s1": 10, "s2": 5, "a": 20, "b": 25, "c": 112, "d": 12.5}
    # two uses of b are one input, not two independent draws: x(d) = 0.8 (cn), x(c) = 0 (de),
    # x(b) = 1 - (1 - 0)(1 - 0.8) = 0.8 (in house); x(s2) = 1 - (1 - x(b)) = 0.8, not 1 - 0.2².
    assert items["s2"]["nonEUExposure"] == pytest.approx(0.8)


def test_stockpile(tmp_path):
    f = write(tmp_path, DAG)
    s = run("stockpile", [f], "--days", "180", "--without-country", "CN", "--ttr")
    assert s["days"] == 180 and s["scenario"] == {"withoutCountry": ["CN"]}
    d, c = by_id(s["items"])["d"], by_id(s["items"])["c"]
    # d: lost 0.8; shortfall = 12.5 · 180/365 · 0.8 = 1800/365 = 4.9315...; stock 5 covers it;
    # days of cover = 5 / (12.5 · 0.8 / 365) = 5 · 365 / 10 = 182.5; TTR 400 > 182.5.
    assert d["lostShare"] == pytest.approx(0.8)
    assert d["shortfall"] == pytest.approx(1800 / 365)
    assert d["target"] == 0 and d["stock"] == 5
    assert d["daysOfCover"] == pytest.approx(182.5)
    assert d["recoveryDays"] == 400 and d["ttsBelowTtr"] is True
    # c: made by de only -> nothing lost -> infinite cover (null), no shortfall.
    assert c["lostShare"] == 0 and c["shortfall"] == 0 and c["daysOfCover"] is None
    # a longer cut-off: 365 days -> shortfall 10 -> target 10 - 5 = 5.
    s = run("stockpile", [f], "--days", "365", "--without-supplier", "cn")
    assert by_id(s["items"])["d"]["target"] == pytest.approx(5)


# --- 8. exposure with sourcedFrom ---------------------------------------------------------

EXPOSURE = """
  <countryGroup id="au" members="AU"/>
  <system id="x"><uses item="p" quantity="1"/><uses item="q" quantity="1"/></system>
  <component id="p"><uses item="m" quantity="1"/></component>
  <material id="q"/>
  <material id="m"><uses item="r" quantity="1"/></material>
  <material id="r"/>
  <supplier id="a" country="DE">
    <supplies item="p" share="0.5"><sourcedFrom item="m" suppliers="s2"/></supplies>
  </supplier>
  <supplier id="b" country="FR"><supplies item="p" share="0.5"/></supplier>
  <supplier id="s1" country="CN"><supplies item="m" share="0.6"/></supplier>
  <supplier id="s2" country="SE"><supplies item="m" share="0.4"/></supplier>
  <supplier id="t" country="AU"><supplies item="r" share="0.25"/></supplier>
  <supplier id="u" country="FI"><supplies item="r" share="0.75"/></supplier>
"""


def test_exposure_with_sourced_from(tmp_path):
    f = write(tmp_path, EXPOSURE)
    items = by_id(run("report", [f])["items"])
    x = {i: items[i]["nonEUExposure"] for i in items}
    # r: t (AU) 1, u (FI, no inputs) 1 - (empty product) = 0 -> 0.25·1 + 0.75·0 = 0.25
    # m: s1 (CN) 1; s2 (SE) 1 - (1 - 0.25) = 0.25 -> 0.6·1 + 0.4·0.25 = 0.7
    # p: a (DE) takes m from s2 only: x_e(m) = x(s2->m) = 0.25 -> 0.25;
    #    b (FR) takes m from anyone: x(m) = 0.7 -> 0.7;  x(p) = 0.5·0.25 + 0.5·0.7 = 0.475
    # q: unmapped leaf 0; x (in house) = 1 - (1 - 0.475)(1 - 0) = 0.475
    assert x == pytest.approx({"r": 0.25, "m": 0.7, "p": 0.475, "q": 0.0, "x": 0.475})
    # trusting AU: r -> 0; m: s2 -> 0, so 0.6; p: a -> 0, b -> 0.6: 0.3
    items = by_id(run("report", [f], "--trusted", "au")["items"])
    assert {i: items[i]["nonEUExposure"] for i in items} == pytest.approx(
        {"r": 0.0, "m": 0.6, "p": 0.3, "q": 0.0, "x": 0.3})


def test_exposure_sourced_from_several_suppliers_is_weighted(tmp_path):
    f = write(tmp_path, EXPOSURE.replace('suppliers="s2"', 'suppliers="s1 s2"'))
    items = by_id(run("report", [f])["items"])
    # a: x_e(m) = (0.6·1 + 0.4·0.25) / (0.6 + 0.4) = 0.7 -> like b: x(p) = 0.7
    assert items["p"]["nonEUExposure"] == pytest.approx(0.7)


# --- input handling, machinery --------------------------------------------------------------


def test_merge_files_with_top_level_supply(tmp_path):
    f1 = write(tmp_path, TRUSTED.split('<supplier id="us"')[0], "a.xml")
    f2 = write(tmp_path, """
  <supplier id="us" country="US"/><supplier id="no" country="NO"/><supplier id="cn" country="CN"/>
  <supply supplier="us" item="m" share="0.5"/><supply supplier="no" item="m" share="0.3"/>
  <supply supplier="cn" item="m" share="0.2"/>""", "b.xml")
    merged = run("report", [f1, f2], "--trusted", "allies")
    single = run("report", [write(tmp_path, TRUSTED)], "--trusted", "allies")
    assert compare.compare(single, merged) == []


def test_unknown_reference_is_a_clear_error(tmp_path):
    f = write(tmp_path, '<system id="x"><uses item="nope" quantity="1"/></system>')
    p = subprocess.run([sys.executable, str(HERE / "chokepoint_nx.py"), "report", f],
                       capture_output=True, text=True)
    assert p.returncode == 1 and "unknown item 'nope'" in p.stderr


def test_fixtures_are_schema_valid(tmp_path):
    import shutil
    if not shutil.which("xmllint"):
        pytest.skip("xmllint not installed")
    for n, body in enumerate((HIDDEN, TRUSTED, DAG, EXPOSURE)):
        f = write(tmp_path, body, f"f{n}.xml")
        subprocess.run(["xmllint", "--noout", "--schema", str(XSD), f], check=True, capture_output=True)


def test_generated_data_cone_and_full_spof_agree(tmp_path):
    # the two brute-force strategies (re-evaluate only what changes / the whole graph per
    # failure) must give the same single points of failure on a realistic graph
    import generate
    out = tmp_path / "g"
    generate.write(generate.generate(600, seed=3), str(out), 3)
    files = sorted(str(p) for p in out.glob("*.xml"))
    model = cp.load(files)
    assert cp.single_points_of_failure(model, "cone") == cp.single_points_of_failure(model, "full")
    assert any(v["suppliers"] for v in cp.single_points_of_failure(model).values())


def test_compare_tool():
    a = {"items": [{"id": "a", "x": 1.0, "b": True}, {"id": "b", "x": 0.0, "b": False}]}
    assert compare.compare(a, {"items": [{"id": "a", "x": 1.0 + 1e-12, "b": True, "extra": 1},
                                         {"id": "b", "x": 1e-12, "b": False}]}) == []
    d = compare.compare(a, {"items": [{"id": "a", "x": 1.1, "b": False}]})
    assert len(d) == 3  # b missing, x differs, b differs
