import OutputFormats
import SupplyGraph

/// Writes the whole graph as GraphML, with its attributes and the caller's annotations, for
/// Gephi, yEd and NetworkX (`networkx.read_graphml` reads every attribute with its type).
///
/// Nodes are the items and the suppliers, with their data ids as GraphML ids (ids are one
/// namespace in the data, so they are unique) and a `label` (the name) for Gephi. Every
/// attribute is declared in a `<key>` with its `attr.type`; an attribute without a value is left
/// out of that node or edge.
/// - Items: `kind` (`system`, `component`, `material`), `label`, `name`, `unit`, `demand`,
///   `stock`, `weight` (systems), `price`, `commodity`, then the annotations.
/// - Suppliers: `kind` (`supplier`), `label`, `name`, `country` (`unknown` when not given),
///   `controlledBy`, `recoveryDays`, `cage`, `aggregate` (country aggregates only), then
///   the annotations.
/// - Edges run the way material flows, each with a `relation`: `supplies` (supplier → item;
///   `share` as given, `leadTimeDays`, `capacity`, then the annotations), `uses` (child →
///   parent; `quantity` of the child per unit of the parent), `sourcedFrom` (named sub-supplier
///   → buying supplier; `input`, the item bought, and `item`, the item the buyer supplies).
public struct GraphMLWriter: Sendable {
    /// Creates a writer.
    /// - Complexity: O(1).
    public init() {}

    /// The GraphML document.
    /// - Complexity: O((items + suppliers + edges) · columns).
    public func document(for graph: SupplyGraph, annotations: GraphAnnotations = GraphAnnotations()) -> String {
        var out = ""
        write(graph, annotations: annotations, to: &out)
        return out
    }

    /// Appends the GraphML document to `out`.
    /// - Complexity: as ``document(for:annotations:)``.
    public func write(_ graph: SupplyGraph, annotations: GraphAnnotations, to out: inout String) {
        out.reserveCapacity(out.utf8.count + 400 * (graph.itemCount + graph.supplierCount)
                            + 200 * (graph.usesEdgeCount + graph.supplyEdgeCount))
        let nodeKeys = GraphAttributes.nodeKeys(annotations), edgeKeys = GraphAttributes.edgeKeys(annotations)
        let nodeIndex = Dictionary(uniqueKeysWithValues: nodeKeys.enumerated().map { ($1.name, $0) })
        let edgeIndex = Dictionary(uniqueKeysWithValues: edgeKeys.enumerated().map { ($1.name, $0) })
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.append("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
        for (k, key) in nodeKeys.enumerated() {
            out.append("  <key id=\"n\(k)\" for=\"node\" attr.name=\"\(key.name)\" attr.type=\"\(key.type.rawValue)\"/>\n")
        }
        for (k, key) in edgeKeys.enumerated() {
            out.append("  <key id=\"e\(k)\" for=\"edge\" attr.name=\"\(key.name)\" attr.type=\"\(key.type.rawValue)\"/>\n")
        }
        out.append("  <graph id=")
        XMLText.appendQuoted(graph.dataSetNames.first ?? "supply-chain", to: &out)
        out.append(" edgedefault=\"directed\">\n")
        GraphAttributes.forEachNode(of: graph, annotations) { id, values in
            out.append("    <node id=")
            XMLText.appendQuoted(id, to: &out)
            out.append(">\n")
            appendData(values, keys: nodeIndex, prefix: "n", to: &out)
            out.append("    </node>\n")
        }
        var edgeNumber = 0
        GraphAttributes.forEachEdge(of: graph, annotations) { source, target, values in
            out.append("    <edge id=\"e\(edgeNumber)\" source=")
            XMLText.appendQuoted(source, to: &out)
            out.append(" target=")
            XMLText.appendQuoted(target, to: &out)
            out.append(">\n")
            appendData(values, keys: edgeIndex, prefix: "e", to: &out)
            out.append("    </edge>\n")
            edgeNumber += 1
        }
        out.append("  </graph>\n</graphml>\n")
    }

    private func appendData(_ values: [(String, GraphAttributes.Value)], keys: [String: Int], prefix: String,
                            to out: inout String) {
        for (name, value) in values {
            guard let k = keys[name] else { continue }
            let text: String
            switch value {
            case .string(let s): text = s
            case .number(let x):
                guard x.isFinite else { continue }
                text = JSONValue.format(x)
            case .integer(let n): text = String(n)
            case .bool(let b): text = b ? "true" : "false"
            case .strings(let list):
                if list.isEmpty { continue }
                text = list.joined(separator: " ")
            }
            out.append("      <data key=\"\(prefix)\(k)\">")
            XMLText.appendEscaped(text, to: &out)
            out.append("</data>\n")
        }
    }
}
