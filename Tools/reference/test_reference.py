"""Hand-worked checks of the reference figures (run: python3 -m pytest Tools/reference -q).

Every expected number is worked out by hand in the comments from the formulas of
the article "Risk figures" (version 2), not taken from the code's output.
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


def v2(value):
    """``value`` without the version-3 range fields, for the version-2 assertions."""
    if isinstance(value, list):
        return [v2(v) for v in value]
    return {k: v for k, v in value.items() if k != "supplyFractionRange"}


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
    assert v2(it["m"]) == {"id": "m", "available": True, "lostShare": 0.6, "supplyFraction": pytest.approx(0.4)}
    assert v2(it["p"]) == {"id": "p", "available": False, "lostShare": 1.0, "supplyFraction": 0.0}
    assert it["x"]["available"] is False and it["x"]["lostShare"] == 0.0  # no supply edges
    # p is unavailable although its only child m is available: p is where it breaks.
    assert w["blockingItems"] == ["p"]
    assert v2(w["systems"]) == [{"id": "x", "available": False, "supplyFraction": 0.0, "state": "falls"}]


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
    assert v2(w["systems"]) == [{"id": "x", "available": False, "supplyFraction": 0.0, "state": "falls"}]
    assert by_id(w["items"])["m"]["lostShare"] == pytest.approx(0.2)
    w = run("whatif", [f], "--only-group", "EU,allies")  # only CN fails
    # φ(m) = 0.5 + 0.3 = 0.8; φ(integrator -> x) = min(φ(m)) = 0.8: available but degraded.
    assert v2(w["systems"]) == [{"id": "x", "available": True, "supplyFraction": pytest.approx(0.8),
                             "state": "degraded"}]
    w = run("whatif", [f], "--without-group", "allies")  # US and NO fail; CN still delivers
    assert v2(by_id(w["items"])["m"]) == {"id": "m", "available": True, "lostShare": pytest.approx(0.8),
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


# --- 9. version 2: unattributed share on real rows ------------------------------------------

VANADIUM = """
  <material id="vanadium-processing" unit="t"/>
  <supplier id="v-cn" country="CN"><supplies item="vanadium-processing" share="0.615"/></supplier>
  <supplier id="v-ru" country="RU"><supplies item="vanadium-processing" share="0.09"/></supplier>
  <supplier id="v-za" country="ZA"><supplies item="vanadium-processing" share="0.082"/></supplier>
  <supplier id="v-br" country="BR"><supplies item="vanadium-processing" share="0.048"/></supplier>
  <supplier id="v-jp" country="JP"><supplies item="vanadium-processing" share="0.023"/></supplier>
  <supplier id="v-in" country="IN"><supplies item="vanadium-processing" share="0.014"/></supplier>
  <supplier id="v-vn" country="VN"><supplies item="vanadium-processing" share="0.008"/></supplier>
  <supplier id="v-kr" country="KR"><supplies item="vanadium-processing" share="0.004"/></supplier>
  <supplier id="v-tw" country="TW"><supplies item="vanadium-processing" share="0.003"/></supplier>
