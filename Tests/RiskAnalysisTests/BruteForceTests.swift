import Testing
import SupplyGraph
import ChokepointTestSupport
@testable import RiskAnalysis

@Suite("Single points of failure against brute force")
struct BruteForceTests {
    @Test(arguments: 1...40)
    func matchesBruteForce(seed: Int) throws {
        let g = try randomGraph(seed: UInt64(seed))
        let systems = g.items(ofKind: .system)
        let fast = SinglePointsOfFailure(g, targets: systems)
        for s in g.suppliers {
            var failed = IDArray<SupplierID, Bool>(repeating: false, count: g.supplierCount)
            failed[s] = true
            let outcome = Availability(g, failed: failed)
            for x in systems {
                #expect((fast.suppliers[x] ?? []).contains(s) == !outcome.itemAvailable[x.index],
                        "seed \(seed): supplier \(g.supplierKeys[s.index]) for \(g.itemKeys[x.index])")
            }
        }
        for country in Set(g.supplierCountries) where country.isKnown {
            let failed = IDArray<SupplierID, Bool>(g.supplierCountries.map { $0 == country })
            let outcome = Availability(g, failed: failed)
            for x in systems {
                #expect((fast.countries[x] ?? []).contains(country) == !outcome.itemAvailable[x.index],
                        "seed \(seed): country \(country.code) for \(g.itemKeys[x.index])")
            }
        }
    }

    @Test(arguments: 1...40)
    func hiddenSinglePointsAtOnceMatchThoseOfEachSystem(seed: Int) throws {
        let g = try randomGraph(seed: UInt64(seed))
        let a = SupplyChainAnalysis(g)
        let all = a.hiddenSinglePointsOfSystems()
        for x in a.systems {
            let one = a.hiddenSinglePoints(ofSystem: x)
            let batch = all[x] ?? []
            #expect(one.map(\.supplier) == batch.map(\.supplier), "seed \(seed), \(g.itemKeys[x.index])")
            #expect(one.map { Set($0.items) } == batch.map { Set($0.items) } && one.map { Set($0.dependents) } == batch.map { Set($0.dependents) })
        }
    }

    @Test(arguments: 1...10)
    func blockingItemsBelowMatchTheClosure(seed: Int) throws {
        let g = try randomGraph(seed: UInt64(seed) + 100)
        let a = SupplyChainAnalysis(g)
        let blocking = Set(a.perimeterOnly.blockingItems)
        for x in a.systems {
            let expected = Set(g.closure(of: x)).intersection(blocking)
            #expect(Set(a.figures(ofSystem: x).blockingItems) == expected)
        }
    }
}

@Suite("The random graphs exercise the interesting cases")
struct RandomGraphCoverageTests {
    @Test func someSystemsHaveSinglePointsOfFailureAndSomeDoNot() throws {
        var with = 0, without = 0, sourced = 0
        for seed in 1...40 {
            let g = try randomGraph(seed: UInt64(seed))
            let fast = SinglePointsOfFailure(g, targets: g.items(ofKind: .system))
            for (_, set) in fast.suppliers { if set.isEmpty { without += 1 } else { with += 1 } }
            if g.hasSourcing { sourced += 1 }
        }
        #expect(with > 10, "with \(with)"); #expect(without > 5, "without \(without)"); #expect(sourced > 30, "sourced \(sourced)")
    }
}

/// The systems above each item (``SupplyChainAnalysis/systemIndicesAbove(_:)``) against a
/// search from every system, on layered graphs with more than two batches of 64 systems: with
/// children drawn near their parent (small cones, each batch walks only its own) and from
/// anywhere (cones of most of the graph, walked in the graph's order).
@Suite("Systems above an item against brute force")
struct SystemsAboveTests {
    static func layered(seed: UInt64, local: Bool) throws -> SupplyGraph {
        var rng = SplitMix64(state: seed)
        var b = SupplyGraphBuilder()
        let layers = [150, 400, 300, 200]
        var records: [[Int]] = []
        for (l, count) in layers.enumerated() {
            records.append((0..<count).map { k in
                b.addItem(key: "i\(l)-\(k)", kind: l == 0 ? .system : l == layers.count - 1 ? .material : .component, demand: l == 0 ? 1 : 0)
            })
        }
        for l in 0..<(layers.count - 1) {
            for k in 0..<layers[l] {
                let below = layers[l + 1]
                let centre = k * below / layers[l]
                var picked = Set<Int>()
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    picked.insert(local ? min(below - 1, max(0, centre + Int.random(in: -2...2, using: &rng)))
                                        : Int.random(in: 0..<below, using: &rng))
                }
                // Now and then an edge that skips a layer.
                if l + 2 < layers.count && Int.random(in: 0..<5, using: &rng) == 0 {
                    b.addUses(parent: records[l][k], child: "i\(l + 2)-\(Int.random(in: 0..<layers[l + 2], using: &rng))", quantity: 1)
                }
                for c in picked.sorted() { b.addUses(parent: records[l][k], child: "i\(l + 1)-\(c)", quantity: 1) }
            }
        }
        return try b.build().graph
    }

    @Test(arguments: [(1, true), (2, true), (3, false), (4, false)])
    func matchesASearchFromEverySystem(seed: Int, local: Bool) throws {
        let g = try Self.layered(seed: UInt64(seed), local: local)
        let analysis = SupplyChainAnalysis(g)
        #expect(analysis.systems.count == 150)
        // Every item, one twice, in a shuffled order.
        var rng = SplitMix64(state: UInt64(seed) &* 7)
        var targets = Array(g.items).shuffled(using: &rng)
        targets.append(targets[3])
        let fast = analysis.systemIndicesAbove(targets)
        var expected = [[Int]](repeating: [], count: g.itemCount)
        for (k, s) in analysis.systems.enumerated() {
            var seen = Set([s]), stack = [s]
            while let i = stack.popLast() {
                expected[i.index].append(k)
                for c in g.children(of: i) where seen.insert(c).inserted { stack.append(c) }
            }
        }
        for (n, t) in targets.enumerated() {
            #expect(fast[n] == expected[t.index], "seed \(seed): \(g.itemKeys[t.index])")
        }
    }
}

@Suite("Sorted-list intersection")
struct ForEachCommonTests {
    @Test(arguments: 1...30)
    func findsEveryCommonValueOnce(seed: Int) {
        var rng = SplitMix64(state: UInt64(seed))
        let a = Set((0..<Int.random(in: 0...40, using: &rng)).map { _ in Int.random(in: 0..<60, using: &rng) }).sorted()
        let b = Set((0..<Int.random(in: 0...40, using: &rng)).map { _ in Int.random(in: 0..<60, using: &rng) }).sorted()
        var found: [Int] = []
        SupplyChainAnalysis.forEachCommon(a, b) { j in found.append(j) }
        #expect(found == b.indices.filter { Set(a).contains(b[$0]) }, "a \(a) b \(b)")
    }
}
