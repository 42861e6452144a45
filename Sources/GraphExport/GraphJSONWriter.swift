import RiskAnalysis
import SupplyGraph

/// Writes the whole graph as one JSON document of nodes and edges, for Neo4j import
/// (`apoc.import.json`-style or a `UNWIND` over the lists) and other tools:
///
/// ```
/// { "schemaVersion": 1,
///   "nodes": [ { "id": "mmr", "kind": "system", "name": "...", "hhi": 10000, ... },
///              { "id": "thales-nl-hengelo", "kind": "supplier", "country": "NL", "spofOf": ["mmr"], ... } ],
///   "edges": [ { "source": "mmr", "target": "tr-module", "relation": "uses", "quantity": 1200 }, ... ] }
/// ```
/// The attributes are those of ``GraphMLWriter``; `spofOf` is a list of system ids; an
/// attribute without a value is left out; a non-finite number is `null`.
public struct GraphJSONWriter: Sendable {
    /// Whether to indent the text (two spaces).
    public var pretty: Bool

    /// Creates a writer.
    public init(pretty: Bool = false) { self.pretty = pretty }

    /// The document as a ``JSONValue``.
    /// - Complexity: O(items + suppliers + edges), plus O(e log e) per item for its concentration.
    public func json(for analysis: SupplyChainAnalysis) -> JSONValue {
        var nodes: [JSONValue] = []
        nodes.reserveCapacity(analysis.graph.itemCount + analysis.graph.supplierCount)
        GraphAttributes.forEachNode(of: analysis) { id, values in
            nodes.append(.object([("id", .string(id))] + values.map { ($0.0, Self.json($0.1)) }))
        }
        var edges: [JSONValue] = []
        edges.reserveCapacity(analysis.graph.usesEdgeCount + analysis.graph.supplyEdgeCount)
        GraphAttributes.forEachEdge(of: analysis) { source, target, values in
            edges.append(.object([("source", .string(source)), ("target", .string(target))]
                                 + values.map { ($0.0, Self.json($0.1)) }))
        }
        return .object([("schemaVersion", .number(1)), ("nodes", .array(nodes)), ("edges", .array(edges))])
    }

    /// The document as text, with a final newline.
    /// - Complexity: as ``json(for:)``.
    public func document(for analysis: SupplyChainAnalysis) -> String {
        json(for: analysis).serialized(pretty: pretty)
    }

    private static func json(_ value: GraphAttributes.Value) -> JSONValue {
        switch value {
        case .string(let s): .string(s)
        case .number(let x): .finite(x)
        case .integer(let n): .number(Double(n))
        case .bool(let b): .bool(b)
        case .strings(let list): .array(list.map(JSONValue.string))
        }
    }
}
