import Foundation
import Testing
import GraphExport
import RiskAnalysis
import SupplyGraph

/// The DOT text compared with expected files in `Expected/` (set `UPDATE_EXPECTED=1` to rewrite
/// them after a deliberate change, then read the diff).
@Suite struct DOTWriterTests {
    static let cases: [(name: String, configure: @Sendable (inout DOTOptions, SupplyGraph) -> Void)] = [
        ("hidden-spof-tier", { _, _ in }),
        ("hidden-spof-country", { options, _ in options.clustering = .country }),
        ("hidden-spof-highlight", { options, graph in
            options.focus = graph.item(withKey: "X")
            options.highlightSinglePointsOfFailure = true
            options.clustering = .none
        }),
        ("hidden-spof-scenario", { options, graph in
            options.failedSuppliers = graph.suppliers.map { graph.supplierKeys[$0.index] == "m1" }
            options.legend = false
        }),
        ("hidden-spof-depth1", { options, graph in
            options.focus = graph.item(withKey: "X")
            options.depth = 1
            options.edgeLabels = false
            options.supplierStagger = 2
            options.leftToRight = true
        }),
    ]

    @Test(arguments: cases.indices)
    func matchesExpectedFile(_ index: Int) throws {
        let (name, configure) = Self.cases[index]
        let graph = try importGraph(hiddenSPOFFixture)
        var options = DOTOptions()
        options.title = "Hidden single point of failure"
        configure(&options, graph)
        let text = DOTWriter(options: options).document(for: SupplyChainAnalysis(graph))
        let url = testsDirectory.appendingPathComponent("Expected/\(name).dot")
        if ProcessInfo.processInfo.environment["UPDATE_EXPECTED"] != nil {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "DOT differs from Expected/\(name).dot (UPDATE_EXPECTED=1 rewrites it)")
    }

    @Test func colouringFollowsTheFigures() throws {
        let graph = try importGraph(hiddenSPOFFixture)
        let marks = RiskMarks(SupplyChainAnalysis(graph))
        // m1 is the hidden single point of failure; p1, p2 (two makers) are not.
        #expect(marks.suppliers[graph.supplier(withKey: "m1")!.index].contains(.singlePointOfFailure))
        #expect(!marks.suppliers[graph.supplier(withKey: "p1")!.index].contains(.singlePointOfFailure))
        // M: CI holds 70 % (CRMA), PL 30 %: not non-EU only, not single source.
        let m = marks.items[graph.item(withKey: "M")!.index]
        #expect(m == [.crma65])
        #expect(marks.items[graph.item(withKey: "P")!.index] == [])
    }

    @Test func highlightDrawsThePathToTheHiddenSinglePointOfFailure() throws {
        let graph = try importGraph(hiddenSPOFFixture)
        var options = DOTOptions()
        options.highlightSinglePointsOfFailure = true
        let text = DOTWriter(options: options).document(for: SupplyChainAnalysis(graph))
        let bold = text.split(separator: "\n").filter { $0.contains("penwidth=3") && $0.contains("->") }.map(String.init)
        #expect(bold.contains { $0.hasPrefix("  \"X\" -> \"P\"") })
        #expect(bold.contains { $0.hasPrefix("  \"P\" -> \"M\"") })
        #expect(bold.contains { $0.hasPrefix("  \"M\" -> \"m1\"") })
        #expect(bold.contains { $0.hasPrefix("  \"m1\" -> \"p1\"") && $0.contains("dashed") })
        #expect(bold.contains { $0.hasPrefix("  \"m1\" -> \"p2\"") && $0.contains("dashed") })
        #expect(!bold.contains { $0.hasPrefix("  \"M\" -> \"m2\"") })
    }

    @Test func focusAndDepthCutTheGraph() throws {
        let graph = try bundledGraph("nl-defence.xml")
        let analysis = SupplyChainAnalysis(graph)
        var options = DOTOptions()
        options.focus = graph.item(withKey: "mmr")
        let focused = DOTWriter(options: options)
        let text = focused.document(for: analysis)
        #expect(text.contains("\"fict-epi-wafer-x-us\" ["))
        #expect(!text.contains("\"cv90\" ["))
        options.depth = 0
        let shallow = DOTWriter(options: options)
        // The radar and its one assembler.
        #expect(shallow.drawnNodeCount(in: graph) == 2)
        #expect(focused.drawnNodeCount(in: graph) > shallow.drawnNodeCount(in: graph))
        #expect(DOTWriter().drawnNodeCount(in: graph) == graph.itemCount + graph.supplierCount)
    }

    /// DESIGN §5: DOT of 10^5 nodes in under a second (asserted in release builds only).
    @Test func writesAHundredThousandNodesQuickly() throws {
        let graph = try randomGraph(items: 70_000, suppliers: 30_000, seed: 7)
        let analysis = SupplyChainAnalysis(graph)
        let clock = ContinuousClock()
        var text = ""
        let marks = RiskMarks(analysis)
        let elapsed = clock.measure {
            DOTWriter().write(analysis, marks: marks, to: &text)
        }
        let withMarks = clock.measure { _ = DOTWriter().document(for: analysis) }
        print("DOT of \(graph.itemCount + graph.supplierCount) nodes, \(graph.usesEdgeCount + graph.supplyEdgeCount) edges, \(text.utf8.count >> 20) MiB: \(elapsed) (with risk flags: \(withMarks))")
        #expect(text.hasSuffix("}\n"))
        #if !DEBUG
        #expect(withMarks < .seconds(1))
        #endif
    }
}