"""


def test_vanadium_processing_row_is_not_scaled_up(tmp_path):
    v = by_id(run("report", [write(tmp_path, VANADIUM)])["items"])["vanadium-processing"]
    # EU CRM 2023, vanadium processing: 0.615 + 0.09 + 0.082 + 0.048 + 0.023 + 0.014 + 0.008
    # + 0.004 + 0.003 = 0.887, all given -> kept; u = 1 - 0.887 = 0.113 under "unknown".
    # CN stays 0.615 < 0.65: no CRMA flag (scaled up: 0.615 / 0.887 = 0.693, a false breach).
    cs = v["countryShares"]
    assert cs["CN"] == 0.615 and cs["RU"] == 0.09 and cs["TW"] == 0.003
    assert cs["unknown"] == pytest.approx(0.113)
    assert sum(cs.values()) == pytest.approx(1.0)
    assert v["unattributed"] == pytest.approx(0.113) and v["coverage"] == pytest.approx(0.887)
    assert v["crma65"] is False
    # hhi = 61.5² + 9² + 8.2² + 4.8² + 2.3² + 1.4² + 0.8² + 0.4² + 0.3² + 11.3²
    #     = 3782.25 + 81 + 67.24 + 23.04 + 5.29 + 1.96 + 0.64 + 0.16 + 0.09 + 127.69 = 4089.36;
    # one supplier per country, u the pseudo-supplier: supplierHHI the same.
    assert v["hhi"] == pytest.approx(4089.36)
    assert v["supplierHHI"] == pytest.approx(4089.36)
    # every supplier outside the EU, u too: nonEU 1, exposure 0.887·1 + 0.113 = 1.
    assert v["nonEUShare"] == pytest.approx(1.0) and v["nonEUExposure"] == pytest.approx(1.0)
    assert v["suppliers"] == 9 and v["singleSource"] is False and v["singleCountry"] is False


def test_vanadium_processing_in_the_bundled_data():
    data = HERE.parents[1] / "Graphs/eu-crm-2023.xml"
    if not data.is_file():
        pytest.skip("bundled data not present")
    v = by_id(run("report", [str(data)])["items"])["vanadium-processing"]
    # the same row as above, in the bundled file: CN 0.615, unknown 0.113, no flag
    assert v["countryShares"]["CN"] == 0.615
    assert v["countryShares"]["unknown"] == pytest.approx(0.113)
    assert v["crma65"] is False


def test_gallium_single_row(tmp_path):
    f = write(tmp_path, """
  <material id="gallium" unit="kg"/>
  <supplier id="ga-cn" country="CN"><supplies item="gallium" share="0.98"/></supplier>
""")
    g = by_id(run("report", [f])["items"])["gallium"]
    # one edge CN 0.98, all given, below 1: kept; u = 0.02.
    assert g["countryShares"] == {"CN": 0.98, "unknown": pytest.approx(0.02)}
    assert g["unattributed"] == pytest.approx(0.02)
    # one supplier (u is not a supplier), all in one known country; 0.98 >= 0.65: flagged.
    assert g["suppliers"] == 1 and g["singleSource"] is True and g["singleCountry"] is True
    assert g["crma65"] is True
    # hhi = 98² + 2² = 9604 + 4 = 9608; supplierHHI alike (u the pseudo-supplier).
    assert g["hhi"] == pytest.approx(9608) and g["supplierHHI"] == pytest.approx(9608)
    # outside: 0.98 + 0.02 = 1 for the share, the exposure and the control; EU only: CN fails
    # and u is lost -> 0.
    assert g["nonEUShare"] == pytest.approx(1) and g["nonEUExposure"] == pytest.approx(1)
    assert g["nonEUControlledShare"] == pytest.approx(1)
    assert g["euOnlySupplyFraction"] == 0


# --- 10. supply fraction φ, system state ----------------------------------------------------

DEGRADED = """
  <system id="x"><uses item="m" quantity="2"/></system>
  <system id="y"><uses item="n" quantity="1"/></system>
  <material id="m"/>
  <material id="n"/>
  <supplier id="int" country="DE"><supplies item="x"/><supplies item="y"/></supplier>
  <supplier id="de" country="DE"><supplies item="m" share="0.5"/></supplier>
  <supplier id="cn" country="CN"><supplies item="m" share="0.3"/><supplies item="n" share="0.7"/></supplier>
