import Testing
import OutputFormats
import Reports
import RiskAnalysis
import SupplyGraph
import ChokepointTestSupport

/// A hidden single point of failure: X needs P; P is made by p1 (DE) and p2 (FR), who both buy
/// its input M only from m1 (CN), although M has a second source m2 (PL).
///
/// Worked by hand: on EU supply alone m1 fails, M still comes from m2, but P's makers cannot
/// work: X falls (φ 0), blocked by P; its single points are m1 and CN; x(X) = 1.
let hiddenSPOF = """
    <system id="X" demand="10"><uses item="P" quantity="2"/></system>
    <component id="P"><uses item="M" quantity="3"/></component>
    <material id="M" unit="kg"/>
    <supplier id="p1" country="DE"><supplies item="P" share="0.6"><sourcedFrom item="M" suppliers="m1"/></supplies></supplier>
    <supplier id="p2" country="FR"><supplies item="P" share="0.4"><sourcedFrom item="M" suppliers="m1"/></supplies></supplier>
    <supplier id="m1" country="CN"><supplies item="M" share="0.5"/></supplier>
    <supplier id="m2" country="PL"><supplies item="M" share="0.5"/></supplier>
    """

func report(_ body: String, perimeter: Perimeter = .eu) throws -> RiskReport {
    RiskReport(SupplyChainAnalysis(try supplyGraph(body: body), perimeter: perimeter),
               context: ReportContext(toolVersion: "test", inputFiles: ["t.xml"]))
}

@Suite("The presentation model: rows, their why and their tone")
struct PresentationModelTests {
    @Test func aSystemThatFallsReadsBadWithItsReason() throws {
        let r = try report(hiddenSPOF)
        let row = r.systemRow(r.systems[0])
        #expect(row.id == "X" && row.state == .falls && row.stateTone == .bad)
        #expect(!row.buildable && row.buildableTone == .bad)
        #expect(row.supplyFraction == 0 && row.exposure == 1 && row.exposureTone == .warn)
        #expect(row.singlePoints == ["m1", "country CN"] && row.singlePointTone == .bad)
        #expect(row.blocking == ["P"])
        #expect(row.why == "Falls on EU supply alone (φ 0 %): no route is left without suppliers outside EU.")
    }

    /// The same map with CN trusted (a group of the data): nothing is outside but unknown
    /// origin, and X is unaffected.
    @Test func aTrustedPerimeterChangesTheVerdictAndItsWords() throws {
        let body = #"<countryGroup id="FRIENDS" name="Friends" members="CN"/>"# + "\n" + hiddenSPOF
        let g = try supplyGraph(body: body)
        let perimeter = Perimeter(trusting: [try Scenario.group("FRIENDS", in: g)])
        let r = RiskReport(SupplyChainAnalysis(g, perimeter: perimeter), context: ReportContext(toolVersion: "test", inputFiles: []))
        let row = r.systemRow(r.systems[0])
        #expect(row.state == .unaffected && row.stateTone == .ok && row.buildable && row.buildableTone == .ok)
        #expect(row.exposure == 0 && row.exposureTone == .plain)
        #expect(row.why == "Unaffected on EU + FRIENDS supply alone (φ 100 %).")
    }

    @Test func theHiddenSinglePointSaysWhoBuysOnlyFromIt() throws {
        let r = try report(hiddenSPOF)
        let rows = r.hiddenSinglePointRows(systems: r.systems)
        #expect(rows.count == 1)
        let h = try #require(rows.first)
        #expect(h.systemID == "X" && h.supplier == "m1 (CN)" && h.tone == .bad)
        #expect(h.items.map(\.id) == ["M"] && h.items.map(\.suppliers) == [2])
        #expect(h.dependents == ["p1", "p2"])
        #expect(h.why() == "p1 and p2 buy only from it (sourcedFrom)")
        #expect(h.why(limit: 1) == "p1 and +1 more buy only from it (sourcedFrom)")
    }

    @Test(arguments: [(Tone.plain, TextTable.Tone.plain, nil as String?), (.ok, .good, "good"), (.warn, .warn, "warn"), (.bad, .bad, "bad")])
    func eachToneMapsToOneColourPerFormat(tone: Tone, table: TextTable.Tone, html: String?) {
        #expect(tone.table == table)
        #expect(tone.htmlClass == html)
    }

