import Testing
import SupplyGraph
import ChokepointTestSupport
@testable import RiskAnalysis

/// The hidden single points of failure of every system at once
/// (``SupplyChainAnalysis/hiddenSinglePointsOfSystems()``), worked by hand on suppliers that make
/// several items, and checked against the per-system walk and a brute force on random graphs
/// where suppliers make up to three items.
@Suite("Hidden single points of failure, all systems at once")
struct HiddenSinglePointBatchTests {
    /// The hidden points of `system` by both paths, as (supplier, items, dependents) by id.
    func both(_ g: SupplyGraph, _ system: String, sourceLocation: SourceLocation = #_sourceLocation)
        -> [(supplier: String, items: [String], dependents: [String])] {
        let a = SupplyChainAnalysis(g)
        func named(_ list: [HiddenSinglePoint]) -> [(supplier: String, items: [String], dependents: [String])] {
            list.map { (g.supplierKeys[$0.supplier.index], g.keys($0.items), g.supplierKeys($0.dependents)) }
        }
        let one = named(a.hiddenSinglePoints(ofSystem: g.id(system)))
        let batch = named(a.hiddenSinglePointsOfSystems()[g.id(system)] ?? [])
        #expect(one.map(\.supplier) == batch.map(\.supplier), "per system \(one.map(\.supplier)), at once \(batch.map(\.supplier))",
                sourceLocation: sourceLocation)
        #expect(one.map(\.items) == batch.map(\.items) && one.map(\.dependents) == batch.map(\.dependents), sourceLocation: sourceLocation)
        return batch
    }

    @Test func theSubSupplierOfTheFixtureIsFoundAtOnce() throws {
        let hidden = both(try graph(hiddenSPOF), "X")
        #expect(hidden.count == 1)
        #expect(hidden.first?.supplier == "m1" && hidden.first?.items == ["M"] && hidden.first?.dependents == ["p1", "p2"])
    }

    /// a makes P alone and Q beside b; X needs both. a is a single point of failure, and a
    /// visible one: P has no other supplier. One single-sourced item among its items is enough.
    @Test func oneSingleSourcedItemMakesTheSupplierVisible() throws {
        let g = try graph("""
            <system id="X" demand="1"><uses item="P" quantity="1"/><uses item="Q" quantity="1"/></system>
            <component id="P"/><component id="Q"/>
            <supplier id="a" country="CN"><supplies item="P" share="1"/><supplies item="Q" share="0.5"/></supplier>
            <supplier id="b" country="DE"><supplies item="Q" share="0.5"/></supplier>
            """)
        #expect(g.supplierKeys(SupplyChainAnalysis(g).figures(ofSystem: g.id("X")).singlePointSuppliers) == ["a"])
        #expect(both(g, "X").isEmpty)
    }

