import BudgetPlan
import ChokepointTestSupport
import RiskAnalysis
import SupplyGraph
import Testing

/// The budget plan on hand-worked chains: every expected value is worked out in the comment.
@Suite("Budget plan")
struct BudgetPlanTests {
    /// The second stage may give up 1e-9 of production kept for a lower cost: costs are
    /// compared within 1e-4 (a relative 1e-8 here), per-system kept fractions within 1e-8.
    func plan(_ body: String, without countries: [String] = ["CN"], budget: Double, days: Double = 180, period: Double = 30,
              recovery: Bool = true, frontier: Int? = nil) throws -> (BudgetPlan, SupplyGraph) {
        let graph = try supplyGraph(body: body)
        let scenario = try PlanScenario(Scenario(withoutCountries: countries), in: graph)
        let settings = PlanSettings(days: days, period: period, budget: budget, recovery: recovery, frontierPoints: frontier)
        return (try BudgetPlan(graph: graph, scenario: scenario, settings: settings), graph)
    }

    /// A system made in house (365 a year: one a day) from 1 t of a material a unit, all of it
    /// from China at 100 EUR/t. Over 180 days the gap is 180 t; 9,000 EUR buys 90 t, half the
    /// gap: production kept 0.5, without the plan 0; each further EUR buys 1/100 t, 1/18,000
    /// of the window's production.
    static let oneMaterial = """
        <system id="s" demand="365"><uses item="m" quantity="1"/></system>
        <material id="m" unit="t" price="100"/>
        <supplier id="cn" country="CN"><supplies item="m" share="1"/></supplier>
        """

    @Test func aBudgetForHalfTheGapKeepsHalf() throws {
        let (result, graph) = try plan(Self.oneMaterial, budget: 9000)
        #expect(abs(result.productionKept - 0.5) < 1e-9)
        #expect(abs(result.productionKeptWithoutPlan) < 1e-9)
        #expect(abs(result.cost - 9000) < 1e-4)
        #expect(result.purchases.count == 1)
        #expect(graph.itemKeys[result.purchases[0].item] == "m")
        #expect(abs(result.purchases[0].quantity - 90) < 1e-6)
        #expect(abs(result.marginalValue - 1.0 / 18000) < 1e-12)
        #expect(abs(result.systems[0].kept - 0.5) < 1e-8)
    }

    @Test func moreThanTheGapIsNotSpent() throws {
        // 180 t close the gap for 18,000 EUR; a larger budget buys no more (second stage), and
        // the next EUR keeps nothing.
        let (result, _) = try plan(Self.oneMaterial, budget: 50000)
        #expect(abs(result.productionKept - 1) < 1e-9)
        #expect(abs(result.cost - 18000) < 1e-4)
        #expect(result.marginalValue == 0)
    }

    @Test func maxPurchaseCapsTheBuy() throws {
        // At most 45 t may be bought: a quarter of the gap.
        let body = Self.oneMaterial.replacingOccurrences(of: "price=\"100\"", with: "price=\"100\" maxPurchase=\"45\"")
        let (result, _) = try plan(body, budget: 50000)
        #expect(abs(result.productionKept - 0.25) < 1e-9)
        #expect(abs(result.cost - 4500) < 1e-4)
        #expect(result.marginalValue == 0)
    }

    @Test func theFrontierRunsFromZeroToTheCostOfTheMost() throws {
        // Bmax = 18,000 EUR; three budgets 0, 9,000, 18,000 keep 0, 0.5, 1.
        let (result, _) = try plan(Self.oneMaterial, budget: 0, frontier: 3)
        #expect(result.frontier.map(\.budget).enumerated().allSatisfy { abs($0.element - 9000 * Double($0.offset)) < 1e-4 })
        #expect(result.frontier.map(\.productionKept).enumerated().allSatisfy { abs($0.element - 0.5 * Double($0.offset)) < 1e-9 })
    }

    /// The Chinese supplier comes back at day 90: production runs on [90, 180), half the window.
    @Test(arguments: [(true, 0.5), (false, 0.0)])
    func aSupplierBackAtDay90(recovery: Bool, expected: Double) throws {
        let body = Self.oneMaterial.replacingOccurrences(of: "<supplier id=\"cn\" country=\"CN\">",
                                                         with: "<supplier id=\"cn\" country=\"CN\" recoveryDays=\"90\">")
        let (result, _) = try plan(body, budget: 0, recovery: recovery)
        #expect(abs(result.productionKept - expected) < 1e-9)
    }

