"""Hand-worked checks of the day-by-day stockpile simulation (python3 -m pytest Tools/reference -q).

Every expected number is worked out by hand in the comments from the article
(Sources/RiskAnalysis/RiskAnalysis.docc/StockpileModel.md), not taken from the code's output.
Rates are per day: a yearly demand of 365 is 1 a day.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import chokepoint_nx as cp  # noqa: E402
import compare_stockpile  # noqa: E402
import stockpile_sim as ss  # noqa: E402

REPO = HERE.parents[1]


def write(tmp_path: Path, body: str, name: str = "chain.xml") -> str:
    p = tmp_path / name
    p.write_text(f'<supplyChain xmlns="urn:chokepoint:supply-chain:1" name="t">\n{body}\n</supplyChain>\n')
    return str(p)


def sim(tmp_path: Path, body: str, *opts: str) -> dict:
    out = subprocess.run([sys.executable, str(HERE / "stockpile_sim.py"), write(tmp_path, body), *opts],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def run_model(tmp_path: Path, body: str, scenario: dict, days: float, **kw) -> dict:
    return ss.stockpile_sim(cp.load([write(tmp_path, body)]), scenario, days, **kw)


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in rows}


CN = {"withoutCountry": ["CN"]}

# --- 1. the article's worked example ---------------------------------------------------

WORKED = """
  <system id="drone" demand="730"><uses item="anode" quantity="1"/></system>
  <component id="anode"><uses item="spherical-graphite" quantity="0.5"/></component>
  <material id="spherical-graphite" unit="kg" stock="10"><uses item="natural-graphite" quantity="2"/></material>
  <material id="natural-graphite" unit="kg"/>
  <supplier id="drone-nl" country="NL"><supplies item="drone" share="1"/></supplier>
  <supplier id="anode-cn" country="CN"><supplies item="anode" share="0.9"/></supplier>
  <supplier id="anode-de" country="DE"><supplies item="anode" share="0.1"/></supplier>
  <supplier id="sph-cn" country="CN"><supplies item="spherical-graphite" share="0.5"/></supplier>
  <supplier id="sph-ca" country="CA"><supplies item="spherical-graphite" share="0.5"/></supplier>
  <supplier id="ng-cn" country="CN"><supplies item="natural-graphite" share="0.6"/></supplier>
  <supplier id="ng-mz" country="MZ"><supplies item="natural-graphite" share="0.4"/></supplier>
"""


@pytest.mark.parametrize("opts", [(), ("--no-skip",), ("--steps-per-day", "7")])
def test_worked_example(tmp_path, opts):
    s = sim(tmp_path, WORKED, "--without-country", "CN", "--days", "180", *opts)
    assert s["schemaVersion"] == 2 and s["days"] == 180 and s["scenario"] == CN
    assert s["planCheck"]["ok"] is True
    it = by_id(s["items"])
    assert [r["id"] for r in s["items"]] == sorted(it)
    # drone: H = 2·180 = 360, S = 0; its NL maker orders 360 anodes.
    # anode: H = 360, S = 0.9·360 = 324 -> target 324; DE orders 0.1·360·0.5 = 18 kg.
    # spherical: H = 18, S = 9, stock 10 -> target 0, excess 1 nets CA's 9 kg: ρ = 1/9,
    # CA orders 8·2 = 16 kg. natural graphite: H = 16, S = 9.6 -> target 9.6.
    expect = {"drone": (360, 0, 0, 0), "anode": (360, 0.9, 324, 324),
              "spherical-graphite": (18, 0.5, 9, 0), "natural-graphite": (16, 0.6, 9.6, 9.6)}
    for i, (h, lam, short, target) in expect.items():
        assert it[i]["requirement"] == pytest.approx(h, rel=1e-12)
        assert it[i]["ownLoss"] == pytest.approx(lam, abs=1e-15)
        assert it[i]["shortfall"] == pytest.approx(short, rel=1e-12, abs=1e-12)
        assert it[i]["target"] == pytest.approx(target, rel=1e-12, abs=1e-12)
    assert it["anode"]["yearlyRequirement"] == 730 and it["natural-graphite"]["yearlyRequirement"] == 730
    # time to survive: the anode has no stock and loses 90 % at day 0 -> drone fill 0.1 -> 0.
    # spherical: ordered 2·0.1·0.5 = 0.1 kg/day, σ = 0.5·0.4 = 0.2, gap 0.08 -> 10/0.08 = 125.
    # natural graphite: no stock, a gap from day 0 (0.1·0.6 a day) -> 0.
    assert it["anode"]["daysOfCover"] == 0 and it["natural-graphite"]["daysOfCover"] == 0
    assert it["spherical-graphite"]["daysOfCover"] == pytest.approx(125, abs=1e-9)
    assert s["systems"] == [{"id": "drone", "timeToSurvive": 0, "firstToRunOut": "anode",
                             "firstToRunOutTie": False}]
    assert all(r["scenarioCountry"] is None for r in s["items"])


def test_worked_example_gap_rule_makes_no_difference_without_channels(tmp_path):
    a = sim(tmp_path, WORKED, "--without-country", "CN")
    b = sim(tmp_path, WORKED, "--without-country", "CN", "--gap-rule", "sigma")
    assert a["items"] == b["items"] and a["systems"] == b["systems"]


# --- 2. issue 12: stock at a higher tier covering the horizon ------------------------------

HIGH_STOCK = """
  <system id="x" demand="365"><uses item="p" quantity="1"/></system>
  <component id="p" stock="200"><uses item="m" quantity="2"/></component>
  <material id="m" unit="kg"/>
  <supplier id="xs" country="DE"><supplies item="x" share="1"/></supplier>
  <supplier id="p-cn" country="CN"><supplies item="p" share="0.5"/></supplier>
  <supplier id="p-de" country="DE"><supplies item="p" share="0.5"/></supplier>
  <supplier id="m-cn" country="CN"><supplies item="m" share="0.6"/></supplier>
  <supplier id="m-au" country="AU"><supplies item="m" share="0.4"/></supplier>
