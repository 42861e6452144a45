import Testing
import SupplyGraph
@testable import RiskAnalysis

/// The rules stated once in RiskAnalysis, worked by hand: single source, outside the perimeter
/// in the diff, the policies of `--fail-on`, high exposure.
@Suite struct RuleTests {
    /// P from a twice (two rows of one supplier), Q from a and b, R from nobody.
    static let rows = """
        <system id="X" demand="1"><uses item="P" quantity="1"/><uses item="Q" quantity="1"/><uses item="R" quantity="1"/></system>
        <component id="P"/><component id="Q"/><material id="R"/>
        <supplier id="a" country="DE"><supplies item="P" share="0.5"/><supplies item="Q" share="0.5"/></supplier>
        <supplier id="a2" country="DE"/>
        <supplier id="b" country="CN"><supplies item="Q" share="0.5"/></supplier>
        """

    @Test(arguments: [("P", true), ("Q", false), ("R", false), ("X", false)])
    func singleSourcedMeansOneDistinctSupplier(item: String, single: Bool) throws {
        let g = try graph(Self.rows)
        #expect(g.isSingleSourced(g.id(item)) == single)
        #expect(SupplyChainAnalysis(g).concentration(of: g.id(item)).singleSource == single)
    }

    @Test func twoRowsOfOneSupplierAreOneSource() throws {
        let g = try graph("""
            <component id="P"/>
            <supplier id="a" country="DE"><supplies item="P" share="0.5"/><supplies item="P" share="0.5"/></supplier>
            """)
        #expect(g.isSingleSourced(g.id("P")))
    }

    /// The old drop makes P half in DE and half in FR; the new one moves 0.4 to the US.
    static let oldShares = """
        <system id="X" demand="1"><uses item="P" quantity="1"/></system>
        <component id="P"/>
        <supplier id="p-de" country="DE"><supplies item="P" share="0.5"/></supplier>
        <supplier id="p-fr" country="FR"><supplies item="P" share="0.5"/></supplier>
        """
    static let newShares = """
        <system id="X" demand="1"><uses item="P" quantity="1"/></system>
        <component id="P"/>
        <supplier id="p-de" country="DE"><supplies item="P" share="0.5"/></supplier>
        <supplier id="p-fr" country="FR"><supplies item="P" share="0.1"/></supplier>
        <supplier id="p-us" country="US"><supplies item="P" share="0.4"/></supplier>
        """

    @Test(arguments: [(false, true), (true, false)])
    func aShiftToATrustedCountryIsNotOutward(trustNATO: Bool, outward: Bool) throws {
        let old = try graph(Self.oldShares), new = try graph(Self.newShares)
        let perimeter = trustNATO ? Perimeter(trusting: [try Scenario.group("NATO", in: new)]) : .eu
        let d = MapDiff(old: SupplyChainAnalysis(old, perimeter: perimeter), new: SupplyChainAnalysis(new, perimeter: perimeter))
        let us = try #require(d.shareShifts.first { $0.country == "US" })
        #expect(us.isOutside == !trustNATO)
        #expect(us.movesOutward == outward)
        // FR lost 0.4: inside either way, so its loss is a move outward.
        let fr = try #require(d.shareShifts.first { $0.country == "FR" })
        #expect(!fr.isOutside && fr.movesOutward)
        #expect(d.perimeter.trustedGroups.count == (trustNATO ? 1 : 0))
    }

    /// X needs P (single source a, DE) and M (gallium, a strategic raw material, CN 0.7, US 0.3:
    /// over the benchmark);
    /// Y needs Q (from b, DE, and c, FR): no finding.
    static let policies = """
        <system id="X" demand="1"><uses item="P" quantity="1"/><uses item="M" quantity="1"/></system>
        <system id="Y" demand="1"><uses item="Q" quantity="1"/></system>
        <component id="P"/><component id="Q"/><material id="M" commodity="gallium"/>
        <supplier id="a" country="DE"><supplies item="P" share="1"/></supplier>
        <supplier id="b" country="DE"><supplies item="Q" share="0.5"/></supplier>
        <supplier id="c" country="FR"><supplies item="Q" share="0.5"/></supplier>
        <supplier id="m-cn" country="CN"><supplies item="M" share="0.7"/></supplier>
        <supplier id="m-us" country="US"><supplies item="M" share="0.3"/></supplier>
        """

    @Test func policiesCountTheirFindingsInScope() throws {
        let g = try graph(Self.policies)
        let a = SupplyChainAnalysis(g)
        #expect(a.findings(of: .singleSource) == 1)   // P
        #expect(a.findings(of: .spof) == 1)           // X: a, and country DE
        #expect(a.findings(of: .nonEU) == 1)          // X needs M, all from outside
        #expect(a.findings(of: .crma65) == 1)         // M: CN 0.7 ≥ 0.65, and gallium is strategic
        #expect(a.findings(of: .concentrated65) == 1) // M again: any item 65 % or more from one third country
        #expect(a.violations(of: [.crma65, .singleSource]) == [RiskPolicy.Violation(policy: .singleSource, count: 1),
                                                            RiskPolicy.Violation(policy: .crma65, count: 1)])
        let y = SupplyChainAnalysis(g, scope: g.id("Y"))
        #expect(y.violations(of: Set(RiskPolicy.allCases)).isEmpty)
        #expect(RiskPolicy(rawValue: "non-eu") == .nonEU && RiskPolicy(rawValue: "single-source") == .singleSource)
    }

    @Test func diffPoliciesCountTheChanges() throws {
        let old = try graph(Self.oldShares)
        let alone = try graph("""
            <system id="X" demand="1"><uses item="P" quantity="1"/></system>
            <component id="P"/>
            <supplier id="p-cn" country="CN"><supplies item="P" share="1"/></supplier>
            """)
        let d = MapDiff(old: SupplyChainAnalysis(old), new: SupplyChainAnalysis(alone))
        #expect(d.violations(of: Set(DiffPolicy.allCases)) == [DiffPolicy.Violation(policy: .newSingleSource, count: 1),
                                                               DiffPolicy.Violation(policy: .newSPOF, count: 2),
                                                               DiffPolicy.Violation(policy: .lostEUBuildable, count: 1),
                                                               DiffPolicy.Violation(policy: .newCrippled, count: 1)])
        #expect(MapDiff(old: SupplyChainAnalysis(old), new: SupplyChainAnalysis(old)).violations(of: Set(DiffPolicy.allCases)).isEmpty)
    }

    @Test(arguments: [(0.5, true), (0.4999, false), (1, true), (0, false)])
    func highExposureStartsAtOneHalf(x: Double, high: Bool) {
        #expect(Exposure.isHigh(x) == high)
    }

    @Test func theCRMABenchmarkIsInclusive() throws {
        let g = try graph("""
            <material id="M"/>
            <supplier id="m-cn" country="CN"><supplies item="M" share="0.65"/></supplier>
            <supplier id="m-de" country="DE"><supplies item="M" share="0.35"/></supplier>
            """)
        #expect(Concentration.crmaBenchmark == 0.65)
        #expect(SupplyChainAnalysis(g).concentration(of: g.id("M")).crma65)
    }
}
