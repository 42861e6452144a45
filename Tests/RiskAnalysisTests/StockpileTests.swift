import Testing
import SupplyGraph
@testable import RiskAnalysis

/// The hidden-SPOF chain with stock on M and a time to recover on m1.
///
/// Worked by hand, without CN for 180 days (model version 2):
/// - Orders over the horizon: X (made in house, demand 10) sends 10·180/365·2 = 9.863 to P;
///   P's makers p1 (0.6) and p2 (0.4) survive and buy M only from m1 (sourcedFrom):
///   5.918·3 + 3.945·3 = 29.589 kg (= 60·180/365), all on m1's edge, which fails.
/// - P loses nothing at its own stage: shortfall 0, target 0. M loses all its orders at its own
///   stage (through the makers' channel to m1): shortfall 29.589, stock 15 → target 14.589.
/// - Time to survive: M has stock 15 and a gap of 60/365 kg a day (nothing arrives from m1):
///   it runs out at 91.25 days; then P gets nothing, X neither: TTS(X) = 91.25 d, first to run
///   out M. M's TTR is 200 d (m1): cover below recovery.
/// - Without stock, φ(M) = 0.5 (m2 on the open market), φ(P) = φ(X) = 0: X's loss comes from M.
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

/// The article's worked example (<doc:StockpileModel>): a drone, its anode, spherical and
/// natural graphite, the Chinese suppliers lost for 180 days.
let graphiteChain = """
    <system id="drone" demand="730"><uses item="anode" quantity="1"/></system>
    <component id="anode"><uses item="spherical" quantity="0.5"/></component>
    <material id="spherical" unit="kg" stock="10"><uses item="natural" quantity="2"/></material>
    <material id="natural" unit="kg"/>
    <supplier id="drone-nl" country="NL"><supplies item="drone" share="1"/></supplier>
    <supplier id="anode-cn" country="CN"><supplies item="anode" share="0.9"/></supplier>
    <supplier id="anode-de" country="DE"><supplies item="anode" share="0.1"/></supplier>
    <supplier id="sph-cn" country="CN"><supplies item="spherical" share="0.5"/></supplier>
    <supplier id="sph-ca" country="CA"><supplies item="spherical" share="0.5"/></supplier>
    <supplier id="nat-cn" country="CN"><supplies item="natural" share="0.6"/></supplier>
    <supplier id="nat-mz" country="MZ"><supplies item="natural" share="0.4"/></supplier>
    """

@Suite("Stockpile, worked by hand")
struct StockpileTests {
    func plan(_ body: String = stockpileChain, days: Double = 180, _ mode: (SupplyGraph) throws -> StockpilePlan.Mode) throws
        -> (SupplyGraph, StockpilePlan)
    {
        let g = try graph(body)
        return (g, StockpilePlan(SupplyChainAnalysis(g), days: days, mode: try mode(g)))
    }

    func withoutChina(_ g: SupplyGraph) throws -> StockpilePlan.Mode {
        .scenario(try Scenario(withoutCountries: ["CN"]).disruption(in: g))
    }

    @Test func theArticlesWorkedExample() throws {
        let (g, plan) = try plan(graphiteChain, withoutChina)
        func row(_ key: String) -> StockpilePlan.Row { plan.rows[g.id(key).index] }
        #expect(close(row("drone").requirement, 360) && row("drone").target == 0)
        #expect(close(row("anode").requirement, 360) && close(row("anode").shortfall, 324) && close(row("anode").target, 324))
        #expect(close(row("spherical").requirement, 18) && close(row("spherical").shortfall, 9) && row("spherical").target == 0)
        #expect(close(row("natural").requirement, 16) && close(row("natural").shortfall, 9.6) && close(row("natural").target, 9.6))
        #expect(row("anode").ownLoss == 0.9 && row("anode").daysOfCover == 0)
        #expect(close(row("spherical").daysOfCover, 125, 1e-9))
        #expect(plan.systems.count == 1 && plan.systems[0].timeToSurvive == 0 && plan.systems[0].firstToRunOut == g.id("anode"))
        // Without stock the drone gets 10 % of its anodes, and of those the makers lack 80 % of
        // their graphite: φ = 0.1·(0.5·0.4) = 0.02.
        #expect(close(row("drone").lostFraction, 0.98) && row("drone").lossFrom == g.id("anode"))
    }

    @Test func aLostChannelIsTheInputsStage() throws {
        let (g, plan) = try plan(stockpileChain, withoutChina)
        let m = plan.rows[g.id("M").index], p = plan.rows[g.id("P").index], x = plan.rows[g.id("X").index]
        #expect(close(m.requirement, 60 * 180 / 365) && close(m.shortfall, 60 * 180 / 365))
        #expect(close(m.target, 60 * 180 / 365 - 15))
        #expect(p.shortfall == 0 && p.target == 0 && p.ownLoss == 0)
        #expect(close(m.daysOfCover, 91.25, 1e-9) && m.recoveryDays == 200 && m.coverBelowRecovery)
        #expect(close(p.daysOfCover, 91.25, 1e-9) && p.recoveryDays == nil)
        #expect(close(plan.systems[0].timeToSurvive, 91.25, 1e-9) && plan.systems[0].firstToRunOut == g.id("M"))
        #expect(x.lostFraction == 1 && x.lossFrom == g.id("M"))
        // Nothing orders Idle: all its supply is lost, yet nothing is short.
        let idle = plan.rows[g.id("Idle").index]
        #expect(idle.requirement == 0 && idle.ownLoss == 1 && idle.daysOfCover == .infinity && idle.target == 0)
    }