"""


def test_stock_at_a_higher_tier_covering_the_horizon(tmp_path):
    s = sim(tmp_path, HIGH_STOCK, "--without-country", "CN", "--days", "180")
    it = by_id(s["items"])
    # p: H = 180, S = 90, stock 200 -> target 0, excess 110 > the 90 ordered from DE: ρ = 1,
    # nothing is passed down. m loses 60 % but is ordered nothing: H = S = T = 0.
    assert it["p"]["requirement"] == pytest.approx(180) and it["p"]["shortfall"] == pytest.approx(90)
    assert it["p"]["target"] == 0
    assert it["m"]["requirement"] == 0 and it["m"]["shortfall"] == 0 and it["m"]["target"] == 0
    # the property: no target anywhere below p
    assert all(it[i]["target"] == 0 for i in ("m",))
    # time to survive: m has no stock, fill 0.4 from day 0 (days of cover 0); p: σ = 0.5·0.4
    # = 0.2, gap 0.8 a day -> 200/0.8 = 250 days; x follows p: 250 >= 180.
    assert it["m"]["daysOfCover"] == 0
    assert it["p"]["daysOfCover"] == pytest.approx(250, abs=1e-9)
    x = s["systems"][0]
    assert x["timeToSurvive"] == pytest.approx(250, abs=1e-9) and x["timeToSurvive"] >= 180
    assert x["firstToRunOut"] == "p" and x["firstToRunOutTie"] is False


# --- 3. issue 12: three stages, one lost gap, no stock -------------------------------------

# b's only maker buys c from the Chinese producer alone (sourcedFrom): one gap, lost at c.
ONE_GAP = """
  <system id="x" demand="365"><uses item="a" quantity="1"/></system>
  <component id="a"><uses item="b" quantity="2"/></component>
  <component id="b"><uses item="c" quantity="3"/></component>
  <material id="c" unit="kg"/>
  <supplier id="a-de" country="DE"><supplies item="a" share="1"/></supplier>
  <supplier id="b-fr" country="FR">
    <supplies item="b" share="1"><sourcedFrom item="c" suppliers="c-cn"/></supplies>
  </supplier>
  <supplier id="c-cn" country="CN"><supplies item="c" share="0.5"/></supplier>
  <supplier id="c-ca" country="CA"><supplies item="c" share="0.5"/></supplier>
