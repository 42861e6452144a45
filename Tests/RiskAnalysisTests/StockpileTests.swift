import Testing
import SupplyGraph
@testable import RiskAnalysis

/// The hidden-SPOF chain with stock on M and a time to recover on m1.
///
/// Worked by hand, without CN for 180 days:
/// - M: req 60 kg/yr, lost 0.5, shortfall 60·180/365·0.5 = 14.7945…, stock 15 → target 0;
///   TTS = 15 / (60·0.5/365) = 182.5 d; TTR 200 d (m1) → TTS < TTR.
/// - P: req 20, lost 1 (both makers need m1), stock 0 → shortfall = target = 20·180/365 =
///   9.8630…; TTS 0; no TTR (p1, p2 carry none).
/// - X: no supply edges → lost 0, TTS ∞. The system's first item to run out: P, at 0 days.
let stockpileChain = """
    <system id="X" demand="10"><uses item="P" quantity="2"/></system>
    <component id="P"><uses item="M" quantity="3"/></component>
    <material id="M" unit="kg" stock="15"/>
    <material id="Idle" stock="4"/>
    <supplier id="p1" country="DE"><supplies item="P" share="0.6"><sourcedFrom item="M" suppliers="m1"/></supplies></supplier>
    <supplier id="p2" country="FR"><supplies item="P" share="0.4"><sourcedFrom item="M" suppliers="m1"/></supplies></supplier>
    <supplier id="m1" country="CN" recoveryDays="200"><supplies item="M" share="0.5"/><supplies item="Idle"/></supplier>
    <supplier id="m2" country="PL" recoveryDays="30"><supplies item="M" share="0.5"/></supplier>
    """

@Suite("Stockpile, worked by hand")
struct StockpileTests {
    func plan(_ mode: (SupplyGraph) throws -> StockpilePlan.Mode, days: Double = 180) throws -> (SupplyGraph, StockpilePlan) {
        let g = try graph(stockpileChain)
        let plan = StockpilePlan(g, days: days, mode: try mode(g), shares: ShareTable(g), requirement: Requirement.compute(g))
        return (g, plan)
    }

    @Test func withoutChina() throws {
        let (g, plan) = try plan { .scenario(try Scenario(withoutCountries: ["CN"]).disruption(in: $0)) }
        let m = plan.rows[g.id("M").index]
        #expect(m.requirement == 60 && m.stock == 15 && m.lostShare == 0.5)
        #expect(close(m.shortfall, 60 * 180 / 365 * 0.5) && m.target == 0)
        #expect(close(m.daysOfCover, 182.5, 1e-9))
        #expect(m.recoveryDays == 200 && m.coverBelowRecovery)
        let p = plan.rows[g.id("P").index]
        #expect(p.lostShare == 1 && close(p.shortfall, 20 * 180 / 365) && close(p.target, 20 * 180 / 365))
        #expect(p.daysOfCover == 0 && p.recoveryDays == nil && !p.coverBelowRecovery)
        let x = plan.rows[g.id("X").index]
        #expect(x.lostShare == 0 && x.daysOfCover == .infinity && x.shortfall == 0)
        // Zero requirement: nothing is short, cover is infinite even though all supply is lost.
        let idle = plan.rows[g.id("Idle").index]
        #expect(idle.requirement == 0 && idle.lostShare == 1 && idle.daysOfCover == .infinity && idle.target == 0)
        #expect(plan.systems.count == 1 && plan.systems[0].firstToRunOut == g.id("P") && plan.systems[0].daysOfCover == 0)
    }

    @Test func withoutASupplierThatHasAnAlternative() throws {
        let (g, plan) = try plan { .scenario(try Scenario(withoutSuppliers: ["m2"]).disruption(in: $0)) }
        let m = plan.rows[g.id("M").index]
        #expect(m.lostShare == 0.5 && m.recoveryDays == 30 && close(m.daysOfCover, 182.5, 1e-9) && !m.coverBelowRecovery)
        #expect(plan.rows[g.id("P").index].lostShare == 0)        // the makers buy from m1 only
        #expect(plan.systems[0].firstToRunOut == g.id("M"))
    }

    @Test func worstCountryPerItem() throws {
        let (g, plan) = try plan { _ in .worstCountry }
        #expect(plan.rows[g.id("M").index].scenarioCountry?.code == "CN")
        #expect(plan.rows[g.id("M").index].lostShare == 0.5)
        // P's own suppliers are all in the EU: no country to lose, nothing lost.
        #expect(plan.rows[g.id("P").index].scenarioCountry == nil && plan.rows[g.id("P").index].lostShare == 0)
    }

    @Test func noDisruptionMeansInfiniteCover() throws {
        let (_, plan) = try plan({ .scenario(.none(in: $0)) }, days: 365)
        #expect(plan.rows.allSatisfy { $0.daysOfCover == .infinity && $0.target == 0 })
        #expect(plan.systems[0].firstToRunOut == nil)
    }

    @Test func unitsStayPerItem() throws {
        // 2 t of steel per hull, 3 hulls/yr; 0.5 kg of gallium per radar, 4 radars per hull.
        let g = try graph("""
            <system id="ship" demand="3"><uses item="steel" quantity="2"/><uses item="radar" quantity="4"/></system>
            <component id="radar"><uses item="ga" quantity="0.5"/></component>
            <material id="steel" unit="t"/><material id="ga" unit="kg"/>
            """)
        let r = Requirement.compute(g)
        #expect(r[g.id("steel").index] == 6 && r[g.id("ga").index] == 6 && r[g.id("radar").index] == 12)
        #expect(g.itemUnits[g.id("steel").index] == "t" && g.itemUnits[g.id("ga").index] == "kg")
    }
}