"""


def test_system_degraded_and_falls(tmp_path):
    f = write(tmp_path, DEGRADED)
    # m: de 0.5, cn 0.3, u 0.2; n: cn 0.7, u 0.3.
    w = run("whatif", [f], "--without-country", "CN")
    sy, it = by_id(w["systems"]), by_id(w["items"])
    # --without-country CN keeps u: φ(m) = 0.5 + 0.2 = 0.7; φ(int -> x) = min(φ(m)) = 0.7;
    # φ(x) = 1·0.7 = 0.7 (x's one edge has no share: ŵ = 1, u = 0). Available -> degraded.
    assert v2(sy["x"]) == {"id": "x", "available": True, "supplyFraction": pytest.approx(0.7), "state": "degraded"}
    assert it["m"]["lostShare"] == pytest.approx(0.3)
    # n: its one edge fails -> unavailable; φ(n) = 0 + u 0.3 = 0.3, and φ(y) = 0.3, but y has
    # no mapped route left: it falls although φ > 0 (unattributed supply is never counted on).
    assert v2(sy["y"]) == {"id": "y", "available": False, "supplyFraction": pytest.approx(0.3), "state": "falls"}
    assert it["n"]["supplyFraction"] == pytest.approx(0.3) and it["n"]["lostShare"] == pytest.approx(0.7)
    assert w["blockingItems"] == ["n"]
    # --only-group EU fails unknown origin: u is lost. φ(m) = 0.5, φ(x) = 0.5; φ(n) = 0.
    w = run("whatif", [f], "--only-group", "EU")
    sy = by_id(w["systems"])
    assert sy["x"]["supplyFraction"] == pytest.approx(0.5) and sy["x"]["state"] == "degraded"
    assert sy["y"]["supplyFraction"] == 0 and sy["y"]["state"] == "falls"
    # --without-country unknown fails only unknown origin (no supplier here) and u:
    # φ(m) = 0.5 + 0.3 = 0.8, φ(n) = 0.7; both systems available and degraded.
    w = run("whatif", [f], "--without-country", "unknown")
    sy = by_id(w["systems"])
    assert sy["x"]["supplyFraction"] == pytest.approx(0.8) and sy["y"]["supplyFraction"] == pytest.approx(0.7)
    assert {s["state"] for s in w["systems"]} == {"degraded"}
    # no failure at all: φ = 1 everywhere (u counts), unaffected
    w = run("whatif", [f])
    assert [s["state"] for s in w["systems"]] == ["unaffected", "unaffected"]
    assert all(i["supplyFraction"] == pytest.approx(1) for i in w["items"])
    # the report's EU-only figure is the --only-group EU one: x 0.5, y 0; m 0.5, n 0
    r = run("report", [f])
    assert by_id(r["systems"])["x"]["euOnlySupplyFraction"] == pytest.approx(0.5)
    assert by_id(r["systems"])["x"]["euBuildable"] is True
    assert by_id(r["systems"])["y"]["euOnlySupplyFraction"] == 0
    assert by_id(r["items"])["m"]["euOnlySupplyFraction"] == pytest.approx(0.5)


CHAIN = """
  <system id="x"><uses item="p" quantity="1"/><uses item="q" quantity="3"/></system>
  <component id="p"><uses item="m" quantity="1"/><uses item="k" quantity="1"/></component>
  <material id="q"/>
  <material id="m"/>
  <material id="k"/>
  <supplier id="a" country="DE">
    <supplies item="p" share="0.5"><sourcedFrom item="m" suppliers="s1"/></supplies>
  </supplier>
  <supplier id="b" country="FR"><supplies item="p" share="0.5"/></supplier>
  <supplier id="s1" country="CN"><supplies item="m" share="0.6"/></supplier>
  <supplier id="s2" country="SE"><supplies item="m" share="0.4"/></supplier>
  <supplier id="k1" country="CN"><supplies item="k" share="0.1"/></supplier>
  <supplier id="k2" country="PL"><supplies item="k" share="0.9"/></supplier>