"""


def test_three_stages_one_gap_is_covered_once(tmp_path):
    f = write(tmp_path, ONE_GAP)
    s = run_model(tmp_path, ONE_GAP, CN, 365)
    it = by_id(s["items"])
    # x (made in house) H = 365 -> a: H = 365, S = 0 -> b: H = 730, S = 0 (b-fr survives)
    # -> b-fr's 730·3 = 2190 kg go into the channel (c, c-cn), which loses λ_ch = 1:
    # S(c) = 2190 = target. Nothing else: the gap (365 x a year -> 2190 kg of c) once.
    assert {i: r["target"] for i, r in it.items()} == pytest.approx({"x": 0, "a": 0, "b": 0, "c": 2190})
    assert it["c"]["ownLoss"] == 0.5  # the open-market share; the channel loses all of it
    assert s["planCheck"]["ok"] is True
    # version 1 counts the one gap at three stages (365 a + 730 b + 1095 c)
    v1 = by_id(cp.stockpile(cp.load([f]), CN, 365)["items"])
    assert {i: v1[i]["target"] for i in "abc"} == pytest.approx({"a": 365, "b": 730, "c": 1095})
    # no stock: x falls at day 0, and the loss is c's (its channel)
    assert s["systems"][0]["timeToSurvive"] == 0 and s["systems"][0]["firstToRunOut"] == "c"
    assert all(it[i]["daysOfCover"] == 0 for i in "xabc")


# --- 4. issue 12: stock 0 and one level: v2 = v1 -----------------------------------------

ONE_LEVEL = """
  <system id="x" demand="365"/>
  <material id="m" unit="kg" demand="730" stock="{stock}"/>
  <supplier id="x-cn" country="CN"><supplies item="x" share="0.7"/></supplier>
  <supplier id="x-fr" country="FR"><supplies item="x" share="0.3"/></supplier>
  <supplier id="m-cn" country="CN"><supplies item="m" share="0.7"/></supplier>
  <supplier id="m-fr" country="FR"><supplies item="m" share="0.3"/></supplier>
"""


@pytest.mark.parametrize("stock", [0, 50])
def test_one_level_equals_version_1(tmp_path, stock):
    body = ONE_LEVEL.format(stock=stock)
    s = by_id(run_model(tmp_path, body, CN, 100)["items"])
    v1 = by_id(cp.stockpile(cp.load([write(tmp_path, body, "v1.xml")]), CN, 100)["items"])
    # m: target = req·D/365·lost = 730·100/365·0.7 = 140 (less the stock); x: 365·100/365·0.7 = 70
    assert s["m"]["target"] == pytest.approx(140 - stock) and s["x"]["target"] == pytest.approx(70)
    for i in ("m", "x"):
        assert s[i]["target"] == pytest.approx(v1[i]["target"], rel=1e-12)
        assert s[i]["shortfall"] == pytest.approx(v1[i]["shortfall"], rel=1e-12)
        assert s[i]["ownLoss"] == pytest.approx(v1[i]["lostShare"])
    # days of cover: 0 without stock; with 50 kg, 50 / (2·0.7) = 35.714... days, as in v1
    assert s["x"]["daysOfCover"] == 0 and v1["x"]["daysOfCover"] == 0
    assert s["m"]["daysOfCover"] == pytest.approx(v1["m"]["daysOfCover"], abs=1e-9)
    assert s["m"]["daysOfCover"] == pytest.approx(stock / 1.4, abs=1e-9)


# --- 5. sourcedFrom ----------------------------------------------------------------------

SOURCED = """
  <system id="x" demand="365"><uses item="p" quantity="1"/></system>
  <component id="p"><uses item="m" quantity="2"/></component>
  <material id="m" unit="kg" stock="100"/>
  <supplier id="a" country="DE">
    <supplies item="p" share="0.5"><sourcedFrom item="m" suppliers="s1"/></supplies>
  </supplier>
  <supplier id="b" country="FR"><supplies item="p" share="0.5"/></supplier>
  <supplier id="s1" country="CN"><supplies item="m" share="0.6"/></supplier>
  <supplier id="s2" country="AU"><supplies item="m" share="0.4"/></supplier>
"""


def test_sourced_from_channel(tmp_path):
    s = run_model(tmp_path, SOURCED, CN, 180)
    m = by_id(s["items"])["m"]
    # p: H = 180, no loss; a passes 90·2 = 180 kg into the channel (m, s1), b 180 kg to m's
    # open market. m: H = 360, S = 0.6·180 + 1·180 = 288, stock 100 -> target 188.
    assert m["requirement"] == pytest.approx(360) and m["shortfall"] == pytest.approx(288)
    assert m["target"] == pytest.approx(188) and m["ownLoss"] == pytest.approx(0.6)
    # time to survive: m is ordered 1 kg/day on the market (σ = 0.4) and 1 kg/day through
    # the channel (σ_ch = 0): gap 0.6 + 1 = 1.6 -> 100/1.6 = 62.5 days; x goes down with it.
    assert m["daysOfCover"] == pytest.approx(62.5, abs=1e-9)
    assert s["systems"] == [{"id": "x", "timeToSurvive": pytest.approx(62.5, abs=1e-9),
                             "firstToRunOut": "m", "firstToRunOutTie": False}]
    # --gap-rule sigma reads the article's o·(1 - σ) literally: 2·0.6 = 1.2 -> 83.33 days
    t = run_model(tmp_path, SOURCED, CN, 180, gap_rule="sigma")
    assert by_id(t["items"])["m"]["daysOfCover"] == pytest.approx(100 / 1.2, abs=1e-9)


SOURCED_WEIGHTED = """
  <system id="x" demand="365"><uses item="m" quantity="1"/></system>
  <material id="m" unit="kg"/>
  <supplier id="a" country="DE">
    <supplies item="x" share="1"><sourcedFrom item="m" suppliers="s1 s3"/></supplies>
  </supplier>
  <supplier id="s1" country="CN"><supplies item="m" share="0.5"/></supplier>
  <supplier id="s2" country="AU"><supplies item="m" share="0.3"/></supplier>
  <supplier id="s3" country="DE"><supplies item="m" share="0.2"/></supplier>
