import SupplyGraph

/// Writes the whole graph as one JSON document of nodes and edges, for Neo4j import
/// (`apoc.import.json`-style or a `UNWIND` over the lists) and other tools:
///
/// ```
/// { "schemaVersion": 1,
///   "nodes": [ { "id": "mmr", "kind": "system", "name": "...", "hhi": 10000, ... },
///              { "id": "thales-nl-hengelo", "kind": "supplier", "country": "NL", "spofOf": ["mmr"], ... } ],
///   "edges": [ { "source": "tr-module", "target": "mmr", "relation": "uses", "quantity": 1200 }, ... ] }
/// ```
/// The attributes and edge directions are those of ``GraphMLWriter``; a list attribute (such as
/// `spofOf`) is a JSON array; an attribute without a value is left out; a non-finite number is
/// `null`. `dataSet` carries the data sets' names and dates.
public struct GraphJSONWriter: Sendable {
    /// Whether to indent the text (two spaces).
    public var pretty: Bool

    /// Creates a writer.
    /// - Complexity: O(1).
    public init(pretty: Bool = false) { self.pretty = pretty }

    /// The document as a ``JSONValue``.
    /// - Complexity: O((items + suppliers + edges) · columns).
    public func json(for graph: SupplyGraph, annotations: GraphAnnotations = GraphAnnotations(),
                     header: [(String, JSONValue)] = []) -> JSONValue {
        var nodes: [JSONValue] = []
        nodes.reserveCapacity(graph.itemCount + graph.supplierCount)
        GraphAttributes.forEachNode(of: graph, annotations) { id, values in
            nodes.append(.object([("id", .string(id))] + values.map { ($0.0, Self.json($0.1)) }))
        }
        var edges: [JSONValue] = []
        edges.reserveCapacity(graph.usesEdgeCount + graph.supplyEdgeCount)
        GraphAttributes.forEachEdge(of: graph, annotations) { source, target, values in
            edges.append(.object([("source", .string(source)), ("target", .string(target))]
                                 + values.map { ($0.0, Self.json($0.1)) }))
        }
        return .object([("schemaVersion", .number(1))] + header + [("nodes", .array(nodes)), ("edges", .array(edges))])
    }

    /// The document as text, with a final newline.
    /// - Complexity: as ``json(for:annotations:header:)``.
    public func document(for graph: SupplyGraph, annotations: GraphAnnotations = GraphAnnotations(),
                         header: [(String, JSONValue)] = []) -> String {
        json(for: graph, annotations: annotations, header: header).serialized(pretty: pretty)
    }

    private static func json(_ value: GraphAnnotations.Value) -> JSONValue {
        switch value {
        case .string(let s): .string(s)
        case .number(let x): .finite(x)
        case .integer(let n): .number(Double(n))
        case .bool(let b): .bool(b)
        case .strings(let list): .array(list.map(JSONValue.string))
        }
    }
}
