"""Hand-worked checks of the version-3 verdict rules (DESIGN.md §7.2) in the reference:
states with crippled, ranges, commodity embargoes, the CRMA flags, aggregates and home."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from test_reference import by_id, run, write  # noqa: E402


def write_root(tmp_path: Path, root: str, body: str, name: str = "chain.xml") -> str:
    p = tmp_path / name
    p.write_text(f'<supplyChain xmlns="urn:chokepoint:supply-chain:1" name="t" {root}>\n{body}\n</supplyChain>\n')
    return str(p)


def two_sourced(cn: str, de: str) -> str:
    return f"""
      <system id="S"><uses item="M" quantity="1"/></system>
      <material id="M"/>
      <supplier id="cn" country="CN"><supplies item="M" share="{cn}"/></supplier>
      <supplier id="de" country="DE"><supplies item="M" share="{de}"/></supplier>"""


@pytest.mark.parametrize("cn,de,expected", [("0.9001", "0.0999", "crippled"), ("0.9", "0.1", "degraded")])
def test_crippled_below_critical(tmp_path, cn, de, expected):
    f = write(tmp_path, two_sourced(cn, de))
    w = run("whatif", [f], "--without-country", "CN", "--critical", "0.1")
    assert w["systems"][0]["state"] == expected
    assert w["systems"][0]["supplyFraction"] == pytest.approx(float(de))


def test_states_by_hand():
    import chokepoint_nx as cp
    assert cp.state(True, 0.0) == "falls"  # available through a share-0 route, nothing made
    assert cp.state(False, 0.4) == "falls"
    assert cp.state(True, 0.1 - 2e-9) == "crippled"
    assert cp.state(True, 0.1 - 0.5e-9) == "degraded"
    assert cp.state(True, 1 - 0.5e-9) == "unaffected"
    assert cp.state(True, 0.3, critical=0.5) == "crippled"


UNMAPPED = """
  <system id="S"><uses item="M" quantity="1"/><uses item="N" quantity="1"/></system>
  <material id="M"/><material id="N"/>
  <supplier id="cn" country="CN"><supplies item="M" share="0.5"/><supplies item="N" share="0.5"/></supplier>
  <supplier id="x"><supplies item="M" share="0.2"/><supplies item="N" share="0.2"/></supplier>
  <supplier id="de" country="DE"><supplies item="M" share="0.1"/><supplies item="N" share="0.1"/></supplier>"""


def test_ranges_with_unknown_origin_and_unattributed_shares(tmp_path):
    f = write(tmp_path, UNMAPPED)
    # Without CN: figure 0.2 + 0.1 + 0.2 (u) = 0.5 = high; low fails x and u too: 0.1.
    m = by_id(run("whatif", [f], "--without-country", "CN")["items"])["M"]
    assert m["supplyFraction"] == pytest.approx(0.5)
    assert m["supplyFractionRange"] == [pytest.approx(0.1), pytest.approx(0.5)]
    # Only EU: the figure is the low end.
    m = by_id(run("whatif", [f], "--only-group", "EU")["items"])["M"]
    assert m["supplyFractionRange"] == [pytest.approx(0.1), pytest.approx(0.5)]
    # Naming unknown, or a supplier alone: no range.
    m = by_id(run("whatif", [f], "--without-country", "CN,unknown")["items"])["M"]
    assert m["supplyFractionRange"] == [pytest.approx(0.1), pytest.approx(0.1)]
    m = by_id(run("whatif", [f], "--without-supplier", "cn")["items"])["M"]
    assert m["supplyFractionRange"] == [pytest.approx(0.5), pytest.approx(0.5)]
    # The named supplier stays failed at both ends.
    m = by_id(run("whatif", [f], "--without-supplier", "de", "--without-country", "CN")["items"])["M"]
    assert m["supplyFractionRange"] == [pytest.approx(0.0), pytest.approx(0.4)]
    # An embargo on M alone: N keeps everything at both ends.
    items = by_id(run("whatif", [f], "--without-country", "CN", "--items", "M")["items"])
    assert items["M"]["supplyFractionRange"] == [pytest.approx(0.1), pytest.approx(0.5)]
    assert items["N"]["supplyFractionRange"] == [pytest.approx(1.0), pytest.approx(1.0)]
    # The report's EU-only range.
    r = run("report", [f])
    assert r["systems"][0]["euOnlySupplyFractionRange"] == [pytest.approx(0.1), pytest.approx(0.5)]


GALLIUM = """
  <system id="radar"><uses item="gallium-metal" quantity="1"/><uses item="high-purity-gallium" quantity="1"/><uses item="casing" quantity="1"/></system>
  <material id="gallium-metal" commodity="gallium"/>
  <component id="high-purity-gallium" commodity=" Gallium "/>
  <material id="casing" commodity="Aluminum"/>
  <supplier id="ga-cn" country="CN"><supplies item="gallium-metal" share="0.9"/><supplies item="high-purity-gallium" share="0.988"/><supplies item="casing" share="0.6"/></supplier>
  <supplier id="ga-de" country="DE"><supplies item="gallium-metal" share="0.1"/><supplies item="high-purity-gallium" share="0.012"/><supplies item="casing" share="0.4"/></supplier>"""


def test_embargo_by_commodity_catches_what_a_glob_misses(tmp_path):
    f = write(tmp_path, GALLIUM)
    by_glob = by_id(run("whatif", [f], "--without-country", "CN", "--items", "gallium*")["items"])
    assert by_glob["high-purity-gallium"]["supplyFraction"] == 1.0
    by_commodity = run("whatif", [f], "--without-country", "CN", "--commodity", "gallium")
    items = by_id(by_commodity["items"])
    assert items["high-purity-gallium"]["supplyFraction"] == pytest.approx(0.012)
    assert items["casing"]["supplyFraction"] == 1.0
    assert by_commodity["systems"][0]["state"] == "crippled"
    bauxite = by_id(run("whatif", [f], "--without-country", "CN", "--commodity", "bauxite")["items"])
    assert bauxite["casing"]["supplyFraction"] == pytest.approx(0.4)
    bad = subprocess.run([sys.executable, str(HERE / "chokepoint_nx.py"), "whatif", f, "--without-country", "CN",
                          "--commodity", "galium"], capture_output=True, text=True)
    assert bad.returncode == 2


def test_strategic_and_non_strategic_at_70_percent_cn(tmp_path):
    f = write(tmp_path, """
      <system id="S"><uses item="ga" quantity="1"/><uses item="p4" quantity="1"/><uses item="wafer" quantity="1"/><uses item="part" quantity="1"/></system>
      <material id="ga" commodity="gallium"/><material id="p4" commodity="phosphorus"/>
      <component id="wafer" commodity="gallium"/><component id="part"/>
      <supplier id="cn" country="CN"><supplies item="ga" share="0.7"/><supplies item="p4" share="0.7"/><supplies item="wafer" share="0.7"/><supplies item="part" share="0.7"/></supplier>
      <supplier id="de" country="DE"><supplies item="ga" share="0.3"/><supplies item="p4" share="0.3"/><supplies item="wafer" share="0.3"/><supplies item="part" share="0.3"/></supplier>""")
    items = by_id(run("report", [f])["items"])

    def flags(i):
        return tuple(items[i][k] for k in ("crma65", "strategic", "critical", "crmaStrategic65"))

    assert flags("ga") == (True, True, True, True)
    assert flags("p4") == (True, False, True, False)
    assert flags("wafer") == (True, True, True, True)
    assert flags("part") == (False, False, False, False)


HOME = """
  <system id="S"><uses item="M" quantity="1"/><uses item="P" quantity="1"/></system>
  <material id="M"/><component id="P"/>
  <supplier id="m-cn" country="CN" aggregate="true"><supplies item="M" share="0.6"/></supplier>
  <supplier id="m-us" country="US"><supplies item="M" share="0.4"/></supplier>
  <supplier id="p-nl" country="NL"><supplies item="P"/></supplier>"""


def test_aggregates_and_home(tmp_path):
    f = write_root(tmp_path, 'home="NL"', HOME)
    firms = run("impact", [f], "--by", "supplier")
    assert [r["key"] for r in firms["ranking"]] == ["p-nl", "m-us"]
    everyone = run("impact", [f], "--by", "supplier", "--include-aggregates")
    assert [r["key"] for r in everyone["ranking"]] == ["p-nl", "m-cn", "m-us"]
    countries = run("impact", [f])
    assert [r["key"] for r in countries["ranking"]] == ["CN", "US"]
    assert [r["key"] for r in run("impact", [f], "--home", "US")["ranking"]] == ["NL", "CN"]
    other = write_root(tmp_path, 'home="DE"', '<material id="z"/>', name="other.xml")
    bad = subprocess.run([sys.executable, str(HERE / "chokepoint_nx.py"), "report", f, other],
                         capture_output=True, text=True)
    assert bad.returncode == 1
