import Foundation
import Testing
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// The DOT text compared with expected files in `Expected/` (set `UPDATE_EXPECTED=1` to rewrite
/// them after a deliberate change, then read the diff).
@Suite struct DOTWriterTests {
    static let cases: [(name: String, configure: @Sendable (inout DiagramRequest, SupplyGraph) -> Void)] = [
        ("hidden-spof-tier", { _, _ in }),
        ("hidden-spof-country", { request, _ in request.options.clustering = .country }),
        ("hidden-spof-highlight", { request, graph in
            request.options.focus = graph.item(withKey: "X")
            request.highlight = true
            request.options.clustering = .none
        }),
        ("hidden-spof-scenario", { request, graph in
            request.failed = graph.suppliers.map { graph.supplierKeys[$0.index] == "m1" }
            request.options.legend = false
        }),
        ("hidden-spof-depth1", { request, graph in
            request.options.focus = graph.item(withKey: "X")
            request.options.depth = 1
            request.options.edgeLabels = false
            request.options.supplierStagger = 2
            request.options.leftToRight = true
        }),
    ]

    @Test(arguments: cases.indices)
    func matchesExpectedFile(_ index: Int) throws {
        let (name, configure) = Self.cases[index]
        let graph = try importGraph(hiddenSPOFFixture)
        var request = DiagramRequest()
        request.options.title = "Hidden single point of failure"
        configure(&request, graph)
        let text = riskDOT(graph, request)
        let url = testsDirectory.appendingPathComponent("Expected/\(name).dot")
        if ProcessInfo.processInfo.environment["UPDATE_EXPECTED"] != nil {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "DOT differs from Expected/\(name).dot (UPDATE_EXPECTED=1 rewrites it)")
    }

    @Test func colouringFollowsTheFigures() throws {
        let graph = try importGraph(hiddenSPOFFixture)
        let a = SupplyChainAnalysis(graph)
        let marks = DiagramMarks(a, systems: a.systems)
        // m1 is the hidden single point of failure; p1, p2 (two makers) are not.
        #expect(marks.suppliers[graph.supplier(withKey: "m1")!.index].contains(.singlePointOfFailure))
        #expect(!marks.suppliers[graph.supplier(withKey: "p1")!.index].contains(.singlePointOfFailure))
        // M: CI holds 70 %, PL 30 %: not non-EU only, not single source; concentrated in one
        // third country, but without a commodity it is no strategic raw material, so the CRMA
        // benchmark's yellow does not apply (the report lists it as concentrated).
        #expect(marks.items[graph.item(withKey: "M")!.index] == [])
        #expect(marks.items[graph.item(withKey: "P")!.index] == [])
    }

    @Test func theCRMABenchmarkMarksStrategicRawMaterialsOnly() throws {
        // The same M as a stage of gallium (Annex I, strategic): now yellow.
        let strategic = hiddenSPOFFixture.replacing(#"<material id="M" name="Cocoa-butter grade M" unit="kg"/>"#,
                                                    with: #"<material id="M" name="Cocoa-butter grade M" unit="kg" commodity="gallium"/>"#)
        #expect(strategic != hiddenSPOFFixture)
        let graph = try importGraph(strategic)
        let a = SupplyChainAnalysis(graph)
        let marks = DiagramMarks(a, systems: a.systems)
        #expect(marks.items[graph.item(withKey: "M")!.index] == [DiagramMarks.ItemMark.crma65])
    }

    @Test func highlightDrawsThePathToTheHiddenSinglePointOfFailure() throws {
        let graph = try importGraph(hiddenSPOFFixture)
        var request = DiagramRequest()
        request.highlight = true
        let text = riskDOT(graph, request)
        let bold = text.split(separator: "\n").filter { $0.contains("penwidth=3") && $0.contains("->") }.map(String.init)
        #expect(bold.contains { $0.hasPrefix("  \"X\" -> \"P\"") })
        #expect(bold.contains { $0.hasPrefix("  \"P\" -> \"M\"") })
        #expect(bold.contains { $0.hasPrefix("  \"M\" -> \"m1\"") })
        #expect(bold.contains { $0.hasPrefix("  \"p1\" -> \"m1\" [dir=\"back\"") && $0.contains("dashed") })
        #expect(bold.contains { $0.hasPrefix("  \"p2\" -> \"m1\" [dir=\"back\"") && $0.contains("dashed") })
        #expect(!bold.contains { $0.hasPrefix("  \"M\" -> \"m2\"") })
    }

    @Test func focusAndDepthCutTheGraph() throws {
        let graph = try bundledGraph("nl-defence.xml")
        let analysis = SupplyChainAnalysis(graph)
        var options = DOTOptions()
        options.focus = graph.item(withKey: "mmr")
        let focused = DOTWriter(options: options)
        let text = riskDOT(graph, DiagramRequest(options: options), analysis: analysis)
        #expect(text.contains("\"fict-epi-wafer-x-us\" ["))
        #expect(!text.contains("\"cv90\" ["))
        options.depth = 0
        let shallow = DOTWriter(options: options)
        // The radar and its one assembler.
        #expect(shallow.drawnNodeCount(in: graph) == 2)
        #expect(focused.drawnNodeCount(in: graph) > shallow.drawnNodeCount(in: graph))
        #expect(DOTWriter().drawnNodeCount(in: graph) == graph.itemCount + graph.supplierCount)
    }

    /// BENCHMARKS.md: DOT of 10^5 nodes in under a second (asserted in release builds only).
    @Test func writesAHundredThousandNodesQuickly() throws {
        let graph = try randomGraph(items: 70_000, suppliers: 30_000, seed: 7)
        let analysis = SupplyChainAnalysis(graph)
        let clock = ContinuousClock()
        var text = ""
        let marks = DiagramMarks(analysis, systems: analysis.systems)
        let elapsed = clock.measure {
            DOTWriter().write(graph, marks: marks, to: &text)
        }
        let withMarks = clock.measure { _ = riskDOT(graph, DiagramRequest(), analysis: analysis) }
        print("DOT of \(graph.itemCount + graph.supplierCount) nodes, \(graph.usesEdgeCount + graph.supplyEdgeCount) edges, \(text.utf8.count >> 20) MiB: \(elapsed) (with risk flags: \(withMarks))")
        #expect(text.hasSuffix("}\n"))
        #if !DEBUG
        #expect(withMarks < .seconds(1))
        #endif
    }
}
