import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// Every DOT the tool writes must render with the real Graphviz `dot -Tsvg` with nothing on
/// stderr (no syntax errors, no warnings), and the SVG must be well-formed XML.
@Suite(.serialized) struct GraphvizRenderTests {
    /// The `dot` command's option sets on the bundled data: full, each focus, each clustering,
    /// the SPOF highlight, a scenario.
    static func bundledVariants(_ graph: SupplyGraph) -> [(String, DiagramRequest)] {
        var variants: [(String, DiagramRequest)] = []
        func request(_ body: (inout DiagramRequest) -> Void) -> DiagramRequest {
            var r = DiagramRequest()
            r.options.supplierStagger = 3 // the command's default
            r.options.title = graph.dataSetNames.first
            body(&r)
            return r
        }
        variants.append(("full", request { _ in }))
        variants.append(("full-map", request { $0.options.clustering = .none; $0.options.leftToRight = true; $0.options.supplierStagger = 4 }))
        for clustering in DOTOptions.Clustering.allCases {
            variants.append(("cluster-\(clustering)", request { $0.options.clustering = clustering; $0.options.supplierStagger = 1 }))
        }
        variants.append(("spof", request { $0.highlight = true }))
        for system in graph.items(ofKind: .system) {
            variants.append(("focus-\(graph.itemKeys[system.index])", request {
                $0.options.focus = system
                $0.highlight = true
            }))
        }
        let failed = graph.suppliers.map { graph.supplierCountries[$0.index].code == "CN" || graph.supplierKeys[$0.index] == "ampac-ut" }
        variants.append(("scenario", request { $0.failed = failed; $0.options.clustering = .country }))
        variants.append(("depth-2", request { $0.options.depth = 2; $0.options.edgeLabels = false }))
        return variants
    }

    func render(_ dot: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let executable = dotExecutable else { return }
        let result = try runProgram(executable, ["-Tsvg"], input: dot)
        #expect(result.status == 0, "\(name): dot exited \(result.status)", sourceLocation: sourceLocation)
        #expect(result.err.isEmpty, "\(name): dot wrote on stderr: \(result.err.prefix(500))", sourceLocation: sourceLocation)
        #expect(XMLParser(data: Data(result.out.utf8)).parse(), "\(name): the SVG is not well-formed XML", sourceLocation: sourceLocation)
    }

    @Test(.enabled(if: dotExecutable != nil, "Graphviz `dot` is not installed; install graphviz to run the render tests"),
          arguments: ["nl-defence.xml", "eu-crm-2023.xml"])
    func bundledDataRendersCleanly(file: String) throws {
        let graph = try bundledGraph(file)
        let analysis = SupplyChainAnalysis(graph)
        var variants = Self.bundledVariants(graph)
        if file == "eu-crm-2023.xml" {
            // 2,500 suppliers: the command would lay it out with sfdp; dot is checked on the
            // clusterings only, without labels, to keep the test short.
            variants = variants.filter { $0.0.hasPrefix("cluster-") }.map { name, request in
                var r = request
                r.options.edgeLabels = false
                return (name, r)
            }
        }
        for (name, request) in variants {
            try render(riskDOT(graph, request, analysis: analysis), name: "\(file) \(name)")
        }
    }

    @Test(.enabled(if: dotExecutable != nil, "Graphviz `dot` is not installed; install graphviz to run the render tests"),
          arguments: Array(UInt64(1)...12))
    func randomGraphsRenderCleanly(seed: UInt64) throws {
        // Chains of several shapes: small and dense, long and thin, wide with many suppliers.
        let shapes: [(items: Int, suppliers: Int)] = [(40, 25), (90, 20), (60, 80), (150, 60)]
        let shape = shapes[Int(seed) % shapes.count]
        let graph = try randomGraph(items: shape.items, suppliers: shape.suppliers, seed: seed)
        let analysis = SupplyChainAnalysis(graph)
        let failed = graph.suppliers.map { $0.index % 3 == 0 }
        for clustering in DOTOptions.Clustering.allCases {
            for highlight in [false, true] {
                var request = DiagramRequest()
                request.options.clustering = clustering
                request.highlight = highlight
                request.failed = highlight ? failed : nil
                request.options.supplierStagger = Int(seed % 3) + 1
                request.options.focus = seed % 2 == 0 ? graph.items(ofKind: .system).first : nil
                try render(riskDOT(graph, request, analysis: analysis), name: "seed \(seed) \(clustering) \(highlight)")
            }
        }
    }

    @Test(.enabled(if: dotExecutable != nil, "Graphviz `dot` is not installed"))
    func awkwardNamesSurviveIntoTheSVG() throws {
        let graph = try importGraph(hiddenSPOFFixture)
        let dot = riskDOT(graph, DiagramRequest())
        guard let executable = dotExecutable else { return }
        let svg = try runProgram(executable, ["-Tsvg"], input: dot)
        #expect(svg.err.isEmpty)
        // Names come out as written (XML-escaped by Graphviz).
        #expect(svg.out.contains("Mine, Côte d&#39;Ivoire") || svg.out.contains("Mine, Côte d'Ivoire"))
        #expect(svg.out.contains("Smelter Łódź"))
        #expect(svg.out.contains("Maker A &amp; Co"))
        #expect(svg.out.contains("System &quot;X&quot;") || svg.out.contains("System \"X\""))
        #expect(svg.out.contains("Part \\ with backslash"))
    }
}
