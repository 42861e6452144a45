import Foundation
import Testing
import SupplyGraph
import SupplyXML
@testable import RiskAnalysis

/// A data set whose root carries `attributes` (such as `home="NL"`).
func graph(root attributes: String, _ body: String) throws -> SupplyGraph {
    let xml = "<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\" name=\"fixture\" \(attributes)>\n\(body)\n</supplyChain>"
    return try SupplyChainImporter().importDocument(Array(xml.utf8)).graph
}

/// The rules that make a verdict say what it means, worked by hand: the crippled state, the
/// ranges, commodity embargoes, the CRMA flags, country aggregates and the home country, the
/// diff's newly crippled systems and the stockpile as bought.
@Suite struct VerdictTests {
    // MARK: States

    @Test(arguments: [
        (true, 1.0, 0.1, SupplyState.unaffected),
        (true, 1 - 0.5e-9, 0.1, .unaffected),       // within ε of 1
        (true, 0.999, 0.1, .degraded),
        (true, 0.1, 0.1, .degraded),                  // exactly critical: not crippled
        (true, 0.1 - 0.5e-9, 0.1, .degraded),         // within ε below critical
        (true, 0.1 - 2e-9, 0.1, .crippled),
        (true, 0.0999, 0.1, .crippled),
        (true, 0.3, 0.5, .crippled),                  // --critical 0.5
        (true, 0.3, 0.3, .degraded),
        (true, 1e-10, 0.1, .falls),                   // φ <= ε: nothing is made
        (true, 0, 0.1, .falls),                       // available through a share-0 route, φ 0
        (false, 0.4, 0.1, .falls),                    // unavailable, φ from unattributed supply
    ])
    func stateFromAvailabilityAndSupplyFraction(available: Bool, phi: Double, critical: Double, expected: SupplyState) {
        #expect(SupplyState(available: available, supplyFraction: phi, critical: critical) == expected)
    }

    /// S needs M; M from CN (given share `cn`) and DE (`de`), all shares given. Without CN,
    /// `φ(S) = φ(M) = de`.
    func twoSourced(cn: String, de: String) throws -> SupplyGraph {
        try graph("""
            <system id="S"><uses item="M" quantity="1"/></system>
            <material id="M"/>
            <supplier id="cn" country="CN"><supplies item="M" share="\(cn)"/></supplier>
            <supplier id="de" country="DE"><supplies item="M" share="\(de)"/></supplier>
            """)
    }

    @Test func aSystemAt0point0999IsCrippledAndAt0point1DegradedWithCritical0point1() throws {
        for (cn, de, expected) in [("0.9001", "0.0999", SupplyState.crippled), ("0.9", "0.1", .degraded)] {
            let g = try twoSourced(cn: cn, de: de)
            let outcome = try Scenario(withoutCountries: ["CN"]).outcome(in: g, shares: ShareTable(g), critical: 0.1)
            #expect(close(outcome.supplyFraction(of: g.id("S")), Double(de)!))
            #expect(outcome.state(of: g.id("S")) == expected, "DE \(de)")
            #expect(outcome.isAvailable(g.id("S")))
        }
        // The same system on EU supply alone, as the report and the diff see it.
        let g = try twoSourced(cn: "0.9001", de: "0.0999")
        #expect(SupplyChainAnalysis(g, critical: 0.1).figures(ofSystem: g.id("S")).euOnlyState == .crippled)
        #expect(SupplyChainAnalysis(g, critical: 0.05).figures(ofSystem: g.id("S")).euOnlyState == .degraded)
    }

    // MARK: Ranges

    /// M and N alike: CN 0.5, a supplier of unknown origin 0.2, DE 0.1, all given (sum 0.8),
    /// so 0.2 is unattributed. S needs both.
    ///
    /// Worked by hand, without CN: the figure keeps unknown origin and `u`: `φ(M) = 0.2 + 0.1 +
    /// 0.2 = 0.5` (high); with them failed too, `φ(M) = 0.1` (low). On EU supply alone the figure
    /// is 0.1 (low) and keeping them gives 0.5 (high).
    static let unmapped = """
        <system id="S"><uses item="M" quantity="1"/><uses item="N" quantity="1"/></system>
        <material id="M"/><material id="N"/>
        <supplier id="cn" country="CN"><supplies item="M" share="0.5"/><supplies item="N" share="0.5"/></supplier>
        <supplier id="x"><supplies item="M" share="0.2"/><supplies item="N" share="0.2"/></supplier>
        <supplier id="de" country="DE"><supplies item="M" share="0.1"/><supplies item="N" share="0.1"/></supplier>
        """

