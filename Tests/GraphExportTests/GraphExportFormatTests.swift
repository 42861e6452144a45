import OutputFormats
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

@Suite struct GraphExportFormatTests {
    static let python: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()
    static let networkx: Bool = {
        guard let python else { return false }
        return (try? runProgram(python, ["-c", "import networkx"]).status) == 0
    }()

    /// `Tools/check_graphml.py` loads the file with `networkx.read_graphml` and checks the counts
    /// and the attribute types; exit status 0 when all is right.
    @Test(.enabled(if: networkx, "python3 with networkx is not installed; pip install networkx to run this test"),
          arguments: ["fixture", "nl-defence.xml", "random"])
    func graphMLLoadsInNetworkX(source: String) throws {
        let graph: SupplyGraph = switch source {
        case "fixture": try importGraph(hiddenSPOFFixture)
        case "random": try randomGraph(items: 60, suppliers: 30, seed: 11)
        default: try bundledGraph(source)
        }
        let text = GraphMLWriter().document(for: graph, annotations: GraphAnnotations(SupplyChainAnalysis(graph)))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-\(UUID().uuidString).graphml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var sourcing = 0
        for e in 0..<graph.supplyEdgeCount {
            for entry in graph.sourcing(of: SupplyEdgeID(e)) { sourcing += entry.suppliers.count }
        }
        let nodes = graph.itemCount + graph.supplierCount
        let edges = graph.usesEdgeCount + graph.supplyEdgeCount + sourcing
        let script = packageDirectory.appendingPathComponent("Tools/check_graphml.py").path
        let result = try runProgram(Self.python ?? "python3", [script, url.path, "\(nodes)", "\(edges)"])
        #expect(result.status == 0, "check_graphml.py: \(result.out)\(result.err)")
    }

    @Test func graphMLCarriesTheFigures() throws {
        let graph = try importGraph(hiddenSPOFFixture)
        let text = GraphMLWriter().document(for: graph, annotations: GraphAnnotations(SupplyChainAnalysis(graph)))
        #expect(text.contains("attr.name=\"hhi\" attr.type=\"double\""))
        #expect(text.contains("attr.name=\"singleSource\" attr.type=\"boolean\""))
        #expect(text.contains("<node id=\"m1\">"))
        #expect(text.contains(">X</data>")) // m1's spofOf
        #expect(text.contains("Maker A &amp; Co"))
        #expect(text.contains("System &quot;X&quot;"))
        #expect(XMLParser(data: Data(text.utf8)).parse())
    }

    @Test(arguments: [false, true])
    func jsonWrittenInPiecesIsTheTreeSerialized(pretty: Bool) throws {
        // The streamed document is, byte for byte, the tree serialized: on the bundled map (whose
        // 270 records cross no 1 MB piece), a random graph of 20,000 items (which crosses
        // several), and an empty one (empty node and edge lists).
        let header: [(String, JSONValue)] = [("tool", .object([("name", .string("chokepoint"))])), ("inputs", .array([.string("a.xml")]))]
        let graphs = [try bundledGraph("nl-defence.xml"), try randomGraph(items: 20_000, suppliers: 2_000, seed: 5),
                      try importGraph("")]
        for graph in graphs {
            let writer = GraphJSONWriter(pretty: pretty)
            let annotations = GraphAnnotations(SupplyChainAnalysis(graph))
            var pieces: [String] = []
            writer.write(for: graph, annotations: annotations, header: header) { pieces.append($0) }
            let tree = writer.json(for: graph, annotations: annotations, header: header).serialized(pretty: pretty)
            #expect(pieces.joined() == tree)
            #expect(writer.document(for: graph, annotations: annotations, header: header) == tree)
            #expect(pieces.dropLast().allSatisfy { $0.utf8.count >= 1 << 20 })
            if graph.itemCount >= 20_000 { #expect(pieces.count > 2) }
        }
    }

    @Test func jsonHasNodesAndEdges() throws {
        let graph = try importGraph(hiddenSPOFFixture)
        let text = GraphJSONWriter().document(for: graph, annotations: GraphAnnotations(SupplyChainAnalysis(graph)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let edges = try #require(object["edges"] as? [[String: Any]])
        #expect(nodes.count == graph.itemCount + graph.supplierCount)
        #expect(Set(nodes.compactMap { $0["id"] as? String }).count == nodes.count)
        // 2 uses + 4 supplies + 2 sourcedFrom.
        #expect(edges.count == 8)
        let m1 = try #require(nodes.first { $0["id"] as? String == "m1" })
        #expect(m1["spofOf"] as? [String] == ["X"])
        #expect(m1["country"] as? String == "CI")
        let material = try #require(nodes.first { $0["id"] as? String == "M" })
        #expect(material["crma65"] as? Bool == true)
        #expect(abs((material["hhi"] as? Double ?? 0) - 5800) < 1e-6)
        let sourced = edges.filter { $0["relation"] as? String == "sourcedFrom" }
        #expect(sourced.map { "\($0["source"]!)->\($0["target"]!)" }.sorted() == ["m1->p1", "m1->p2"])
        let p1 = try #require(edges.first { $0["source"] as? String == "p1" && $0["relation"] as? String == "supplies" })
        #expect(p1["share"] as? Double == 0.6)
        #expect(p1["leadTimeDays"] as? Double == 90)
    }
}