"""


def test_sourced_from_several_suppliers_loses_their_weighted_share(tmp_path):
    s = by_id(run_model(tmp_path, SOURCED_WEIGHTED, CN, 70)["items"])
    # all 70 kg go through the channel (s1, s3): λ_ch = 0.5 / (0.5 + 0.2) = 5/7 -> S = 50
    assert s["m"]["requirement"] == pytest.approx(70) and s["m"]["shortfall"] == pytest.approx(50)
    assert s["m"]["target"] == pytest.approx(50) and s["m"]["ownLoss"] == pytest.approx(0.5)


# --- 6. two parallel inputs (Leontief) --------------------------------------------------

LEONTIEF = """
  <system id="x" demand="365"><uses item="p" quantity="1"/></system>
  <component id="p" stock="30"><uses item="m1" quantity="1"/><uses item="m2" quantity="1"/></component>
  <material id="m1" stock="50.07"/>
  <material id="m2" stock="10.13"/>
  <supplier id="p-de" country="DE"><supplies item="p" share="1"/></supplier>
  <supplier id="m1-cn" country="CN"><supplies item="m1" share="0.5"/></supplier>
  <supplier id="m1-au" country="AU"><supplies item="m1" share="0.5"/></supplier>
  <supplier id="m2-cn" country="CN"><supplies item="m2" share="0.2"/></supplier>
  <supplier id="m2-ca" country="CA"><supplies item="m2" share="0.8"/></supplier>
"""


@pytest.mark.parametrize("steps", [1, 24, 100])
def test_two_parallel_inputs(tmp_path, steps):
    s = run_model(tmp_path, LEONTIEF, CN, 180, steps_per_day=steps)
    it = by_id(s["items"])
    # everything is ordered 1 a day. m1: gap 0.5 -> 50.07/0.5 = 100.14 days; m2: gap 0.2 ->
    # 10.13/0.2 = 50.65 days. p: σ = min(fill m1, fill m2): 1 until 50.65, then 0.8 (gap
    # 0.2): 49.49·0.2 = 9.898 used by 100.14, 20.102 left; then min(0.5, 0.8) = 0.5 (gap
    # 0.5): 40.204 more days -> p runs out at 140.344; x with it.
    # The run-outs fall inside steps (not on their ends) even at 1 step a day: the extra draw
    # since the moment an input ran out is charged, so the figures do not lag.
    assert it["m1"]["daysOfCover"] == pytest.approx(100.14, abs=1e-9)
    assert it["m2"]["daysOfCover"] == pytest.approx(50.65, abs=1e-9)
    assert it["p"]["daysOfCover"] == pytest.approx(140.344, abs=1e-9)
    assert s["systems"][0]["timeToSurvive"] == pytest.approx(140.344, abs=1e-9)
    assert s["systems"][0]["firstToRunOut"] == "p"
    # plan (180 days): p loses nothing; its 30 in stock net 30 of the 180 ordered from DE
    # (ρ = 1/6): DE orders 150 of each input. m1: S = 75 -> 75 - 50.07 = 24.93;
    # m2: S = 30 -> 30 - 10.13 = 19.87.
    assert it["p"]["target"] == 0 and it["m1"]["requirement"] == pytest.approx(150)
    assert it["m1"]["target"] == pytest.approx(24.93) and it["m2"]["target"] == pytest.approx(19.87)


BINDING = """
  <system id="x" demand="365"><uses item="{first}" quantity="1"/><uses item="{second}" quantity="1"/></system>
  <material id="m1"/>
  <material id="m2"/>
  <supplier id="x-de" country="DE"><supplies item="x" share="1"/></supplier>
  <supplier id="m1-cn" country="CN"><supplies item="m1" share="0.2"/></supplier>
  <supplier id="m1-au" country="AU"><supplies item="m1" share="0.8"/></supplier>
  <supplier id="m2-cn" country="CN"><supplies item="m2" share="0.5"/></supplier>
  <supplier id="m2-ca" country="CA"><supplies item="m2" share="0.5"/></supplier>