    func range(_ scenario: Scenario, _ key: String) throws -> (figure: Double, range: ClosedRange<Double>) {
        let g = try graph(Self.unmapped)
        let outcome = try scenario.outcome(in: g, shares: ShareTable(g))
        return (outcome.supplyFraction(of: g.id(key)), outcome.supplyFractionRange(of: g.id(key)))
    }

    @Test func aRangeOnAMapWithUnknownOriginAndUnattributedShares() throws {
        var r = try range(Scenario(withoutCountries: ["CN"]), "M")
        #expect(close(r.figure, 0.5) && close(r.range.lowerBound, 0.1) && close(r.range.upperBound, 0.5))
        r = try range(Scenario(withoutCountries: ["CN"]), "S")
        #expect(close(r.range.lowerBound, 0.1) && close(r.range.upperBound, 0.5))
        // --only-group EU: the figure fails unknown origin (low); high keeps it.
        r = try range(Scenario(onlyGroups: ["EU"]), "M")
        #expect(close(r.figure, 0.1) && close(r.range.lowerBound, 0.1) && close(r.range.upperBound, 0.5))
        // Naming unknown itself, or --without-supplier alone: low = high = the figure.
        r = try range(Scenario(withoutCountries: ["CN", "unknown"]), "M")
        #expect(close(r.figure, 0.1) && r.range.lowerBound == r.figure && r.range.upperBound == r.figure)
        r = try range(Scenario(withoutSuppliers: ["cn"]), "M")
        #expect(close(r.figure, 0.5) && r.range.lowerBound == r.figure && r.range.upperBound == r.figure)
        // --without-supplier with a country cut-off: the named supplier stays failed at both ends.
        r = try range(Scenario(withoutSuppliers: ["de"], withoutCountries: ["CN"]), "M")
        #expect(close(r.figure, 0.4) && close(r.range.lowerBound, 0) && close(r.range.upperBound, 0.4))
    }

    @Test func anEmbargoOnChosenItemsFailsUnmappedSupplyOnlyOnThoseItems() throws {
        let scenario = Scenario(withoutCountries: ["CN"], itemPatterns: ["M"])
        let m = try range(scenario, "M"), n = try range(scenario, "N")
        #expect(close(m.range.lowerBound, 0.1) && close(m.range.upperBound, 0.5))
        #expect(close(n.figure, 1) && n.range.lowerBound == n.figure && n.range.upperBound == n.figure) // N is not embargoed
    }

    @Test func theEUOnlyRangeOfTheReport() throws {
        let g = try graph(Self.unmapped)
        let analysis = SupplyChainAnalysis(g)
        let f = analysis.figures(ofSystem: g.id("S"))
        #expect(close(f.euOnlySupplyFraction, 0.1))
        #expect(close(f.euOnlySupplyFractionRange.lowerBound, 0.1) && close(f.euOnlySupplyFractionRange.upperBound, 0.5))
        #expect(SupplyFractionRange.isShownAsRange(f.euOnlySupplyFractionRange))
        // A map without unmapped supply: the range is the figure.
        let plain = try twoSourced(cn: "0.7", de: "0.3")
        let r = SupplyChainAnalysis(plain).perimeterSupplyFractionRange(of: plain.id("S"))
        #expect(close(r.lowerBound, 0.3) && r.lowerBound == r.upperBound && !SupplyFractionRange.isShownAsRange(r))
        #expect(!SupplyFractionRange.isShownAsRange(0.3...0.3049) && SupplyFractionRange.isShownAsRange(0.3...0.305))
    }

    // MARK: Commodities

    /// Gallium in three stages, only one of them named `gallium*`; and aluminium spelt the US way.
    static let gallium = """
        <system id="radar"><uses item="gallium-metal" quantity="1"/><uses item="high-purity-gallium" quantity="1"/><uses item="casing" quantity="1"/></system>
        <material id="gallium-metal" commodity="gallium"/>
        <component id="high-purity-gallium" commodity=" Gallium "/>
        <material id="casing" commodity="Aluminum"/>
        <supplier id="ga-cn" country="CN"><supplies item="gallium-metal" share="0.9"/><supplies item="high-purity-gallium" share="0.988"/><supplies item="casing" share="0.6"/></supplier>
        <supplier id="ga-de" country="DE"><supplies item="gallium-metal" share="0.1"/><supplies item="high-purity-gallium" share="0.012"/><supplies item="casing" share="0.4"/></supplier>
        """