"""


def test_supply_fraction_differs_from_binary_availability(tmp_path):
    w = run("whatif", [write(tmp_path, CHAIN)], "--without-country", "CN")
    it = by_id(w["items"])
    # Binary: m available (s2), k available (k2), b -> p available (m and k available),
    # a -> p not (its m comes from s1 only); p available, x (in house) available.
    assert all(i["available"] for i in w["items"])
    assert w["blockingItems"] == []
    # φ: m = 0.4 (s2), k = 0.9 (k2);
    # a -> p: min(φ(s1->m) = 0, φ(k) = 0.9) = 0; b -> p: min(φ(m) 0.4, φ(k) 0.9) = 0.4 (Leontief);
    # φ(p) = 0.5·0 + 0.5·0.4 = 0.2; q unmapped leaf 1; x in house: min(0.2, 1) = 0.2.
    assert it["m"]["supplyFraction"] == pytest.approx(0.4)
    assert it["k"]["supplyFraction"] == pytest.approx(0.9)
    assert it["p"]["supplyFraction"] == pytest.approx(0.2)
    assert it["p"]["lostShare"] == pytest.approx(0.5)  # a's edge (v1 meaning)
    assert it["q"]["supplyFraction"] == 1
    assert v2(w["systems"]) == [{"id": "x", "available": True, "supplyFraction": pytest.approx(0.2),
                             "state": "degraded"}]


def test_sourced_from_weighted_mean_is_not_the_plain_mean(tmp_path):
    f = write(tmp_path, EXPOSURE.replace('suppliers="s2"', 'suppliers="s1 s2"'))
    items = by_id(run("report", [f])["items"])
    # exposure: x(s1->m) = 1 (CN), x(s2->m) = 0.25; a's x_e(m) = (0.6·1 + 0.4·0.25)/1 = 0.7
    # (the plain mean would be 0.625); b: x(m) = 0.7; x(p) = 0.5·0.7 + 0.5·0.7 = 0.7
    # (plain: 0.5·0.625 + 0.5·0.7 = 0.6625).
    assert items["p"]["nonEUExposure"] == pytest.approx(0.7)
    w = by_id(run("whatif", [f], "--without-country", "CN")["items"])
    # φ: r = 1 (t AU, u FI: nothing fails); φ(s1->m) = 0, φ(s2->m) = min(φ(r)) = 1, φ(m) = 0.4;
    # a: φ_e(m) = (0.6·0 + 0.4·1)/(0.6 + 0.4) = 0.4 (plain mean 0.5); b: φ(m) = 0.4;
    # φ(p) = 0.5·0.4 + 0.5·0.4 = 0.4 (plain: 0.5·0.5 + 0.5·0.4 = 0.45).
    assert w["m"]["supplyFraction"] == pytest.approx(0.4)
    assert w["p"]["supplyFraction"] == pytest.approx(0.4)
    assert w["x"]["supplyFraction"] == pytest.approx(0.4)  # min(φ(p) 0.4, φ(q) 1)


def test_sourced_from_named_edges_all_zero_take_equal_weights(tmp_path):
    f = write(tmp_path, """
  <component id="p"><uses item="m" quantity="1"/></component>
  <material id="m"/>
  <supplier id="a" country="DE">
    <supplies item="p"><sourcedFrom item="m" suppliers="s1 s2"/></supplies>
  </supplier>
  <supplier id="s1" country="CN"><supplies item="m" share="0"/></supplier>
  <supplier id="s2" country="SE"><supplies item="m" share="0"/></supplier>
  <supplier id="s3" country="US"><supplies item="m" share="0.5"/></supplier>
""")
    items = by_id(run("report", [f])["items"])
    # m: all given, 0 + 0 + 0.5 = 0.5 -> kept, u = 0.5, ŵ(s1) = ŵ(s2) = 0.
    # a's x_e(m): the named edges all weigh 0 -> equal weights: (1 + 0)/2 = 0.5 = x(p).
    assert items["m"]["countryShares"] == {"CN": 0, "SE": 0, "US": 0.5, "unknown": 0.5}
    assert items["p"]["nonEUExposure"] == pytest.approx(0.5)
    w = by_id(run("whatif", [f], "--without-country", "CN")["items"])
    # φ_e(m) = (0 + 1)/2 = 0.5 -> φ(p) = 0.5
    assert w["p"]["supplyFraction"] == pytest.approx(0.5)


# --- 11. scope: --system --------------------------------------------------------------------


def test_scoped_requirement(tmp_path):
    # DAG plus a spare part e used by s2 only (outside s1's closure), with demand 3.
    body = DAG.replace('<uses item="b" quantity="2"/></system>',
                       '<uses item="b" quantity="2"/><uses item="e" quantity="1"/></system>\n'
                       '  <component id="e" demand="3"/>')
    f = write(tmp_path, body)
    full = run("report", [f])
    assert by_id(full["items"])["e"]["requirement"] == 8  # 3 + 5·1
    r = run("report", [f], "--system", "s1")
    items = by_id(r["items"])
    # closure of s1: s1, a, b, c, d (not s2, not the spare part e).
    assert [i["id"] for i in r["items"]] == ["a", "b", "c", "d", "s1"]
    assert [s["id"] for s in r["systems"]] == ["s1"]
    # s1 = 10; a = 10·2 = 20; b = 10·1 = 10 (s2's 15 not counted); c = 20·4 + 10·1 = 90
    # (the spare-part demand 7 on c, inside the closure, is not counted either); d = 10·0.5 = 5.
    assert {i: items[i]["requirement"] for i in items} == {"s1": 10, "a": 20, "b": 10, "c": 90, "d": 5}
    # every other figure unchanged
    for i in items:
        a = dict(by_id(full["items"])[i]); b = dict(items[i])
        a.pop("requirement"); b.pop("requirement")
        assert a == b
    assert r["systems"][0] == by_id(full["systems"])["s1"]
    r = run("report", [f], "--system", "s2")
    items = by_id(r["items"])
    # s2 = 5; b = 5·3 = 15; c = 15·1 = 15; d = 15·0.5 = 7.5; e = 5·1 = 5 (its demand 3 not counted).
    assert {i: items[i]["requirement"] for i in items} == {"s2": 5, "b": 15, "c": 15, "d": 7.5, "e": 5}
    for bad in ("nope", "a"):  # unknown id; not a system
        p = subprocess.run([sys.executable, str(HERE / "chokepoint_nx.py"), "report", f, "--system", bad],
                           capture_output=True, text=True)
        assert p.returncode == 2 and "--system" in p.stderr


# --- 12. impact ---------------------------------------------------------------------------

IMPACT = """
  <system id="x1" weight="1"><uses item="m1" quantity="1"/></system>
  <system id="x2" weight="3"><uses item="m2" quantity="1"/></system>
  <material id="m1"/>
  <material id="m2"/>
  <supplier id="de-int" country="DE"><supplies item="x1"/></supplier>
  <supplier id="fr-int" country="FR"><supplies item="x2"/></supplier>
  <supplier id="cn" country="CN"><supplies item="m1" share="1"/></supplier>
  <supplier id="ru" country="RU"><supplies item="m2" share="0.5"/></supplier>
  <supplier id="de2" country="DE"><supplies item="m2" share="0.3"/></supplier>
  <supplier id="k"><supplies item="m2" share="0"/></supplier>
