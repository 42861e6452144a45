import OutputFormats
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
        Self.forEachNode(of: graph, annotations) { nodes.append($0) }
        var edges: [JSONValue] = []
        edges.reserveCapacity(graph.usesEdgeCount + graph.supplyEdgeCount)
        Self.forEachEdge(of: graph, annotations) { edges.append($0) }
        return .object([("schemaVersion", .number(1))] + header + [("nodes", .array(nodes)), ("edges", .array(edges))])
    }

    /// The document as text, with a final newline: the text of ``json(for:annotations:header:)``
    /// serialized, made by ``write(for:annotations:header:to:)``.
    /// - Complexity: as ``json(for:annotations:header:)``.
    public func document(for graph: SupplyGraph, annotations: GraphAnnotations = GraphAnnotations(),
                         header: [(String, JSONValue)] = []) -> String {
        var text = ""
        write(for: graph, annotations: annotations, header: header) { text += $0 }
        return text
    }

    /// Writes the document in pieces of about 1 MB, each node and edge made and written in turn:
    /// the same text as ``json(for:annotations:header:)`` serialized, without holding the tree
    /// of every node and edge or the whole text (memory: one piece and one record).
    /// - Complexity: O((items + suppliers + edges) · columns) time.
    public func write(for graph: SupplyGraph, annotations: GraphAnnotations = GraphAnnotations(),
                      header: [(String, JSONValue)] = [], to write: (String) -> Void) {
        withoutActuallyEscaping(write) { write in writePieces(for: graph, annotations: annotations, header: header, to: write) }
    }

    private func writePieces(for graph: SupplyGraph, annotations: GraphAnnotations, header: [(String, JSONValue)],
                             to write: @escaping (String) -> Void) {
        let memberIndent = pretty ? 2 : -1, recordIndent = pretty ? 4 : -1
        var out = ""
        out.reserveCapacity(1 << 20)
        func flushIfFull() {
            if out.utf8.count >= 1 << 20 { write(out); out.removeAll(keepingCapacity: true) }
        }
        func member(_ k: Int, _ key: String) {
            if k > 0 { out += "," }
            if pretty { out += "\n  " }
            JSONValue.escape(key, into: &out)
            out += pretty ? ": " : ":"
        }
        // A list of objects as JSONValue writes it: one a line when pretty, `[]` when empty.
        func list(_ forEach: ((JSONValue) -> Void) -> Void) {
            var count = 0
            out += "["
            forEach { record in
                if count > 0 { out += "," }
                if pretty { out += "\n    " }
                record.write(to: &out, indent: recordIndent)
                count += 1
                flushIfFull()
            }
            if count == 0 { out += "]"; return }
            if pretty { out += "\n  " }
            out += "]"
        }
        out += "{"
        member(0, "schemaVersion")
        JSONValue.number(1).write(to: &out, indent: memberIndent)
        for (k, (key, value)) in header.enumerated() {
            member(k + 1, key)
            value.write(to: &out, indent: memberIndent)
        }
        member(header.count + 1, "nodes")
        list { Self.forEachNode(of: graph, annotations, $0) }
        member(header.count + 2, "edges")
        list { Self.forEachEdge(of: graph, annotations, $0) }
        if pretty { out += "\n" }
        out += "}\n"
        write(out)
    }

    /// Each node as its JSON object, in the order of ``GraphAttributes``.
    private static func forEachNode(of graph: SupplyGraph, _ annotations: GraphAnnotations, _ emit: (JSONValue) -> Void) {
        GraphAttributes.forEachNode(of: graph, annotations) { id, values in
            emit(.object([("id", .string(id))] + values.map { ($0.0, json($0.1)) }))
        }
    }

    /// Each edge as its JSON object, in the order of ``GraphAttributes``.
    private static func forEachEdge(of graph: SupplyGraph, _ annotations: GraphAnnotations, _ emit: (JSONValue) -> Void) {
        GraphAttributes.forEachEdge(of: graph, annotations) { source, target, values in
            emit(.object([("source", .string(source)), ("target", .string(target))] + values.map { ($0.0, json($0.1)) }))
        }
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