"""


@pytest.mark.parametrize("first,second", [("m1", "m2"), ("m2", "m1")])
def test_the_scarcest_input_is_the_one_that_brings_the_system_down(tmp_path, first, second):
    # both inputs lose at day 0 (fills 0.8 and 0.5); x-de makes min(0.8, 0.5) = 0.5 of its
    # orders: m2 binds, m1 does not (whichever is listed first)
    s = run_model(tmp_path, BINDING.format(first=first, second=second), CN, 180)
    assert s["systems"] == [{"id": "x", "timeToSurvive": 0, "firstToRunOut": "m2", "firstToRunOutTie": False}]


SAME_STEP = """
  <system id="x" demand="365"><uses item="m1" quantity="1"/><uses item="m2" quantity="1"/></system>
  <material id="m1" stock="25.4"/>
  <material id="m2" stock="25.15"/>
  <supplier id="x-de" country="DE"><supplies item="x" share="1"/></supplier>
  <supplier id="m1-cn" country="CN"><supplies item="m1" share="0.5"/></supplier>
  <supplier id="m1-au" country="AU"><supplies item="m1" share="0.5"/></supplier>
  <supplier id="m2-cn" country="CN"><supplies item="m2" share="0.5"/></supplier>
  <supplier id="m2-ca" country="CA"><supplies item="m2" share="0.5"/></supplier>
"""


@pytest.mark.parametrize("steps", [1, 24])
def test_two_inputs_running_out_within_one_step(tmp_path, steps):
    # gaps 0.5 a day: m2 runs out at 25.15/0.5 = 50.3, m1 at 50.8 -- within the same day.
    # Both leave a fill of 0.5; x falls short at 50.3, because of m2.
    s = run_model(tmp_path, SAME_STEP, CN, 180, steps_per_day=steps)
    assert s["systems"] == [{"id": "x", "timeToSurvive": pytest.approx(50.3, abs=1e-9),
                             "firstToRunOut": "m2", "firstToRunOutTie": False}]


def test_every_step_or_steps_taken_together_give_the_same_figures(tmp_path):
    a = run_model(tmp_path, LEONTIEF, CN, 180, steps_per_day=4, skip=True)
    b = run_model(tmp_path, LEONTIEF, CN, 180, steps_per_day=4, skip=False)
    for x, y in zip(a["items"] + a["systems"], b["items"] + b["systems"]):
        for k, v in x.items():
            assert (v == pytest.approx(y[k], abs=1e-9)) if isinstance(v, float) else v == y[k]


# --- 7. a shared input with two buyers ------------------------------------------------------

SHARED = """
  <system id="x1" demand="365"><uses item="p1" quantity="1"/></system>
  <system id="x2" demand="730"><uses item="p2" quantity="1"/></system>
  <component id="p1" stock="{p1}"><uses item="m" quantity="1"/></component>
  <component id="p2"><uses item="m" quantity="0.5"/></component>
  <material id="m" stock="40"/>
  <supplier id="p1-de" country="DE"><supplies item="p1" share="1"/></supplier>
  <supplier id="p2-fr" country="FR"><supplies item="p2" share="1"/></supplier>
  <supplier id="m-cn" country="CN"><supplies item="m" share="0.5"/></supplier>
  <supplier id="m-no" country="NO"><supplies item="m" share="0.5"/></supplier>