"""


def test_impact_ranking_weights_change_the_order(tmp_path):
    f = write(tmp_path, IMPACT)
    # m2: ru 0.5, de2 0.3, k 0 (unknown origin), u 0.2 (kept: a country cut-off keeps u).
    # CN: m1 -> 0, x1 -> 0: impact x1 1                     score 1·1           = 1
    # DE: de-int fails: x1 1; de2 fails: φ(m2) = 0.5 + 0.2 = 0.7, x2 0.3
    #                                                        score 1·1 + 3·0.3   = 1.9
    # FR: fr-int fails: x2 1                                 score 3·1           = 3
    # RU: φ(m2) = 0.3 + 0.2 = 0.5: x2 0.5                    score 3·0.5         = 1.5
    # unknown origin is not a key. Ranking FR 3, DE 1.9, RU 1.5, CN 1.
    r = run("impact", [f])
    assert r["schemaVersion"] == 1 and r["by"] == "country" and r["byControl"] is False
    assert [(k["key"], k["score"]) for k in r["ranking"]] == [
        ("FR", 3), ("DE", pytest.approx(1.9)), ("RU", pytest.approx(1.5)), ("CN", 1)]
    rk = {k["key"]: k["systems"] for k in r["ranking"]}
    assert rk == {"FR": {"x2": 1}, "DE": {"x1": 1, "x2": pytest.approx(0.3)},
                  "RU": {"x2": pytest.approx(0.5)}, "CN": {"x1": 1}}
    # with equal weights the order changes: DE 1.3, then CN 1 and FR 1 (tie: by key), RU 0.5
    r = run("impact", [write(tmp_path, IMPACT.replace('weight="3"', ""), "equal.xml")])
    assert [k["key"] for k in r["ranking"]] == ["DE", "CN", "FR", "RU"]
    # by supplier: fr-int 3; ru 1.5; cn 1 and de-int 1 (tie: by key); de2 alone: φ(m2) =
    # 0.5 + 0.2 = 0.7, 3·0.3 = 0.9; k (ŵ 0): φ(m2) stays 1, score 0 -> left out.
    r = run("impact", [f], "--by", "supplier")
    assert r["by"] == "supplier"
    assert [(k["key"], k["score"]) for k in r["ranking"]] == [
        ("fr-int", 3), ("ru", pytest.approx(1.5)), ("cn", 1), ("de-int", 1), ("de2", pytest.approx(0.9))]
    # --system x1: only x1 counts: CN 1, DE 1 (tie by key); FR and RU have no impact on x1.
    r = run("impact", [f], "--system", "x1")
    assert r["ranking"] == [{"key": "CN", "score": 1, "systems": {"x1": 1}},
                            {"key": "DE", "score": 1, "systems": {"x1": 1}}]
    # --by-control with --by supplier is a usage error
    p = subprocess.run([sys.executable, str(HERE / "chokepoint_nx.py"), "impact", f, "--by", "supplier",
                        "--by-control"], capture_output=True, text=True)
    assert p.returncode == 2


# --- 13. embargo on chosen items ------------------------------------------------------------

EMBARGO = """
  <system id="x"><uses item="gallium" quantity="1"/><uses item="m" quantity="1"/></system>
  <material id="gallium"/>
  <material id="m"/>
  <supplier id="int" country="DE"><supplies item="x"/></supplier>
  <supplier id="cn" country="CN"><supplies item="gallium" share="0.3"/><supplies item="m" share="0.5"/></supplier>
  <supplier id="de" country="DE"><supplies item="gallium" share="0.6"/><supplies item="m" share="0.4"/></supplier>