    /// The fixture, and m1 also makes Q (beside q2, DE), which X needs too: m1 is still hidden,
    /// and both its items are listed.
    @Test func aHiddenSupplierOfTwoItemsListsBoth() throws {
        let g = try graph(hiddenSPOF.replacingOccurrences(of: #"<uses item="P" quantity="2"/></system>"#,
                                                          with: #"<uses item="P" quantity="2"/><uses item="Q" quantity="1"/></system><component id="Q"/>"#)
            .replacingOccurrences(of: #"<supplier id="m1" country="CN"><supplies item="M" share="0.5"/></supplier>"#,
                                  with: #"<supplier id="m1" country="CN"><supplies item="M" share="0.5"/><supplies item="Q" share="0.5"/></supplier><supplier id="q2" country="DE"><supplies item="Q" share="0.5"/></supplier>"#))
        let hidden = both(g, "X")
        #expect(hidden.map(\.supplier) == ["m1"])
        #expect(hidden.first?.items == ["M", "Q"] && hidden.first?.dependents == ["p1", "p2"])
    }

    /// a makes P alone (X needs it) and M beside m2 (Y's part Q needs it, and Q's makers buy M
    /// only from a): visible for X, hidden for Y — each system judged on its own closure.
    @Test func oneSupplierIsVisibleForOneSystemAndHiddenForAnother() throws {
        let g = try graph("""
            <system id="X" demand="1"><uses item="P" quantity="1"/></system>
            <system id="Y" demand="1"><uses item="Q" quantity="1"/></system>
            <component id="P"/>
            <component id="Q"><uses item="M" quantity="1"/></component>
            <material id="M"/>
            <supplier id="a" country="CN"><supplies item="P" share="1"/><supplies item="M" share="0.5"/></supplier>
            <supplier id="m2" country="PL"><supplies item="M" share="0.5"/></supplier>
            <supplier id="q1" country="DE"><supplies item="Q" share="0.5"><sourcedFrom item="M" suppliers="a"/></supplies></supplier>
            <supplier id="q2" country="FR"><supplies item="Q" share="0.5"><sourcedFrom item="M" suppliers="a"/></supplies></supplier>
            """)
        #expect(both(g, "X").isEmpty)
        let y = both(g, "Y")
        #expect(y.map(\.supplier) == ["a"])
        #expect(y.first?.items == ["M"] && y.first?.dependents == ["q1", "q2"])
    }

    /// A supplier whose loss stops nothing is never hidden, however many items it makes.
    @Test func aSupplierThatIsNoSinglePointIsNotHidden() throws {
        let g = try graph("""
            <system id="X" demand="1"><uses item="P" quantity="1"/><uses item="Q" quantity="1"/></system>
            <component id="P"/><component id="Q"/>
            <supplier id="a" country="CN"><supplies item="P" share="0.5"/><supplies item="Q" share="0.5"/></supplier>
            <supplier id="b" country="DE"><supplies item="P" share="0.5"/><supplies item="Q" share="0.5"/></supplier>
            """)
        #expect(SupplyChainAnalysis(g).figures(ofSystem: g.id("X")).singlePointSuppliers.isEmpty)
        #expect(both(g, "X").isEmpty)
    }

    /// The definition, by brute force: the suppliers whose loss alone makes `system` unavailable,
    /// that make an item of its closure, none of those items with one distinct supplier; with
    /// the items they make there, by id.
    static func bruteForce(_ g: SupplyGraph, _ system: ItemID) -> [String: [String]] {
        let closure = Set(g.closure(of: system))
        var result: [String: [String]] = [:]
        for s in g.suppliers {
            var failed = IDArray<SupplierID, Bool>(repeating: false, count: g.supplierCount)
            failed[s] = true
            guard !Availability(g, failed: failed).itemAvailable[system.index] else { continue }
            let made = closure.filter { item in g.supplyEdges(of: item).contains { g.edgeSupplier[$0] == s } }
            if made.isEmpty { continue }
            let single = made.contains { item in Set(g.supplyEdges(of: item).map { g.edgeSupplier[$0] }).count == 1 }
            if !single { result[g.supplierKeys[s.index]] = made.map { g.itemKeys[$0.index] }.sorted() }
        }
        return result
    }

    @Test(arguments: 1...40)
    func suppliersOfSeveralItemsMatchTheBruteForce(seed: Int) throws {
        let g = try randomGraph(seed: UInt64(seed), itemsPerSupplier: 1...3)
        let a = SupplyChainAnalysis(g)
        let all = a.hiddenSinglePointsOfSystems()
        for x in a.systems {
            let expected = Self.bruteForce(g, x)
            for (name, list) in [("at once", all[x] ?? []), ("per system", a.hiddenSinglePoints(ofSystem: x))] {
                var found: [String: [String]] = [:]
                for h in list { found[g.supplierKeys[h.supplier.index]] = g.keys(h.items) }
                #expect(found == expected, "seed \(seed), \(g.itemKeys[x.index]), \(name)")
            }
        }
    }

    /// The random graphs hold what the batch rule must tell apart: a single point of failure
    /// that makes several items of a system's closure, one single-sourced and one not.
    @Test func theRandomGraphsHoldSuppliersOfMixedItems() throws {
        var mixed = 0, hidden = 0
        for seed in 1...40 {
            let g = try randomGraph(seed: UInt64(seed), itemsPerSupplier: 1...3)
            let a = SupplyChainAnalysis(g)
            for x in a.systems {
                let closure = Set(g.closure(of: x))
                for s in a.singlePointsOfFailure.suppliers[x] ?? [] {
                    let made = closure.filter { item in g.supplyEdges(of: item).contains { g.edgeSupplier[$0] == s } }
                    let single = made.filter(g.isSingleSourced).count
                    if single > 0 && single < made.count { mixed += 1 }
                }
                hidden += a.hiddenSinglePoints(ofSystem: x).count
            }
        }
        #expect(mixed > 5, "mixed \(mixed)")
        #expect(hidden > 5, "hidden \(hidden)")
    }
}