"""


def test_shared_input_with_two_buyers(tmp_path):
    s = run_model(tmp_path, SHARED.format(p1=0), CN, 60)
    it, sy = by_id(s["items"]), by_id(s["systems"])
    # m is ordered 1 (p1) + 2·0.5 (p2) = 2 a day; one stock serves both: gap 2·0.5 = 1 a day
    # -> 40 days for both systems. Plan: H(m) = 60 + 60 = 120, S = 60 counted once, T = 20.
    assert it["m"]["requirement"] == pytest.approx(120) and it["m"]["target"] == pytest.approx(20)
    assert it["m"]["daysOfCover"] == pytest.approx(40, abs=1e-9)
    for x in ("x1", "x2"):
        assert sy[x]["timeToSurvive"] == pytest.approx(40, abs=1e-9) and sy[x]["firstToRunOut"] == "m"
    # with 10 of p1 in stock: the plan nets 10 of p1's 60 (ρ = 1/6): H(m) = 50 + 60 = 110,
    # S = 55, T = 15. Time: p1's stock is drawn only once m runs out (gap 1·(1 - 0.5) = 0.5 a
    # day): 10/0.5 = 20 more days -> x1 lasts 60 days (p1 first), x2 still 40 (m first).
    s = run_model(tmp_path, SHARED.format(p1=10), CN, 60)
    it, sy = by_id(s["items"]), by_id(s["systems"])
    assert it["m"]["requirement"] == pytest.approx(110) and it["m"]["target"] == pytest.approx(15)
    assert it["m"]["daysOfCover"] == pytest.approx(40, abs=1e-9)
    assert it["p1"]["daysOfCover"] == pytest.approx(60, abs=1e-9)
    assert sy["x1"]["timeToSurvive"] == pytest.approx(60, abs=1e-9) and sy["x1"]["firstToRunOut"] == "p1"
    assert sy["x2"]["timeToSurvive"] == pytest.approx(40, abs=1e-9) and sy["x2"]["firstToRunOut"] == "m"


# --- 8. the worst country per item --------------------------------------------------------

WORST = """
  <system id="x" demand="365">
    <uses item="e" quantity="1"/><uses item="a" quantity="1"/><uses item="b" quantity="1"/>
    <uses item="c" quantity="1"/>
  </system>
  <material id="a"/><material id="b"/><material id="c"/><material id="e"/>
  <supplier id="cn1" country="CN"><supplies item="a" share="0.4"/><supplies item="e" share="0.3"/></supplier>
  <supplier id="a-us" country="US"><supplies item="a" share="0.4"/></supplier>
  <supplier id="a-de" country="DE"><supplies item="a" share="0.2"/></supplier>
  <supplier id="b-unknown"><supplies item="b" share="0.7"/></supplier>
  <supplier id="b-us" country="US"><supplies item="b" share="0.3"/></supplier>
  <supplier id="c-de" country="DE"><supplies item="c" share="1"/></supplier>
  <supplier id="c-ru" country="RU"><supplies item="c" share="0"/></supplier>
  <supplier id="e-us" country="US"><supplies item="e" share="0.7"/></supplier>
"""


def test_worst_country_per_item(tmp_path):
    s = sim(tmp_path, WORST, "--days", "365")
    assert s["scenario"] == {"worstCountry": True}
    it = by_id(s["items"])
    # a: CN 0.4 = US 0.4 -> the lower code, CN; b: unknown origin is no country -> US 0.3;
    # c: only RU outside the EU, with share 0 -> nothing to lose; e: US 0.7 > CN 0.3 -> US,
    # and cn1 still delivers e although it fails at a.
    assert {i: it[i]["scenarioCountry"] for i in "abce"} == {"a": "CN", "b": "US", "c": None, "e": "US"}
    assert {i: it[i]["ownLoss"] for i in "abce"} == pytest.approx({"a": 0.4, "b": 0.3, "c": 0, "e": 0.7})
    assert {i: it[i]["target"] for i in "abce"} == pytest.approx({"a": 146, "b": 109.5, "c": 0, "e": 255.5})
    assert it["x"]["scenarioCountry"] is None  # no supplier
    # x (made in house) has the fill of its scarcest input at day 0: e (0.3, against a 0.6,
    # b 0.7, c 1) is the loss that brings it down
    assert s["systems"] == [{"id": "x", "timeToSurvive": 0, "firstToRunOut": "e", "firstToRunOutTie": False}]


TIE = """
  <system id="x" demand="365"><uses item="a" quantity="1"/></system>
  <component id="a"><uses item="c" quantity="1"/></component>
  <material id="c"/>
  <supplier id="a-cn" country="CN"><supplies item="a" share="0.5"/></supplier>
  <supplier id="a-de" country="DE"><supplies item="a" share="0.5"/></supplier>
  <supplier id="c-cn" country="CN"><supplies item="c" share="0.5"/></supplier>
  <supplier id="c-ca" country="CA"><supplies item="c" share="0.5"/></supplier>