"""


def test_embargo_on_one_item(tmp_path):
    f = write(tmp_path, EMBARGO)
    # gallium: cn 0.3, de 0.6, u 0.1; m: cn 0.5, de 0.4, u 0.1.
    w = run("whatif", [f], "--without-country", "CN", "--items", "gall*")
    assert w["scenario"] == {"withoutCountry": ["CN"], "items": ["gall*"]}
    it = by_id(w["items"])
    # only cn -> gallium fails: φ(gallium) = 0.6 + 0.1 (u kept) = 0.7; m untouched: φ 1.
    assert it["gallium"]["supplyFraction"] == pytest.approx(0.7) and it["gallium"]["lostShare"] == pytest.approx(0.3)
    assert it["m"]["supplyFraction"] == pytest.approx(1) and it["m"]["lostShare"] == 0
    # x: min(0.7, 1) = 0.7
    assert w["systems"][0]["supplyFraction"] == pytest.approx(0.7) and w["systems"][0]["state"] == "degraded"
    # without --items: φ(m) = 0.4 + 0.1 = 0.5, x = min(0.7, 0.5) = 0.5
    w = run("whatif", [f], "--without-country", "CN")
    assert w["systems"][0]["supplyFraction"] == pytest.approx(0.5)
    # --only-group EU fails unknown origin: u is lost for gallium only. φ(gallium) = 0.6;
    # m keeps cn and its u: 1. x = 0.6. Without --items: m = 0.4, x = min(0.6, 0.4) = 0.4.
    w = run("whatif", [f], "--only-group", "EU", "--items", "gallium")
    it = by_id(w["items"])
    assert it["gallium"]["supplyFraction"] == pytest.approx(0.6) and it["m"]["supplyFraction"] == pytest.approx(1)
    assert w["systems"][0]["supplyFraction"] == pytest.approx(0.6)
    w = run("whatif", [f], "--only-group", "EU")
    assert w["systems"][0]["supplyFraction"] == pytest.approx(0.4)
    # stockpile and impact take --items too: lostShare gallium 0.3, m 0.
    s = by_id(run("stockpile", [f], "--without-country", "CN", "--items", "gall*")["items"])
    assert s["gallium"]["lostShare"] == pytest.approx(0.3) and s["m"]["lostShare"] == 0
    r = run("impact", [f], "--items", "gall*")
    # CN on gallium only: x 1 - 0.7 = 0.3; DE on gallium only: the integrator's edge into x is
    # not embargoed, de -> gallium fails: φ(gallium) = 0.3 + 0.1 = 0.4, x 1 - 0.4 = 0.6.
    assert [(k["key"], k["score"]) for k in r["ranking"]] == [("DE", pytest.approx(0.6)), ("CN", pytest.approx(0.3))]
    # a pattern that matches no item is a usage error (exit 2), also beside one that matches
    for pats in ("nothing*", "gall*,nothing*"):
        p = subprocess.run([sys.executable, str(HERE / "chokepoint_nx.py"), "whatif", f,
                            "--without-country", "CN", "--items", pats], capture_output=True, text=True)
        assert p.returncode == 2 and "nothing*" in p.stderr


# --- 14. control ----------------------------------------------------------------------------

CONTROL = """
  <system id="x"><uses item="m" quantity="1"/></system>
  <material id="m"/>
  <material id="n"/>
  <supplier id="int" country="FR"><supplies item="x"/></supplier>
  <supplier id="nl-sub" country="NL" controlledBy="CN"><supplies item="m" share="0.4"/></supplier>
  <supplier id="de" country="DE"><supplies item="m" share="0.3"/></supplier>
  <supplier id="cn" country="CN"><supplies item="m" share="0.2"/><supplies item="n" share="0.5"/></supplier>
  <supplier id="us-sub" country="US" controlledBy="DE"><supplies item="m" share="0.1"/></supplier>
  <supplier id="k" controlledBy="DE"><supplies item="n" share="0.5"/></supplier>