    @Test func recoveryInsideAPeriodCountsItsDays() throws {
        // Back at day 45, periods of 30 days: half of the second period and all after it,
        // 135 of 180 days.
        let body = Self.oneMaterial.replacingOccurrences(of: "<supplier id=\"cn\" country=\"CN\">",
                                                         with: "<supplier id=\"cn\" country=\"CN\" recoveryDays=\"45\">")
        let (result, _) = try plan(body, budget: 0)
        #expect(abs(result.productionKept - 0.75) < 1e-9)
    }

    /// The system's maker buys its material only from the Chinese producer (share 0.5), though
    /// a German one makes the other half. Cut off from China it can draw only on stock: 45 t
    /// keep 45 of 180 days. Without the `sourcedFrom`, the German half keeps 0.5 (plus the
    /// stock: 0.75).
    @Test(arguments: [(true, 0.25), (false, 0.75)])
    func anInputOnlyFromANamedSubSupplier(restricted: Bool, expected: Double) throws {
        let sourcing = restricted ? "<sourcedFrom item=\"m\" suppliers=\"cn\"/>" : ""
        let body = """
            <system id="s" demand="365"><uses item="m" quantity="1"/></system>
            <material id="m" unit="t" stock="45"/>
            <supplier id="maker" country="DE"><supplies item="s" share="1">\(sourcing)</supplies></supplier>
            <supplier id="cn" country="CN"><supplies item="m" share="0.5"/></supplier>
            <supplier id="de" country="DE"><supplies item="m" share="0.5"/></supplier>
            """
        let (result, _) = try plan(body, budget: 0)
        #expect(abs(result.productionKept - expected) < 1e-9)
    }

    @Test func theRestrictedBuyersNeedIsRaisedSoThatNothingFailedKeepsAll() throws {
        // The maker needs 365 t a year from 'cn', whose normal flow is 182.5 t: raised to 365.
        let body = """
            <system id="s" demand="365"><uses item="m" quantity="1"/></system>
            <material id="m" unit="t"/>
            <supplier id="maker" country="DE"><supplies item="s" share="1"><sourcedFrom item="m" suppliers="cn"/></supplies></supplier>
            <supplier id="cn" country="CN"><supplies item="m" share="0.5"/></supplier>
            <supplier id="de" country="DE"><supplies item="m" share="0.5"/></supplier>
            """
        let (result, graph) = try plan(body, without: [], budget: 0)
        #expect(abs(result.productionKept - 1) < 1e-9)
        let shortfalls = SourcingConsistency.shortfalls(in: graph, shares: ShareTable(graph), requirement: Requirement.compute(graph))
        #expect(shortfalls.count == 1)
        #expect(abs((shortfalls.first?.need ?? 0) - 365) < 1e-9)
        #expect(abs((shortfalls.first?.normalFlow ?? 0) - 182.5) < 1e-9)
    }

    /// A German second source of the material, 1,000 EUR, delivering from day 60: production on
    /// [60, 180), two thirds. At 999 EUR it cannot be afforded; a Chinese one fails with China.
    @Test(arguments: [("DE", 1000.0, 2.0 / 3, true), ("DE", 999.0, 0.0, false), ("CN", 1000.0, 0.0, false)])
    func anOptionArrivesAfterItsLeadTime(country: String, budget: Double, expected: Double, taken: Bool) throws {
        let body = """
            <system id="s" demand="365"><uses item="m" quantity="1"/></system>
            <material id="m" unit="t"/>
            <supplier id="cn" country="CN"><supplies item="m" share="1"/></supplier>
            <option id="second-source" item="m" country="\(country)" share="1" cost="1000" leadTimeDays="60"/>
            """
        let (result, _) = try plan(body, budget: budget)
        #expect(abs(result.productionKept - expected) < 1e-9)
        #expect(result.optionsChosen == [taken])
        #expect(abs(result.cost - (taken ? 1000 : 0)) < 1e-6)
        #expect(result.productionKeptWithoutPlan == 0)
    }