"""


def test_losses_at_two_stages_at_day_0_are_a_tie(tmp_path):
    s = run_model(tmp_path, TIE, CN, 180)
    # a: σ = 0.5·0 (its own loss) + 0.5·fill(c) = 0.5·0.5 = 0.25: both a's own loss and c's
    # bring x down at day 0; the smallest id is named and the tie flagged
    assert s["systems"] == [{"id": "x", "timeToSurvive": 0, "firstToRunOut": "a", "firstToRunOutTie": True}]
    assert by_id(s["items"])["a"]["lossFrom"] is None and by_id(s["items"])["c"]["lossFrom"] == "c"


# --- 9. unattributed share ------------------------------------------------------------------

UNATTRIBUTED = """
  <system id="x" demand="365"><uses item="m" quantity="1"/></system>
  <material id="m" stock="10"/>
  <supplier id="m-cn" country="CN"><supplies item="m" share="0.5"/></supplier>
  <supplier id="m-de" country="DE"><supplies item="m" share="0.3"/></supplier>
"""


def test_unattributed_share_keeps_delivering_unless_unknown_origin_fails(tmp_path):
    # u(m) = 0.2. Cutting CN off: λ = 0.5, gap 0.5 a day -> 20 days; target 0.5·100 - 10 = 40.
    a = by_id(run_model(tmp_path, UNATTRIBUTED, CN, 100)["items"])["m"]
    assert a["ownLoss"] == pytest.approx(0.5) and a["target"] == pytest.approx(40)
    assert a["daysOfCover"] == pytest.approx(20, abs=1e-9)
    # EU only also fails unknown origin: λ = 0.5 + 0.2 = 0.7 -> 70 - 10 = 60; 10/0.7 days.
    b = by_id(run_model(tmp_path, UNATTRIBUTED, {"onlyGroup": ["EU"]}, 100)["items"])["m"]
    assert b["ownLoss"] == pytest.approx(0.7) and b["target"] == pytest.approx(60)
    assert b["daysOfCover"] == pytest.approx(10 / 0.7, abs=1e-9)


# --- 10. the plan check, the cap, the command line ------------------------------------------


def test_plan_check_finds_a_plan_that_does_not_hold(tmp_path):
    model = cp.load([write(tmp_path, WORKED)])
    chain = ss.Chain(model, cp.scenario_failures(model, CN))
    stock = {i: model.items[i]["stock"] for i in model.items}
    targets = ss.plan(chain, 180, stock)["T"]
    assert ss.check_plan(chain, 180, stock, targets)["ok"] is True
    short = dict(targets, **{"natural-graphite": targets["natural-graphite"] - 1.0})
    check = ss.check_plan(chain, 180, stock, short)
    # 1 kg of natural graphite missing: it is short on the last days, and so is what uses it
    assert check["ok"] is False and check["furtherTargets"] == {"natural-graphite": pytest.approx(1.0)}
    assert {r["id"] for r in check["short"]} >= {"natural-graphite"}


CAP = """
  <system id="x" demand="730"><uses item="m" quantity="1"/></system>
  <material id="m" stock="{stock}"/>
  <supplier id="m-cn" country="CN"><supplies item="m" share="0.5"/></supplier>
  <supplier id="m-au" country="AU"><supplies item="m" share="0.5"/></supplier>
"""


def test_cover_cap(tmp_path):
    # gap 2·0.5 = 1 a day: a stock of N lasts N days; the cap is max(100·D, 36500) days
    def cover(stock, days):
        s = run_model(tmp_path, CAP.format(stock=stock), CN, days)
        return by_id(s["items"])["m"]["daysOfCover"], s["systems"][0]["timeToSurvive"], s["coverCap"]
    assert cover(36000, 180) == (pytest.approx(36000), pytest.approx(36000), 36500)
    assert cover(36600, 180) == (None, None, 36500)
    assert cover(36600, 400) == (pytest.approx(36600), pytest.approx(36600), 40000)


UNORDERED = """
  <system id="x" demand="365"><uses item="m" quantity="1"/></system>
  <material id="m"/>
  <material id="spare" stock="{stock}"/>
  <supplier id="m-de" country="DE"><supplies item="m" share="1"/></supplier>
  <supplier id="spare-cn" country="CN"><supplies item="spare" share="0.5"/></supplier>
  <supplier id="spare-no" country="NO"><supplies item="spare" share="0.5"/></supplier>
