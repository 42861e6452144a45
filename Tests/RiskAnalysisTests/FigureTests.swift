import Testing
import SupplyGraph
@testable import RiskAnalysis

@Suite("Risk figures, worked by hand")
struct FigureTests {
    @Test func normalisedSharesAndCoverage() throws {
        let g = try graph("""
            <material id="I"/><material id="J"/><material id="K"/><material id="L"/><material id="Z"/>
            <system id="sys"><uses item="I" quantity="1"/><uses item="J" quantity="1"/><uses item="K" quantity="1"/><uses item="L" quantity="1"/><uses item="Z" quantity="1"/></system>
            <supplier id="a" country="DE"><supplies item="I" share="0.5"/><supplies item="J" share="0.3"/><supplies item="K" share="0.7"/><supplies item="L" share="1"/><supplies item="Z" share="0"/></supplier>
            <supplier id="b" country="FR"><supplies item="I"/><supplies item="J" share="0.2"/><supplies item="K" share="0.5"/><supplies item="L"/><supplies item="Z" share="0"/></supplier>
            <supplier id="c" country="IT"><supplies item="I"/></supplier>
            """)
        let w = ShareTable(g)
        func shares(_ key: String) -> [Double] { g.supplyEdges(of: g.id(key)).map { w.edges[$0] } }
        #expect(shares("I") == [0.5, 0.25, 0.25])            // the rest, 0.5, split between b and c
        #expect(shares("J") == [0.3, 0.2])                    // all given, summing to 0.5: kept, never scaled up
        #expect(close(w.unattributed[g.id("J").index], 0.5))  // the rest is unattributed
        #expect(w.unattributed[g.id("I").index] == 0)         // some shares missing: they take the rest
        #expect(zip(shares("K"), [0.7 / 1.2, 0.5 / 1.2]).allSatisfy { close($0, $1) })
        #expect(shares("L") == [1, 0])                        // nothing remains for b
        #expect(shares("Z") == [0.5, 0.5])                    // all zero: equal split
        #expect(ShareTable.coverage(of: g.id("I"), in: g) == 0.5)
        #expect(close(ShareTable.coverage(of: g.id("J"), in: g), 0.5))
        #expect(ShareTable.coverage(of: g.id("L"), in: g) == 1)
        #expect(ShareTable.coverage(of: g.id("Z"), in: g) == 0)
        #expect(ShareTable.coverage(of: g.id("sys"), in: g) == 1) // no edges: 1
    }

    @Test func concentrationFigures() throws {
        let g = try graph("""
            <material id="M"/><component id="C"/><system id="S"><uses item="M" quantity="1"/><uses item="C" quantity="1"/></system>
            <supplier id="cn1" country="CN"><supplies item="M" share="0.5"/></supplier>
            <supplier id="cn2" country="CN"><supplies item="M" share="0.2"/><supplies item="C" share="0.7"/></supplier>
            <supplier id="de" country="DE"><supplies item="M" share="0.2"/></supplier>
            <supplier id="u"><supplies item="M" share="0.1"/><supplies item="C" share="0.3"/></supplier>
            """)
        let w = ShareTable(g)
        let m = Concentration(of: g.id("M"), in: g, shares: w)
        #expect(m.countryShares.map { $0.country.code } == ["CN", "DE", "unknown"])
        #expect(zip(m.countryShares.map { $0.share }, [0.7, 0.2, 0.1]).allSatisfy { close($0, $1) })
        #expect(close(m.hhi, 4900 + 400 + 100, 1e-9))
        #expect(close(m.supplierHHI, 2500 + 400 + 400 + 100, 1e-9))
        #expect(close(m.nonEUShare, 0.8))
        #expect(m.supplierCount == 4 && !m.singleSource && !m.singleCountry)
        #expect(m.crma65)                                     // CN 0.7 >= 0.65, and M is a material
        let c = Concentration(of: g.id("C"), in: g, shares: w)
        #expect(!c.crma65)                                    // CN 0.7, but C is a component
        #expect(close(c.nonEUShare, 1))
        let s = Concentration(of: g.id("S"), in: g, shares: w)
        #expect(s.supplierCount == 0 && s.hhi == 0 && s.nonEUShare == 0 && !s.singleCountry && !s.singleSource)
    }

    @Test func crmaBenchmarkIsInclusiveAndIgnoresUnknownOrigin() throws {
        let g = try graph("""
            <material id="A"/><material id="B"/><system id="S"><uses item="A" quantity="1"/><uses item="B" quantity="1"/></system>
            <supplier id="x" country="CN"><supplies item="A" share="0.65"/></supplier>
            <supplier id="y" country="DE"><supplies item="A" share="0.35"/></supplier>
            <supplier id="u"><supplies item="B"/></supplier>
            """)
        let w = ShareTable(g)
        #expect(Concentration(of: g.id("A"), in: g, shares: w).crma65)
        let b = Concentration(of: g.id("B"), in: g, shares: w)
        #expect(!b.crma65 && b.singleSource && !b.singleCountry && b.nonEUShare == 1)
    }