    /// S needs A (one a year); A comes half from CN, half from DE, no stock. Worst country: A
    /// loses CN at its own stage (λ = 0.5), 0.5 · 180/365 ≈ 0.2466 over 180 days, all of it a
    /// target; its stock (none) covers 0 days. S loses nothing at its own stage (no suppliers).
    static let stockpile = """
        <system id="S" demand="1"><uses item="A" quantity="1"/></system>
        <material id="A" unit="t"/>
        <supplier id="a-cn" country="CN"><supplies item="A" share="0.5"/></supplier>
        <supplier id="a-de" country="DE"><supplies item="A" share="0.5"/></supplier>
        """

    @Test func aStockpileLineMattersWhenItsStageLosesSupply() throws {
        let g = try supplyGraph(body: Self.stockpile)
        let analysis = SupplyChainAnalysis(g)
        let plan = StockpilePlan(analysis, days: 180, mode: .worstCountry())
        let table = StockpileTable(analysis: analysis, plan: plan, context: ReportContext(toolVersion: "test", inputFiles: []))
        let a = table.line(g.item(withKey: "A")!), s = table.line(g.item(withKey: "S")!)
        #expect(a.matters && a.row.ownLoss == 0.5 && a.lossTone == .warn && a.country == "CN")
        #expect(abs(a.row.target - 0.5 * 180 / 365) < 1e-9 && a.targetTone == .bad)
        #expect(a.cover == "0 d" && a.coverTone == .bad && a.recoveryTone == .plain && a.recovery == nil)
        #expect(a.systems == ["S"] && a.unit == "t" && a.kind == "material")
        #expect(!s.matters && s.lossTone == .plain && s.targetTone == .ok && s.country == "-")
        let systems = table.systemLines
        #expect(systems.map(\.id) == ["S"] && systems[0].timeToSurvive == "0 d" && !systems[0].survives && systems[0].tone == .bad)
        #expect(systems[0].firstToRunOut == "A")
    }

    @Test func theStockpileTableAndTheRuleAgreeOnTheRows() throws {
        let g = try supplyGraph(body: Self.stockpile)
        let analysis = SupplyChainAnalysis(g)
        let plan = StockpilePlan(analysis, days: 180, mode: .worstCountry())
        let text = StockpileTable(analysis: analysis, plan: plan, context: ReportContext(toolVersion: "test", inputFiles: []))
            .text(scenario: ScenarioDescription(Scenario(), worstCountry: true), markdown: true, color: false, all: false)
        #expect(text.contains("| A |") && !text.contains("| S | system |"))
        #expect(text.hasPrefix("# Stockpile: every stage loses its largest non-EU supplying country, 180 days"))
    }

    @Test(arguments: [
        (Scenario(), false, "nothing fails", #"{}"#),
        (Scenario(withoutCountries: ["CN", "RU"]), false, "without CN, RU", #"{"withoutCountry":["CN","RU"]}"#),
        (Scenario(withoutSuppliers: ["x"], onlyGroups: ["EU", "NATO"], itemPatterns: ["gallium*"], byControl: true), false,
         "without supplier x; only EU + NATO suppliers, by control, for gallium* only",
         #"{"withoutSupplier":["x"],"onlyGroup":["EU","NATO"],"items":["gallium*"],"byControl":true}"#),
        (Scenario(byControl: true), true, "every stage loses its largest non-EU supplying country", #"{"worstCountry":true,"byControl":true}"#),
    ])
    func aScenarioIsDescribedOnceForEveryOutput(scenario: Scenario, worst: Bool, summary: String, json: String) {
        let d = ScenarioDescription(scenario, worstCountry: worst)
        #expect(d.summary == summary)
        #expect(d.json.serialized(pretty: false) == json + "\n")
    }

    @Test func policyFailuresAreWordedFromTheirCounts() throws {
        let r = try report(hiddenSPOF)
        #expect(r.policyFailures(Set(RiskPolicy.allCases)) == ["1 system with a single point of failure", "1 system not buildable inside EU"])
        #expect(r.policyFailures([.singleSource, .crma65]).isEmpty)
    }

    @Test func theCRMALabelIsMadeFromTheBenchmark() {
        #expect(Concentration.crmaLabel == "CRMA 65 %")
        #expect(Concentration.crmaPercent == "65 %")
    }
}

@Suite struct StateToneTests {
    @Test(arguments: [(SupplyState.unaffected, Tone.ok), (.degraded, .warn), (.falls, .bad)])
    func eachStateReadsOneWay(state: SupplyState, tone: Tone) {
        #expect(state.tone == tone)
    }
}