    @Test func commoditiesAreReadCaseFoldedTrimmedAndThroughTheAliasTable() throws {
        let g = try graph(Self.gallium)
        #expect(g.itemCommodity[g.id("high-purity-gallium")] == "gallium")
        #expect(g.itemCommodity[g.id("casing")] == "aluminium")
        #expect(g.itemCommodity[g.id("radar")] == nil)
        #expect(Commodity.canonical("Bauxite") == "aluminium" && Commodity.canonical("alumina") == "aluminium")
        #expect(Commodity.canonical("  ") == nil)
    }

    @Test func anEmbargoByCommodityCatchesTheStageAnIDGlobMisses() throws {
        let g = try graph(Self.gallium)
        let byGlob = try Scenario(withoutCountries: ["CN"], itemPatterns: ["gallium*"]).outcome(in: g, shares: ShareTable(g))
        #expect(byGlob.supplyFraction(of: g.id("high-purity-gallium")) == 1)  // missed
        let byCommodity = try Scenario(withoutCountries: ["CN"], commodities: ["gallium"]).outcome(in: g, shares: ShareTable(g))
        #expect(close(byCommodity.supplyFraction(of: g.id("high-purity-gallium")), 0.012))
        #expect(close(byCommodity.supplyFraction(of: g.id("gallium-metal")), 0.1))
        #expect(byCommodity.supplyFraction(of: g.id("casing")) == 1)           // aluminium: not embargoed
        #expect(close(byCommodity.supplyFraction(of: g.id("radar")), 0.012))
        #expect(byCommodity.state(of: g.id("radar")) == .crippled)
        // --items and --commodity together: the union.
        let both = try Scenario(withoutCountries: ["CN"], itemPatterns: ["casing"], commodities: ["GALLIUM"]).embargoedItems(in: g)!
        #expect(g.items.filter { both[$0] }.map { g.itemKeys[$0] }.sorted() == ["casing", "gallium-metal", "high-purity-gallium"])
        // An alias typed on the command line.
        let bauxite = try Scenario(withoutCountries: ["CN"], commodities: ["bauxite"]).embargoedItems(in: g)!
        #expect(g.items.filter { bauxite[$0] }.map { g.itemKeys[$0] } == ["casing"])
    }