    @Test func anUnpricedItemsStockHasAValuePerUnit() throws {
        // Without a price nothing can be bought; one more tonne in stock keeps one more day of
        // 180: 1/180 per tonne.
        let body = Self.oneMaterial.replacingOccurrences(of: " price=\"100\"", with: "")
        let (result, graph) = try plan(body, budget: 1_000_000)
        #expect(result.productionKept == 0)
        let material = try #require(graph.item(withKey: "m"))
        let value = try #require(result.unpriced.first { $0.item == material })
        #expect(abs(value.valuePerUnit - 1.0 / 180) < 1e-9)
    }

    @Test func theWeightedMeanOfTheSystemsIsKept() throws {
        // Two systems, weights 3 and 1: 'a' needs the Chinese material, 'b' does not. Kept:
        // (3·0 + 1·1)/4 = 0.25.
        let body = """
            <system id="a" demand="10" weight="3"><uses item="m" quantity="1"/></system>
            <system id="b" demand="1000"/>
            <material id="m" unit="t"/>
            <supplier id="cn" country="CN"><supplies item="m" share="1"/></supplier>
            """
        let (result, _) = try plan(body, budget: 0)
        #expect(abs(result.productionKept - 0.25) < 1e-9)
        #expect(result.systems.count == 2)
        #expect(abs(result.systems[0].kept) < 1e-8 && abs(result.systems[1].kept - 1) < 1e-8)
    }

    @Test func priceZeroIsAnError() throws {
        #expect(throws: (any Error).self) {
            _ = try supplyGraph(body: "<material id=\"m\" price=\"0\"/>")
        }
    }

    @Test func theJSONHasTheContractsNames() throws {
        let (result, graph) = try plan(Self.oneMaterial, budget: 9000)
        let text = result.json(graph: graph, scenario: .object([("withoutCountry", .array([.string("CN")]))])).serialized()
        for name in ["\"schemaVersion\": 1", "\"days\": 180", "\"period\": 30", "\"budget\": 9000", "\"currency\": \"EUR\"",
                     "\"scenario\"", "\"productionKept\": 0.5", "\"productionKeptWithoutPlan\": 0", "\"cost\": ",
                     "\"marginalValue\"", "\"purchases\"", "\"options\"", "\"systems\"", "\"keptWithoutPlan\"", "\"unpriced\"", "\"frontier\""] {
            #expect(text.contains(name), "\(name) missing")
        }
    }
}

@Suite("Budget plan output")
struct BudgetPlanOutputTests {
    @Test func theFrontierChartHasOneMarkerPerBudget() throws {
        let graph = try supplyGraph(body: BudgetPlanTests.oneMaterial)
        let scenario = try PlanScenario(Scenario(withoutCountries: ["CN"]), in: graph)
        let plan = try BudgetPlan(graph: graph, scenario: scenario, settings: PlanSettings(budget: 9000, frontierPoints: 5))
        let svg = try #require(plan.frontierSVG(graph: graph, title: "t & u"))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 5)
        #expect(svg.contains("<title>t &amp; u</title>"))
        #expect(svg.contains("18,000 EUR: 100.0 %"))
        let none = try BudgetPlan(graph: graph, scenario: scenario, settings: PlanSettings(budget: 9000))
        #expect(none.frontierSVG(graph: graph, title: "t") == nil)
    }

    @Test func theTextRoundsPiecesUpAndShowsTheExtraCost() throws {
        // 90.5 pieces at 100 EUR: 91 pieces, 9,100 EUR, +50 EUR for the rounding.
        let body = BudgetPlanTests.oneMaterial.replacingOccurrences(of: "unit=\"t\"", with: "unit=\"pcs\"")
        let graph = try supplyGraph(body: body)
        let scenario = try PlanScenario(Scenario(withoutCountries: ["CN"]), in: graph)
        let plan = try BudgetPlan(graph: graph, scenario: scenario, settings: PlanSettings(budget: 9050))
        let text = plan.text(graph: graph, summary: "without CN")
        #expect(text.contains("9,100 EUR (+50 EUR rounding up)"), "\(text)")
        #expect(text.contains("Production kept: 50.3 % with the plan, 0.0 % without it"))
    }
}
