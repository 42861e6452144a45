import Testing
import SupplyGraph
@testable import RiskAnalysis

/// The figures of version 2 (the article "Risk figures"), each on a case worked out by hand in its comment.
@Suite("Risk figures v2, worked by hand")
struct FigureV2Tests {
    func disruption(_ g: SupplyGraph, _ scenario: Scenario) throws -> Disruption { try scenario.disruption(in: g) }

    /// Vanadium processing in the EU CRM 2023 table: every share given, summing to 0.887.
    /// - ŵ as given (never scaled up): CN 0.615, RU 0.2, ZA 0.072; u = 0.113.
    /// - cs: CN 0.615, RU 0.2, ZA 0.072, unknown 0.113 — China below the 65 % benchmark.
    /// - HHI = 61.5² + 20² + 7.2² + 11.3² = 3782.25 + 400 + 51.84 + 127.69 = 4361.78.
    @Test func vanadiumIsNotScaledUp() throws {
        let g = try graph("""
            <material id="V"/><system id="S"><uses item="V" quantity="1"/></system>
            <supplier id="cn" country="CN"><supplies item="V" share="0.615"/></supplier>
            <supplier id="ru" country="RU"><supplies item="V" share="0.2"/></supplier>
            <supplier id="za" country="ZA"><supplies item="V" share="0.072"/></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        let c = a.concentration(of: g.id("V"))
        #expect(c.countryShares.map(\.country.code) == ["CN", "RU", "ZA", "unknown"])
        #expect(zip(c.countryShares.map(\.share), [0.615, 0.2, 0.072, 0.113]).allSatisfy { close($0, $1) })
        #expect(!c.crma65 && close(c.unattributed, 0.113) && close(a.coverage(of: g.id("V")), 0.887))
        #expect(close(c.hhi, 4361.78, 1e-9))
        #expect(close(c.nonEUShare, 1))
        #expect(close(a.exposure[g.id("V").index], 1))    // 0.887 outside + 0.113 unattributed
    }

    /// Only `CN 0.98` for gallium: cs CN 0.98, unknown 0.02 (not "CN 100 %"); still a single
    /// source and a single country; CRMA breach (0.98 ≥ 0.65); supplier HHI 98² + 2² = 9608.
    @Test func aSingleRowBelowOneLeavesTheRestUnattributed() throws {
        let g = try graph("""
            <material id="Ga"/><system id="S"><uses item="Ga" quantity="1"/></system>
            <supplier id="cn" country="CN"><supplies item="Ga" share="0.98"/></supplier>
            """)
        let c = SupplyChainAnalysis(g).concentration(of: g.id("Ga"))
        #expect(c.countryShares.map(\.country.code) == ["CN", "unknown"])
        #expect(c.countryShares[0].share == 0.98 && close(c.countryShares[1].share, 0.02))
        #expect(c.singleSource && c.singleCountry && c.crma65)
        #expect(close(c.supplierHHI, 9608, 1e-9) && close(c.hhi, 9608, 1e-9))
        #expect(c.topCountry?.country.code == "CN")
    }

    /// A degraded system: X (made in house) needs A, which comes 0.4 from CN and 0.6 from DE.
    /// Without CN: φ(A) = 0.6, φ(X) = min = 0.6; X is available: degraded, not fallen.
    /// Without CN and DE: nothing mapped is left: X falls.
    @Test func aDegradedSystem() throws {
        let g = try graph("""
            <system id="X"><uses item="A" quantity="2"/></system><material id="A"/>
            <supplier id="cn" country="CN"><supplies item="A" share="0.4"/></supplier>
            <supplier id="de" country="DE"><supplies item="A" share="0.6"/></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        let outcome = a.whatIf(try disruption(g, Scenario(withoutCountries: ["CN"])))
        #expect(close(outcome.supplyFraction(of: g.id("X")), 0.6) && outcome.state(of: g.id("X")) == .degraded)
        #expect(outcome.isAvailable(g.id("X")))
        let both = a.whatIf(try disruption(g, Scenario(withoutCountries: ["CN", "DE"])))
        #expect(both.state(of: g.id("X")) == .falls && both.supplyFraction(of: g.id("X")) == 0)
        #expect(a.whatIf(.none(in: g)).state(of: g.id("X")) == .unaffected)
    }

    /// φ differs from availability: B is made by b1 (0.5, buys A only from a-cn) and b2 (0.5,
    /// open market); A comes 0.5 from a-cn and 0.5 from a-de. Without CN:
    /// - φ(A) = 0.5; φ(b1) = φ(a-cn edge) = 0; φ(b2) = φ(A) = 0.5; φ(B) = 0.5·0 + 0.5·0.5 = 0.25;
    /// - yet B is available (b2 delivers), and A too: binary availability says "fine".
    @Test func theSupplyFractionIsGraded() throws {
        let g = try graph("""
            <system id="X"><uses item="B" quantity="1"/></system>
            <component id="B"><uses item="A" quantity="1"/></component><material id="A"/>
            <supplier id="a-cn" country="CN"><supplies item="A" share="0.5"/></supplier>
            <supplier id="a-de" country="DE"><supplies item="A" share="0.5"/></supplier>
            <supplier id="b1" country="NL"><supplies item="B" share="0.5"><sourcedFrom item="A" suppliers="a-cn"/></supplies></supplier>
            <supplier id="b2" country="FR"><supplies item="B" share="0.5"/></supplier>
            """)
        let outcome = SupplyChainAnalysis(g).whatIf(try disruption(g, Scenario(withoutCountries: ["CN"])))
        #expect(outcome.isAvailable(g.id("B")) && outcome.isAvailable(g.id("X")))
        #expect(close(outcome.supplyFraction(of: g.id("A")), 0.5))
        #expect(close(outcome.supplyFraction(of: g.id("B")), 0.25) && close(outcome.supplyFraction(of: g.id("X")), 0.25))
        #expect(outcome.state(of: g.id("X")) == .degraded)
    }

    /// Unattributed supply counts in φ unless the scenario fails unknown origin: A is 0.7 CN
    /// (all given, u = 0.3). Without CN: φ(A) = 0.3 (the unattributed rest keeps coming), but A
    /// is unavailable (no mapped route): it falls. With --only-group EU: φ(A) = 0.
    @Test func unattributedSupplyIsNeverCountedOn() throws {
        let g = try graph("""
            <system id="X"><uses item="A" quantity="1"/></system><material id="A"/>
            <supplier id="cn" country="CN"><supplies item="A" share="0.7"/></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        let cn = a.whatIf(try disruption(g, Scenario(withoutCountries: ["CN"])))
        #expect(close(cn.supplyFraction(of: g.id("A")), 0.3) && cn.state(of: g.id("X")) == .falls)
        let eu = a.whatIf(try disruption(g, Scenario(onlyGroups: ["EU"])))
        #expect(eu.supplyFraction(of: g.id("A")) == 0)
        #expect(a.perimeterSupplyFraction(of: g.id("X")) == 0)
        #expect(try disruption(g, Scenario(withoutCountries: ["unknown"])).failsUnknownOrigin)
        #expect(try !disruption(g, Scenario(withoutGroups: ["NATO"])).failsUnknownOrigin)
    }

    /// Scope: X (demand 10) uses P ×2, Y (demand 4) uses P ×1, P (a spare part, demand 5) uses
    /// M ×3. The whole map: req(P) = 20 + 4 + 5 = 29, req(M) = 87. Scoped to X: only X's own
    /// demand, exploded through its BOM: req(P) = 20, req(M) = 60; Y gets 0.
    @Test func aScopedRequirementCountsTheSystemsDemandAlone() throws {
        let g = try graph("""
            <system id="X" demand="10"><uses item="P" quantity="2"/></system>
            <system id="Y" demand="4"><uses item="P" quantity="1"/></system>
            <component id="P" demand="5"><uses item="M" quantity="3"/></component><material id="M"/>
            """)
        let whole = SupplyChainAnalysis(g)
        #expect(whole.requirement[g.id("P").index] == 29 && whole.requirement[g.id("M").index] == 87)
        let x = SupplyChainAnalysis(g, scope: g.id("X"))
        #expect(x.requirement[g.id("P").index] == 20 && x.requirement[g.id("M").index] == 60)
        #expect(x.requirement[g.id("Y").index] == 0 && x.systems == [g.id("X")])
        #expect(Set(x.items) == Set([g.id("X"), g.id("P"), g.id("M")]))
    }

    /// Impact with weights: X (weight 3) needs A (CN 0.5, DE 0.5), Y (weight 1) needs B (US 1).
    /// - CN: impact on X 0.5, score 3·0.5 = 1.5; US: impact on Y 1, score 1; DE: X 0.5, 1.5.
    /// - Ranking by score, then key: CN 1.5, DE 1.5, US 1. Without weights US (1) would lead.
    @Test func theImpactRankingUsesTheSystemWeights() throws {
        let g = try graph("""
            <system id="X" weight="3"><uses item="A" quantity="1"/></system>
            <system id="Y"><uses item="B" quantity="1"/></system>
            <material id="A"/><material id="B"/>
            <supplier id="a-cn" country="CN"><supplies item="A" share="0.5"/></supplier>
            <supplier id="a-de" country="DE"><supplies item="A" share="0.5"/></supplier>
            <supplier id="b-us" country="US"><supplies item="B" share="1"/></supplier>
            """)
        let sweep = ImpactSweep(SupplyChainAnalysis(g), sweep: .country)
        #expect(sweep.ranking.map { if case .country(let c) = $0.key { c.code } else { "?" } } == ["CN", "DE", "US"])
        #expect(close(sweep.ranking[0].score, 1.5) && close(sweep.ranking[2].score, 1))
        #expect(sweep.ranking[0].impacts.count == 1 && close(sweep.ranking[0].impacts[0].impact, 0.5))
        let bySupplier = ImpactSweep(SupplyChainAnalysis(g), sweep: .supplier)
        #expect(bySupplier.ranking.count == 3 && close(bySupplier.ranking.last!.score, 1))
    }

    /// An embargo on one item: X needs A (CN 1) and B (CN 0.5, DE 0.5). `--without-country CN
    /// --items A`: A is lost (φ 0) but B keeps its Chinese supply (φ 1); X falls through A.
    /// `--items B`: φ(B) = 0.5, A untouched, X degraded at 0.5.
    @Test func anEmbargoOnOneItem() throws {
        let g = try graph("""
            <system id="X"><uses item="A" quantity="1"/><uses item="B" quantity="1"/></system>
            <material id="A"/><material id="B"/>
            <supplier id="cn" country="CN"><supplies item="A" share="1"/><supplies item="B" share="0.5"/></supplier>
            <supplier id="de" country="DE"><supplies item="B" share="0.5"/></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        let onA = a.whatIf(try disruption(g, Scenario(withoutCountries: ["CN"], itemPatterns: ["A"])))
        #expect(onA.supplyFraction(of: g.id("A")) == 0 && onA.supplyFraction(of: g.id("B")) == 1)
        #expect(onA.state(of: g.id("X")) == .falls)
        let onB = a.whatIf(try disruption(g, Scenario(withoutCountries: ["CN"], itemPatterns: ["B*"])))
        #expect(onB.supplyFraction(of: g.id("A")) == 1 && close(onB.supplyFraction(of: g.id("X")), 0.5))
        #expect(throws: RiskAnalysisError.self) { try Scenario(withoutCountries: ["CN"], itemPatterns: ["Z*"]).disruption(in: g) }
    }

    /// Control: de (in DE, controlled from CN) makes 0.6 of A, fr (FR) 0.4.
    /// - nonEUControlledShare(A) = 0.6 (de's owner is outside the EU); nonEUShare(A) = 0.
    /// - Without CN: φ(A) = 1; with --by-control: de fails too, φ(A) = 0.4.
    @Test func control() throws {
        let g = try graph("""
            <system id="X"><uses item="A" quantity="1"/></system><material id="A"/>
            <supplier id="de" country="DE" controlledBy="CN"><supplies item="A" share="0.6"/></supplier>
            <supplier id="fr" country="FR"><supplies item="A" share="0.4"/></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        let c = a.concentration(of: g.id("A"))
        #expect(close(c.nonEUControlledShare, 0.6) && c.nonEUShare == 0)
        #expect(a.whatIf(try disruption(g, Scenario(withoutCountries: ["CN"]))).supplyFraction(of: g.id("A")) == 1)
        let owned = a.whatIf(try disruption(g, Scenario(withoutCountries: ["CN"], byControl: true)))
        #expect(close(owned.supplyFraction(of: g.id("A")), 0.4))
        let sweep = ImpactSweep(a, sweep: .country, byControl: true)
        #expect(sweep.ranking.contains { if case .country(let k) = $0.key { k.code == "CN" && close($0.score, 0.6) } else { false } })
    }

    /// The ŵ-weighted mean of the named suppliers, not a plain mean: q (NL) buys R only from r1
    /// (CN, ŵ 0.8) and r2 (SE, ŵ 0.2) — both named. R is also bought on the open market by q2.
    /// - x(q) = 0.8·1 + 0.2·0 = 0.8 (a plain mean would say 0.5);
    /// - without CN: φ(q) = (0.8·0 + 0.2·1)/1 = 0.2 (a plain mean would say 0.5).
    @Test func sourcedFromIsWeightedByShare() throws {
        let g = try graph("""
            <system id="Y"><uses item="Q" quantity="1"/></system>
            <component id="Q"><uses item="R" quantity="1"/></component><material id="R"/>
            <supplier id="r1" country="CN"><supplies item="R" share="0.8"/></supplier>
            <supplier id="r2" country="SE"><supplies item="R" share="0.2"/></supplier>
            <supplier id="q" country="NL"><supplies item="Q" share="1"><sourcedFrom item="R" suppliers="r1 r2"/></supplies></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        #expect(close(a.exposure[g.id("Q").index], 0.8))
        let outcome = a.whatIf(try disruption(g, Scenario(withoutCountries: ["CN"])))
        #expect(close(outcome.supplyFraction(of: g.id("Q")), 0.2))
    }

    /// The focused diagram's marks: in the hidden-SPOF chain with a second system Z that needs
    /// only M, m1 stops X (through the makers' sourcedFrom) but not Z (m2 makes M too).
    @Test func singlePointsAreMarkedForTheSystemsDrawn() throws {
        let g = try graph(hiddenSPOF + "<system id=\"Z\"><uses item=\"M\" quantity=\"1\"/></system><supplier id=\"z\" country=\"NL\"><supplies item=\"Z\"/></supplier>")
        let a = SupplyChainAnalysis(g)
        let forZ = RiskMarks(a, systems: [g.id("Z")])
        #expect(!forZ.suppliers[g.sid("m1").index].contains(.singlePointOfFailure))
        #expect(forZ.suppliers[g.sid("z").index].contains(.singlePointOfFailure))
        let forX = RiskMarks(a, systems: [g.id("X")])
        #expect(forX.suppliers[g.sid("m1").index].contains(.singlePointOfFailure) && forX.stops[g.sid("m1")] == [g.id("X")])
    }
}