    @Test func aCommodityNoItemCarriesIsAnErrorWithTheNearestOnes() throws {
        let g = try graph(Self.gallium)
        #expect {
            try Scenario(withoutCountries: ["CN"], commodities: ["galium"]).embargoedItems(in: g)
        } throws: { error in
            guard let error = error as? RiskAnalysisError else { return false }
            return error.code == .unknownCommodity && error.message.contains("'gallium'")
        }
        #expect {
            try Scenario(withoutCountries: ["CN"], commodities: ["tungsten"]).embargoedItems(in: g)
        } throws: { error in
            (error as? RiskAnalysisError)?.message.contains("commodities: aluminium, gallium") ?? false
        }
    }

    // MARK: The CRMA list

    @Test func theShippedAnnexesHold17StrategicAnd34CriticalPoints() {
        #expect(CRMAList.entries.filter { $0.annex == .strategic }.count == 17)
        #expect(CRMAList.entries.filter { $0.annex == .critical }.count == 34)
        // Every strategic commodity is critical too (Annex II holds every strategic one).
        for entry in CRMAList.entries where entry.annex == .strategic { #expect(CRMAList.isCritical(entry.commodity)) }
        #expect(CRMAList.strategicEntry("graphite")?.label == "graphite, battery grade")
        #expect(CRMAList.isCritical("phosphorus") && !CRMAList.isStrategic("phosphorus"))
        #expect(!CRMAList.isCritical("carbon-fibre") && !CRMAList.isStrategic(nil))
    }

    @Test func aStrategicAndANonStrategicMaterialBothAt70PercentCN() throws {
        let g = try graph("""
            <system id="S"><uses item="ga" quantity="1"/><uses item="p4" quantity="1"/><uses item="fibre" quantity="1"/><uses item="wafer" quantity="1"/><uses item="part" quantity="1"/></system>
            <material id="ga" commodity="gallium"/>
            <material id="p4" commodity="phosphorus"/>
            <material id="fibre"/>
            <component id="wafer" commodity="gallium"/>
            <component id="part"/>
            <supplier id="cn" country="CN"><supplies item="ga" share="0.7"/><supplies item="p4" share="0.7"/><supplies item="fibre" share="0.7"/><supplies item="wafer" share="0.7"/><supplies item="part" share="0.7"/></supplier>
            <supplier id="de" country="DE"><supplies item="ga" share="0.3"/><supplies item="p4" share="0.3"/><supplies item="fibre" share="0.3"/><supplies item="wafer" share="0.3"/><supplies item="part" share="0.3"/></supplier>
            """)
        let analysis = SupplyChainAnalysis(g)
        func flags(_ key: String) -> (Bool, Bool, Bool, Bool) {
            let c = analysis.concentration(of: g.id(key))
            return (c.crma65, c.strategic, c.critical, c.crmaStrategic65)
        }
        #expect(flags("ga") == (true, true, true, true))        // the Act's benchmark
        #expect(flags("p4") == (true, false, true, false))      // concentrated in one third country
        #expect(flags("fibre") == (true, false, false, false))  // a material without a commodity
        #expect(flags("wafer") == (true, true, true, true))     // a processed stage modelled as a component
        #expect(flags("part") == (false, false, false, false))  // a component without a commodity
        let reasons = Dictionary(uniqueKeysWithValues: analysis.chokepoints().compactMap { f -> (String, [ChokepointFinding.Reason])? in
            if case .item(let i) = f.subject { return (g.itemKeys[i], f.reasons) } else { return nil }
        })
        let cn = Country(code: "CN")!
        #expect(reasons["ga"] == [.crmaStrategic65(cn, 0.7)])
        #expect(reasons["p4"] == [.crma65(cn, 0.7)])
        #expect(reasons["part"] == nil)
    }

    // MARK: Aggregates and the home country

    /// S needs M (a statistics row for CN, 0.6, and a firm in US, 0.4) and P, made only in NL.
    static let homeMap = """
        <system id="S"><uses item="M" quantity="1"/><uses item="P" quantity="1"/></system>
        <material id="M"/><component id="P"/>
        <supplier id="m-cn" name="Mining, China" country="CN" aggregate="true"><supplies item="M" share="0.6"/></supplier>
        <supplier id="m-us" country="US" aggregate="no"><supplies item="M" share="0.4"/></supplier>
        <supplier id="p-nl" country="NL"><supplies item="P"/></supplier>
        """

    @Test func countryAggregatesAreRankedOnlyWhenAskedFor() throws {
        let g = try graph(Self.homeMap)
        #expect(g.supplierIsAggregate[g.sid("m-cn")] && !g.supplierIsAggregate[g.sid("m-us")])
        let analysis = SupplyChainAnalysis(g)
        let firms = ImpactSweep(analysis, sweep: .supplier)
        #expect(firms.ranking.map { g.supplierKeys[suppliersKey($0.key)] } == ["p-nl", "m-us"])
        #expect(firms.leftOutAggregates == 1)
        let all = ImpactSweep(analysis, sweep: .supplier, includeAggregates: true)
        #expect(all.ranking.map { g.supplierKeys[suppliersKey($0.key)] } == ["p-nl", "m-cn", "m-us"])
        // An aggregate can still be a single point of failure: figures are unchanged.
        #expect(all.ranking[1].impacts.map(\.impact) == [0.6])
    }

    func suppliersKey(_ key: ImpactSweep.Key) -> SupplierID {
        if case .supplier(let s) = key { return s }
        Issue.record("not a supplier key")
        return SupplierID(0)
    }

    @Test func theHomeCountryIsLeftOutOfTheCountryRankingsButStaysASinglePointOfFailure() throws {
        let g = try graph(root: "home=\"NL\"", Self.homeMap)
        let nl = Country(code: "NL")!
        #expect(g.home == nl)
        let analysis = SupplyChainAnalysis(g)
        #expect(analysis.figures(ofSystem: g.id("S")).singlePointCountries == [nl])
        let countries = analysis.chokepoints().compactMap { f -> Country? in if case .country(let c) = f.subject { c } else { nil } }
        #expect(!countries.contains(nl))
        let sweep = ImpactSweep(analysis, sweep: .country)
        #expect(sweep.leftOutHome == nl)
        #expect(sweep.ranking.map(\.key) == [.country(Country(code: "CN")!), .country(Country(code: "US")!)])
        // --home overrides the data's; without any, NL is ranked first (it stops S alone).
        let other = SupplyChainAnalysis(g, home: Country(code: "US")!)
        #expect(ImpactSweep(other, sweep: .country).ranking.map(\.key) == [.country(nl), .country(Country(code: "CN")!)])
        let none = SupplyChainAnalysis(try graph(Self.homeMap))
        #expect(ImpactSweep(none, sweep: .country).ranking.first?.key == .country(nl))
        // Its suppliers still fail in a scenario that names it.
        #expect(try Scenario(withoutCountries: ["NL"]).outcome(in: g, shares: ShareTable(g)).state(of: g.id("S")) == .falls)
    }

    @Test func mergedFilesThatDisagreeOnTheHomeCountryAreAnError() throws {
        let a = "<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\" home=\"NL\"><material id=\"a\"/></supplyChain>"
        let b = "<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\" home=\"DE\"><material id=\"b\"/></supplyChain>"
        let same = "<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\" home=\"NL\"><material id=\"c\"/></supplyChain>"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in [("a.xml", a), ("b.xml", b), ("c.xml", same)] {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect {
            try SupplyChainImporter().importFiles([dir.appendingPathComponent("a.xml").path, dir.appendingPathComponent("b.xml").path])
        } throws: { error in
            "\(error)".contains("home-mismatch") || "\(error)".contains("home 'DE' differs from the home 'NL'")
        }
        let merged = try SupplyChainImporter().importFiles([dir.appendingPathComponent("a.xml").path, dir.appendingPathComponent("c.xml").path])
        #expect(merged.graph.home == Country(code: "NL"))
    }

    // MARK: diff

    @Test func aSystemCrippledOnEUSupplyAloneInTheNewMapIsNewlyCrippled() throws {
        let old = try twoSourced(cn: "0.7", de: "0.3"), new = try twoSourced(cn: "0.95", de: "0.05")
        let d = MapDiff(old: SupplyChainAnalysis(old), new: SupplyChainAnalysis(new))
        #expect(d.newlyCrippled == ["S"])
        #expect(d.lostEUBuildable.isEmpty)  // still buildable, at 5 %
        #expect(MapDiff(old: SupplyChainAnalysis(new), new: SupplyChainAnalysis(new)).newlyCrippled.isEmpty)
        #expect(MapDiff(old: SupplyChainAnalysis(old), new: SupplyChainAnalysis(new, critical: 0.05)).newlyCrippled.isEmpty)
    }

    // MARK: Stockpile as printed

    /// S (365 a year) needs one P (pcs, €100) and 2 kg of Q (no price); both half Chinese.
    /// Without CN for 1.315 days: H(P) = 365 · 1.315 / 365 = 1.315, S(P) = 0.6575 → one P to buy;
    /// H(Q) = 2.63 kg, S(Q) = 1.315 kg, not rounded. Cost: €100 for 1 of 2 targets; Q has no price.
    @Test func countTargetsAreRoundedUpAndTheCostSaysWhatItLeavesOut() throws {
        let g = try graph("""
            <system id="S" demand="365"><uses item="P" quantity="1"/><uses item="Q" quantity="2"/></system>
            <component id="P" price="100"/>
            <material id="Q" unit="kg"/>
            <supplier id="cn" country="CN"><supplies item="P" share="0.5"/><supplies item="Q" share="0.5"/></supplier>
            <supplier id="de" country="DE"><supplies item="P" share="0.5"/><supplies item="Q" share="0.5"/></supplier>
            """)
        let analysis = SupplyChainAnalysis(g)
        let plan = StockpilePlan(analysis, days: 1.315, mode: .scenario(try Scenario(withoutCountries: ["CN"]).disruption(in: g)))
        let p = plan.rows[g.id("P").index], q = plan.rows[g.id("Q").index]
        #expect(close(p.targetExact, 0.6575, 1e-9) && p.target == 1 && p.targetCost == 100)
        #expect(close(q.targetExact, 1.315, 1e-9) && q.target == q.targetExact && q.targetCost == nil)
        #expect(plan.totalCost == 100 && plan.pricedTargetCount == 1 && plan.unpricedTargetItems == [g.id("Q")] && plan.targetCount == 2)
    }

    @Test(arguments: [("pcs", 0.6575, 1.0), ("EA", 2.0000000001, 2), ("units", 2.01, 3), ("kg", 0.6575, 0.6575), ("pc", 0, 0)])
    func boughtTargets(unit: String, exact: Double, bought: Double) {
        #expect(StockpilePlan.boughtTarget(exact, unit: unit) == bought)
    }

    @Test func theWorstCountryIsNeverInsideThePerimeter() throws {
        let g = try graph("""
            <system id="S"><uses item="M" quantity="1"/></system>
            <material id="M"/>
            <supplier id="us" country="US"><supplies item="M" share="0.6"/></supplier>
            <supplier id="cn" country="CN"><supplies item="M" share="0.4"/></supplier>
            """)
        let shares = ShareTable(g)
        #expect(Disruption.worstCountryPerItem(in: g, shares: shares).1[g.id("M").index] == Country(code: "US"))
        let nato = Perimeter(trusting: [CountryGroup.builtIn.first { $0.id == "NATO" }!])
        #expect(Disruption.worstCountryPerItem(in: g, shares: shares, perimeter: nato).1[g.id("M").index] == Country(code: "CN"))
    }
}