    @Test func withoutASupplierThatHasAnAlternative() throws {
        let (g, plan) = try plan { .scenario(try Scenario(withoutSuppliers: ["m2"]).disruption(in: $0)) }
        let m = plan.rows[g.id("M").index]
        // The makers buy from m1 only: m2's loss costs them nothing, and M has no open-market orders.
        #expect(m.ownLoss == 0.5 && m.shortfall == 0 && m.target == 0 && m.daysOfCover == .infinity)
        #expect(plan.systems[0].timeToSurvive == .infinity && plan.systems[0].firstToRunOut == nil)
    }

    @Test func worstCountryPerItem() throws {
        let (g, plan) = try plan { _ in .worstCountry() }
        #expect(plan.rows[g.id("M").index].scenarioCountry?.code == "CN")
        #expect(plan.rows[g.id("M").index].ownLoss == 0.5)
        // P's own suppliers are all in the EU: no country to lose, nothing lost at its stage.
        #expect(plan.rows[g.id("P").index].scenarioCountry == nil && plan.rows[g.id("P").index].ownLoss == 0)
    }

    @Test func noDisruptionMeansInfiniteCover() throws {
        let (_, plan) = try plan(days: 365) { .scenario(.none(in: $0)) }
        #expect(plan.rows.allSatisfy { $0.daysOfCover == .infinity && $0.target == 0 })
        #expect(plan.systems[0].firstToRunOut == nil)
    }

    /// Issue 12's properties. A chain S → A → B → C, S made in house with demand 365 a day…
    static func chain(stockOnA: Double, lossAt stage: String) -> String {
        func suppliers(_ item: String) -> String {
            item == stage
                ? "<supplier id=\"\(item)-cn\" country=\"CN\"><supplies item=\"\(item)\" share=\"0.5\"/></supplier><supplier id=\"\(item)-de\" country=\"DE\"><supplies item=\"\(item)\" share=\"0.5\"/></supplier>"
                : "<supplier id=\"\(item)-fr\" country=\"FR\"><supplies item=\"\(item)\" share=\"1\"/></supplier>"
        }
        return """
            <system id="S" demand="365"><uses item="A" quantity="1"/></system>
            <component id="A" stock="\(stockOnA)"><uses item="B" quantity="1"/></component>
            <component id="B"><uses item="C" quantity="2"/></component>
            <material id="C"/>
            \(suppliers("A"))\(suppliers("B"))\(suppliers("C"))
            """
    }

    @Test func stockAtAHigherTierCoveringTheHorizonLeavesNoTargetBelowIt() throws {
        // 180 days of A in stock; C loses half: nothing below A is ordered in the plan.
        let (g, plan) = try plan(Self.chain(stockOnA: 180, lossAt: "C"), withoutChina)
        #expect(plan.rows.allSatisfy { $0.target == 0 })
        #expect(plan.rows[g.id("B").index].requirement == 0 && plan.rows[g.id("C").index].requirement == 0)
        #expect(plan.systems[0].timeToSurvive >= 180)
    }

    @Test func oneLostGapInAChainOfThreeIsCoveredOnce() throws {
        let (g, plan) = try plan(Self.chain(stockOnA: 0, lossAt: "B"), withoutChina)
        // B loses half of its 180 units; C is ordered only by B's surviving maker (90 · 2).
        #expect(close(plan.rows[g.id("B").index].target, 90))
        #expect(plan.rows[g.id("A").index].target == 0 && plan.rows[g.id("C").index].target == 0)
        #expect(close(plan.rows[g.id("C").index].requirement, 180))
        #expect(close(plan.rows.reduce(0) { $0 + $1.target }, 90))
    }

    @Test func withoutStockOneLevelIsVersionOne() throws {
        // An item with suppliers and no inputs: target = req · D/365 · lost share, cover 0.
        let (g, plan) = try plan("""
            <system id="S" demand="50"/>
            <supplier id="cn" country="CN"><supplies item="S" share="0.3"/></supplier>
            <supplier id="de" country="DE"><supplies item="S" share="0.7"/></supplier>
            """, days: 90, withoutChina)
        let s = plan.rows[g.id("S").index]
        #expect(close(s.targetExact, 50 * 90 / 365 * 0.3) && close(s.shortfall, s.targetExact) && s.daysOfCover == 0)
        #expect(s.target == 4) // 3.699 pcs: one buys 4
    }

    @Test func pricesMakeThePlansCost() throws {
        let (_, plan) = try plan(graphiteChain.replacing("<material id=\"natural\" unit=\"kg\"/>",
                                                           with: "<material id=\"natural\" unit=\"kg\" price=\"12.5\"/>"), withoutChina)
        #expect(close(plan.totalCost ?? 0, 9.6 * 12.5) && plan.unpricedTargets) // the anode target has no price
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