    @Test func singleCountryWithTwoSuppliers() throws {
        let g = try graph("""
            <material id="A"/><system id="S"><uses item="A" quantity="1"/></system>
            <supplier id="x" country="JP"><supplies item="A"/></supplier>
            <supplier id="y" country="JP"><supplies item="A"/></supplier>
            """)
        let c = Concentration(of: g.id("A"), in: g, shares: ShareTable(g))
        #expect(c.singleCountry && !c.singleSource && c.hhi == 10000 && c.supplierHHI == 5000 && c.crma65)
    }

    @Test func hiddenSinglePointOfFailure() throws {
        let g = try graph(hiddenSPOF)
        let a = SupplyChainAnalysis(g)
        let x = a.figures(ofSystem: g.id("X"))
        #expect(g.supplierKeys(x.singlePointSuppliers) == ["m1"])
        #expect(x.singlePointCountries.map(\.code) == ["CN"])
        #expect(!x.euBuildable)
        #expect(g.keys(x.blockingItems) == ["P"])
        #expect(close(a.exposure[g.id("M").index], 0.5))
        #expect(close(a.exposure[g.id("P").index], 1))
        #expect(close(x.nonEUExposure, 1))
        #expect(a.requirement[g.id("X").index] == 10 && a.requirement[g.id("P").index] == 20 && a.requirement[g.id("M").index] == 60)
    }

    @Test func exposureThroughSourcedFrom() throws {
        let g = try graph(sourcedExposure)
        let a = SupplyChainAnalysis(g)
        #expect(close(a.exposure[g.id("R").index], 0.8))
        #expect(close(a.exposure[g.id("S").index], 0))
        #expect(close(a.exposure[g.id("Q").index], 0.4))
        let y = a.figures(ofSystem: g.id("Y"))
        #expect(close(y.nonEUExposure, 0.4))
        #expect(g.supplierKeys(y.singlePointSuppliers) == ["s1"])
        #expect(y.singlePointCountries.map(\.code) == ["DE"])
        #expect(y.euBuildable && y.blockingItems.isEmpty)
    }

    @Test func trustedGroupCountsAsInside() throws {
        let g = try graph(sourcedExposure)
        let a = SupplyChainAnalysis(g, perimeter: Perimeter(trusting: [g.group(withID: "friends")!]))
        #expect(close(a.exposure[g.id("R").index], 0))
        #expect(close(a.concentration(of: g.id("R")).nonEUShare, 0))
        #expect(a.concentration(of: g.id("R")).crma65)        // the CRMA flag stays on the EU alone
    }

    @Test func inHouseItemsAndUnmappedLeaves() throws {
        let g = try graph("""
            <system id="Z" demand="3"><uses item="T" quantity="2"/></system>
            <component id="T"><uses item="U" quantity="5"/></component>
            <material id="U"/>
            """)
        let a = SupplyChainAnalysis(g)
        let z = a.figures(ofSystem: g.id("Z"))
        #expect(z.euBuildable && z.singlePointSuppliers.isEmpty && z.singlePointCountries.isEmpty && z.nonEUExposure == 0)
        #expect(a.requirement[g.id("U").index] == 30)
    }