"""


def test_by_control(tmp_path):
    f = write(tmp_path, CONTROL)
    items = by_id(run("report", [f])["items"])
    m, n = items["m"], items["n"]
    # m: nl-sub 0.4 (site NL, owner CN), de 0.3, cn 0.2, us-sub 0.1 (site US, owner DE); u 0.
    # non-EU by site: cn + us-sub = 0.3; controlled from outside: nl-sub + cn = 0.6.
    assert m["nonEUShare"] == pytest.approx(0.3)
    assert m["nonEUControlledShare"] == pytest.approx(0.6)
    # n: cn 0.5, k 0.5 (unknown site, owner DE): by site 1; controlled outside: cn 0.5 only.
    assert n["nonEUShare"] == pytest.approx(1) and n["nonEUControlledShare"] == pytest.approx(0.5)
    assert items["x"]["nonEUControlledShare"] == 0  # an edge into x: int FR -> 0 (u 0)

    def phi(*opts):
        return by_id(run("whatif", [f], *opts)["items"])["m"]["supplyFraction"]

    # --without-country CN: cn fails -> 0.8; with --by-control nl-sub too -> 0.3 + 0.1 = 0.4.
    assert phi("--without-country", "CN") == pytest.approx(0.8)
    assert phi("--without-country", "CN", "--by-control") == pytest.approx(0.4)
    # --only-group EU: us-sub and cn fail -> 0.7; --by-control: nl-sub (owner CN) too -> 0.3.
    assert phi("--only-group", "EU") == pytest.approx(0.7)
    assert phi("--only-group", "EU", "--by-control") == pytest.approx(0.3)
    # --without-group EU: nl-sub, de fail -> 0.3; --by-control: us-sub (owner DE) too -> 0.2.
    assert phi("--without-group", "EU") == pytest.approx(0.3)
    assert phi("--without-group", "EU", "--by-control") == pytest.approx(0.2)
    # --without-country DE --by-control: de, us-sub -> 0.6
    assert phi("--without-country", "DE", "--by-control") == pytest.approx(0.6)
    w = run("whatif", [f], "--without-country", "CN", "--by-control")
    assert w["scenario"] == {"withoutCountry": ["CN"], "byControl": True}
    # impact by control: keys are the sites and the owners: CN, DE, FR, NL, US.
    # FR: int -> x 1; CN: cn + nl-sub -> 1 - 0.4 = 0.6; DE: de + us-sub -> 0.4;
    # NL: nl-sub -> 0.4; US: us-sub -> 0.1. DE and NL tie at 0.4 (up to binary noise: 1 - (0.4 +
    # 0.2) is 0.3999999999999999): the tie goes by key, DE first.
    r = run("impact", [f], "--by-control")
    assert r["byControl"] is True
    assert [(k["key"], k["score"]) for k in r["ranking"]] == [
        ("FR", 1), ("CN", pytest.approx(0.6)), ("DE", pytest.approx(0.4)), ("NL", pytest.approx(0.4)),
        ("US", pytest.approx(0.1))]
    # by site only: FR 1, NL 0.4, DE 0.3, CN 0.2, US 0.1
    r = run("impact", [f])
    assert [k["key"] for k in r["ranking"]] == ["FR", "NL", "DE", "CN", "US"]


# --- 15. duplicate supply edges across files ------------------------------------------------

DUP_A = """
  <system id="x"><uses item="p" quantity="1"/></system>
  <component id="p"><uses item="m" quantity="1"/></component>
  <material id="m"/>
  <supplier id="a" country="DE">
    <supplies item="p" share="1"><sourcedFrom item="m" suppliers="s1"/></supplies>
  </supplier>
  <supplier id="s1" country="CN"><supplies item="m" share="0.3" capacity="10"/></supplier>
  <supplier id="s2" country="CL"><supplies item="m" share="0.4"/></supplier>
"""
DUP_B = """
  <supply supplier="a" item="p"><sourcedFrom item="m" suppliers="s2"/></supply>
  <supply supplier="s1" item="m" share="0.30" leadTimeDays="90"/>
