import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import GraphExport
import RiskAnalysis
import SupplyGraph

/// Every DOT the tool writes must render with the real Graphviz `dot -Tsvg` with nothing on
/// stderr (no syntax errors, no warnings), and the SVG must be well-formed XML.
@Suite(.serialized) struct GraphvizRenderTests {
    /// The `dot` command's option sets on the bundled data: full, each focus, each clustering,
    /// the SPOF highlight, a scenario.
    static func bundledVariants(_ graph: SupplyGraph) -> [(String, DOTOptions)] {
        var variants: [(String, DOTOptions)] = []
        func options(_ body: (inout DOTOptions) -> Void) -> DOTOptions {
            var o = DOTOptions()
            o.supplierStagger = 3 // the command's default
            o.title = graph.dataSetNames.first
            body(&o)
            return o
        }
        variants.append(("full", options { _ in }))
        variants.append(("full-map", options { $0.clustering = .none; $0.leftToRight = true; $0.supplierStagger = 4 }))
        for clustering in DOTOptions.Clustering.allCases {
            variants.append(("cluster-\(clustering)", options { $0.clustering = clustering; $0.supplierStagger = 1 }))
        }
        variants.append(("spof", options { $0.highlightSinglePointsOfFailure = true }))
        for system in graph.items(ofKind: .system) {
            variants.append(("focus-\(graph.itemKeys[system.index])", options {
                $0.focus = system
                $0.highlightSinglePointsOfFailure = true
            }))
        }
        let failed = graph.suppliers.map { graph.supplierCountries[$0.index].code == "CN" || graph.supplierKeys[$0.index] == "ampac-ut" }
        variants.append(("scenario", options { $0.failedSuppliers = failed; $0.clustering = .country }))
        variants.append(("depth-2", options { $0.depth = 2; $0.edgeLabels = false }))
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
            variants = variants.filter { $0.0.hasPrefix("cluster-") }.map { name, options in
                var o = options
                o.edgeLabels = false
                return (name, o)
            }
        }
        for (name, options) in variants {
            try render(DOTWriter(options: options).document(for: analysis), name: "\(file) \(name)")
        }
    }

    @Test(.enabled(if: dotExecutable != nil, "Graphviz `dot` is not installed; install graphviz to run the render tests"),
          arguments: [1, 2, 3, 4])
    func randomGraphsRenderCleanly(seed: UInt64) throws {
        let graph = try randomGraph(items: 40, suppliers: 25, seed: seed)
        let analysis = SupplyChainAnalysis(graph)
        let failed = graph.suppliers.map { $0.index % 3 == 0 }
        for clustering in DOTOptions.Clustering.allCases {
            for highlight in [false, true] {
                var options = DOTOptions()
                options.clustering = clustering
                options.highlightSinglePointsOfFailure = highlight
                options.failedSuppliers = highlight ? failed : nil
                options.supplierStagger = Int(seed % 3) + 1
                options.focus = seed % 2 == 0 ? graph.items(ofKind: .system).first : nil
                try render(DOTWriter(options: options).document(for: analysis), name: "seed \(seed) \(clustering) \(highlight)")
            }
        }
    }

    @Test(.enabled(if: dotExecutable != nil, "Graphviz `dot` is not installed"))
    func awkwardNamesSurviveIntoTheSVG() throws {
        let graph = try importGraph(hiddenSPOFFixture)
        let dot = DOTWriter().document(for: SupplyChainAnalysis(graph))
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