"""


def test_an_item_nobody_orders(tmp_path):
    # spare: no demand, no buyer, loses half: no stock -> its fill is 0.5 from day 0 (days of
    # cover 0, although no order goes short); with stock nothing is ever drawn -> null
    for stock, cover in ((0, 0), (5, None)):
        it = by_id(run_model(tmp_path, UNORDERED.format(stock=stock), CN, 180)["items"])
        assert it["spare"]["daysOfCover"] == cover and it["spare"]["target"] == 0
        assert it["spare"]["requirement"] == 0 and it["m"]["daysOfCover"] is None


def test_no_loss_never_runs_out(tmp_path):
    s = run_model(tmp_path, HIGH_STOCK, {"withoutCountry": ["JP"]}, 180)
    assert all(r["daysOfCover"] is None and r["target"] == 0 for r in s["items"])
    assert s["systems"] == [{"id": "x", "timeToSurvive": None, "firstToRunOut": None, "firstToRunOutTie": False}]


@pytest.mark.parametrize("days", ["-5", "0", "inf", "nan"])
def test_days_must_be_positive(tmp_path, days):
    p = subprocess.run([sys.executable, str(HERE / "stockpile_sim.py"), write(tmp_path, WORKED), "--days", days],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "--days must be a positive number" in p.stderr


def test_days_beyond_what_the_simulation_steps(tmp_path):
    p = subprocess.run([sys.executable, str(HERE / "stockpile_sim.py"), write(tmp_path, WORKED), "--days", "1e308"],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "at most 100000 days" in p.stderr


def test_fractional_days(tmp_path):
    # 90.5 days: the last step is half a day. anode: 2·90.5·0.9 = 162.9
    s = by_id(sim(tmp_path, WORKED, "--without-country", "CN", "--days", "90.5")["items"])
    assert s["anode"]["target"] == pytest.approx(162.9) and s["drone"]["requirement"] == pytest.approx(181)


# --- 11. generated data ---------------------------------------------------------------------


def test_generated_chain(tmp_path):
    out = tmp_path / "gen.xml"
    subprocess.run([sys.executable, str(REPO / "Tools/generate.py"), "--items", "400", "--seed", "5",
                    "-o", str(out), "--quiet"], check=True)
    model = cp.load([str(out)])
    fine = ss.stockpile_sim(model, CN, 90, steps_per_day=24)
    coarse = ss.stockpile_sim(model, CN, 90, steps_per_day=2)
    assert fine["planCheck"]["ok"] is True
    stocked = [r for r in fine["items"] if r["stock"] > 0]
    # stock at several tiers, covering the horizon in places and not elsewhere
    assert {r["id"].split("-")[0] for r in stocked} >= {"asm", "cmp", "pm", "raw"}
    assert any(r["target"] == 0 and r["shortfall"] > 0 for r in stocked)
    assert any(r["target"] > 0 for r in stocked)
    assert any((s["timeToSurvive"] or 0) > 0 for s in fine["systems"])
    # the figures do not depend on the step (up to the step: inputs running out in one step)
    assert compare_stockpile.compare(coarse, dict(fine, schemaVersion=2)) == []


# --- 12. the comparer -----------------------------------------------------------------------


def test_compare_stockpile(tmp_path):
    a = run_model(tmp_path, LEONTIEF, CN, 180)
    assert compare_stockpile.compare(a, a) == []
    b = json.loads(json.dumps(a))
    b["schemaVersion"] = 1
    assert compare_stockpile.compare(a, b) == ["$.schemaVersion: the tool wrote 1, not 2"]
    b = json.loads(json.dumps(a))
    p = next(r for r in b["items"] if r["id"] == "p")
    p["daysOfCover"] += 0.9 / 24  # within one step
    p["target"] = 1e-12  # binary noise on a 0
    assert compare_stockpile.compare(a, b) == []
    p["daysOfCover"] += 0.2 / 24
    m1 = next(r for r in b["items"] if r["id"] == "m1")
    m1["target"] *= 1 + 2e-6
    b["systems"][0]["firstToRunOut"] = "m2"
    d = compare_stockpile.compare(a, b)
    assert len(d) == 3 and d[0].startswith("$.items[id=m1].target") and "p].daysOfCover" in d[1]
    assert d[2].startswith("$.systems[id=x].firstToRunOut")
    # null on the simulation's side: equal to a figure beyond the cap, not to one within it
    c = json.loads(json.dumps(a))
    c["items"][0]["daysOfCover"] = None
    e = json.loads(json.dumps(c))
    e["items"][0]["daysOfCover"] = 36600
    assert compare_stockpile.compare(c, e) == []
    e["items"][0]["daysOfCover"] = 300
    assert len(compare_stockpile.compare(c, e)) == 1
    # a tie on the simulation's side: firstToRunOut is not compared
    w = run_model(tmp_path, TIE, CN, 180)
    v = json.loads(json.dumps(w))
    v["systems"][0]["firstToRunOut"] = "c"
    assert compare_stockpile.compare(w, v) == []
    w["systems"][0]["firstToRunOutTie"] = False
    assert len(compare_stockpile.compare(w, v)) == 1