"""


def test_duplicate_supply_edges_merge(tmp_path):
    fa, fb = write(tmp_path, DUP_A, "a.xml"), write(tmp_path, DUP_B, "b.xml")
    r = run("report", [fa, fb])
    items = by_id(r["items"])
    # a -> p twice: one edge, share 1 (the one given), sourcedFrom m {s1} ∪ {s2};
    # s1 -> m twice with 0.3 and 0.30 (the same value): one edge. m: 0.3 + 0.4 = 0.7, u 0.3.
    assert items["p"]["suppliers"] == 1 and items["p"]["countryShares"] == {"DE": 1}
    assert items["m"]["countryShares"] == {"CL": 0.4, "CN": 0.3, "unknown": pytest.approx(0.3)}
    # a takes m from s1 or s2, so s1 alone is no single point of failure: only a (DE).
    assert by_id(r["systems"])["x"]["singlePointsOfFailure"] == {"suppliers": ["a"], "countries": ["DE"]}
    w = by_id(run("whatif", [fa, fb], "--without-country", "CN")["items"])
    # φ_e(m) for a = (0.3·0 + 0.4·1)/(0.3 + 0.4) = 4/7 (s1 only: 0; plain mean: 0.5).
    assert w["p"]["supplyFraction"] == pytest.approx(4 / 7)
    assert w["m"]["lostShare"] == pytest.approx(0.3) and w["m"]["supplyFraction"] == pytest.approx(0.7)
    # different values for one pair are an input error (exit 1) naming the attribute
    for attr in ('share="0.4"', 'capacity="20"'):
        fc = write(tmp_path, f'<supply supplier="s1" item="m" {attr}/>', "c.xml")
        p = subprocess.run([sys.executable, str(HERE / "chokepoint_nx.py"), "report", fa, fc],
                           capture_output=True, text=True)
        assert p.returncode == 1 and "different " + attr.split("=")[0] in p.stderr


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
    xsd = XSD.read_text(encoding="utf-8")
    if 'name="weight"' not in xsd:  # version 2 of the model adds system weight; the XSD may not have it yet
        xsd = xsd.replace('<xs:attribute name="stock" type="cp:Number"/>',
                          '<xs:attribute name="stock" type="cp:Number"/>\n'
                          '    <xs:attribute name="weight" type="cp:Number"/>', 1)
    schema = tmp_path / "schema.xsd"
    schema.write_text(xsd, encoding="utf-8")
    for n, body in enumerate((HIDDEN, TRUSTED, DAG, EXPOSURE, VANADIUM, DEGRADED, CHAIN, IMPACT,
                              EMBARGO, CONTROL, DUP_A, DUP_B)):
        f = write(tmp_path, body, f"f{n}.xml")
        p = subprocess.run(["xmllint", "--noout", "--schema", str(schema), f], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr


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


def test_countries_csv_from_the_repository():
    assert cp.find_countries_csv(None) == HERE.parents[1] / "Data/countries.csv"


def test_compare_ranking():
    a = {"ranking": [{"key": "DE", "score": 0.4, "systems": {"x": 0.4}},
                     {"key": "NL", "score": 0.4 + 1e-16, "systems": {"x": 0.4}}]}
    # a tie within the tolerance ranked by key: no difference, whatever the binary noise
    b = {"ranking": [{"key": "DE", "score": 0.4 - 1e-16, "systems": {"x": 0.4}},
                     {"key": "NL", "score": 0.4, "systems": {"x": 0.4}}]}
    assert compare.compare(a, b) == []
    # wrong tie-break, a missing key, a system only in B
    b = {"ranking": [{"key": "NL", "score": 0.4, "systems": {"x": 0.4, "y": 0.1}},
                     {"key": "DE", "score": 0.4, "systems": {"x": 0.4}}]}
    d = compare.compare(a, b)
    assert len(d) == 2 and any("before" in x for x in d) and any("y: only in B" in x for x in d)
    d = compare.compare(a, {"ranking": [{"key": "DE", "score": 0.4, "systems": {"x": 0.4}}]})
    assert len(d) == 1 and d[0].startswith("$.ranking[key=NL]: missing in B")
    # a higher score ranked after a lower one
    d = compare.compare({"ranking": []}, {"ranking": [{"key": "A", "score": 1, "systems": {}},
                                                      {"key": "B", "score": 2, "systems": {}}]})
    assert any("before" in x for x in d)