    @Test func unknownOriginIsOutsideButNeverACountry() throws {
        let g = try graph("""
            <system id="S"><uses item="V" quantity="1"/></system><material id="V"/>
            <supplier id="v1"><supplies item="V" share="0.6"/></supplier>
            <supplier id="v2" country="DE"><supplies item="V" share="0.4"/></supplier>
            <system id="W"><uses item="O" quantity="1"/></system><material id="O"/>
            <supplier id="o1"><supplies item="O"/></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        let v = a.concentration(of: g.id("V"))
        #expect(v.countryShares.map { $0.country.code } == ["DE", "unknown"])
        #expect(close(v.nonEUShare, 0.6) && close(v.hhi, 1600 + 3600))
        #expect(close(a.exposure[g.id("S").index], 0.6))
        let w = a.figures(ofSystem: g.id("W"))
        #expect(!w.euBuildable)
        #expect(g.supplierKeys(w.singlePointSuppliers) == ["o1"])
        #expect(w.singlePointCountries.isEmpty)
    }

    @Test func requirementThroughASharedSubAssembly() throws {
        // A (2/yr) uses 3 B and 1 C; B uses 2 D; C uses 5 D; D has a spare-part demand of 1.
        // req: A 2, B 6, C 2, D 1 + 6·2 + 2·5 = 23.
        let g = try graph("""
            <system id="A" demand="2"><uses item="B" quantity="3"/><uses item="C" quantity="1"/></system>
            <component id="B"><uses item="D" quantity="2"/></component>
            <component id="C"><uses item="D" quantity="5"/></component>
            <component id="D" demand="1"/>
            """)
        let r = Requirement.compute(g)
        #expect([r[g.id("A").index], r[g.id("B").index], r[g.id("C").index], r[g.id("D").index]] == [2, 6, 2, 23])
    }

    @Test func scenarioAvailabilityAndLostShare() throws {
        let g = try graph(hiddenSPOF)
        let failed = try Scenario(withoutCountries: ["CN"]).failedSuppliers(in: g)
        let outcome = Availability(g, failed: failed)
        let w = ShareTable(g).edges
        #expect(outcome.itemAvailable[g.id("M").index] && !outcome.itemAvailable[g.id("P").index] && !outcome.itemAvailable[g.id("X").index])
        #expect(outcome.lostShare(of: g.id("M"), in: g, shares: w) == 0.5)
        #expect(outcome.lostShare(of: g.id("P"), in: g, shares: w) == 1)
        #expect(outcome.lostShare(of: g.id("X"), in: g, shares: w) == 0)
        #expect(g.keys(outcome.blockingItems(in: g)) == ["P"])
        // --without-supplier m2 leaves everything standing; --only-group EU is the EU-only case.
        let m2 = Availability(g, failed: try Scenario(withoutSuppliers: ["m2"]).failedSuppliers(in: g))
        #expect(m2.itemAvailable.allSatisfy { $0 })
        let eu = try Scenario(onlyGroups: ["EU"]).failedSuppliers(in: g)
        #expect(eu == SupplyChainAnalysis(g).outside)
    }

    @Test func scenarioErrors() throws {
        let g = try graph(hiddenSPOF)
        #expect(throws: RiskAnalysisError.self) { try Scenario(withoutSuppliers: ["nobody"]).failedSuppliers(in: g) }
        #expect(throws: RiskAnalysisError.self) { try Scenario(withoutCountries: ["XX"]).failedSuppliers(in: g) }
        #expect(throws: RiskAnalysisError.self) { try Scenario(onlyGroups: ["Narnia"]).failedSuppliers(in: g) }
        let unknown = try Scenario(withoutCountries: ["unknown"]).failedSuppliers(in: g)
        #expect(unknown.allSatisfy { !$0 })
    }
}

@Suite("Hidden single points of failure")
struct HiddenSinglePointTests {
    @Test func namesTheSubSupplierAndWhoDependsOnIt() throws {
        let g = try graph(hiddenSPOF)
        let hidden = SupplyChainAnalysis(g).hiddenSinglePoints(ofSystem: g.id("X"))
        #expect(hidden.count == 1)
        #expect(g.supplierKeys[hidden[0].supplier.index] == "m1")
        #expect(g.keys(hidden[0].items) == ["M"])
        #expect(g.supplierKeys(hidden[0].dependents) == ["p1", "p2"])
    }

    @Test func aVisibleSingleSourceIsNotHidden() throws {
        let g = try graph("""
            <system id="S"><uses item="A" quantity="1"/></system><material id="A"/>
            <supplier id="only" country="DE"><supplies item="A"/></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        #expect(g.supplierKeys(a.figures(ofSystem: g.id("S")).singlePointSuppliers) == ["only"])
        #expect(a.hiddenSinglePoints(ofSystem: g.id("S")).isEmpty)
    }
}

@Suite("Inputs and sources named twice")
struct DuplicateTests {
    /// S uses A twice (2 + 3); A comes from CN (0.8) and DE (0.2). One input, not two:
    /// req(A) = 5 · 1 = 5 and x(S) = 1 − (1 − 0.8) = 0.8 (not 1 − 0.2² = 0.96).
    @Test func anInputUsedTwiceIsOneChild() throws {
        let g = try graph("""
            <system id="S" demand="1"><uses item="A" quantity="2"/><uses item="A" quantity="3"/></system>
            <material id="A"/>
            <supplier id="cn" country="CN"><supplies item="A" share="0.8"/></supplier>
            <supplier id="de" country="DE"><supplies item="A" share="0.2"/></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        #expect(g.usesEdgeCount == 1 && Array(g.children(of: g.id("S"))) == [g.id("A")])
        #expect(a.requirement[g.id("A").index] == 5)
        #expect(close(a.exposure[g.id("S").index], 0.8))
    }

    /// Two sourcedFrom entries for one input name the union: p buys M from m1 or m2, so losing
    /// m1 alone does not stop P.
    @Test func twoSourcedFromForOneInputAreTheUnion() throws {
        let g = try graph("""
            <system id="X"><uses item="P" quantity="1"/></system>
            <component id="P"><uses item="M" quantity="1"/></component><material id="M"/>
            <supplier id="p" country="DE"><supplies item="P"><sourcedFrom item="M" suppliers="m1"/><sourcedFrom item="M" suppliers="m2"/></supplies></supplier>
            <supplier id="m1" country="CN"><supplies item="M"/></supplier>
            <supplier id="m2" country="PL"><supplies item="M"/></supplier>
            """)
        let a = SupplyChainAnalysis(g)
        #expect(g.supplierKeys(a.figures(ofSystem: g.id("X")).singlePointSuppliers) == ["p"])
        #expect(a.figures(ofSystem: g.id("X")).euBuildable)
        #expect(close(a.exposure[g.id("X").index], 0.5))
    }
}
