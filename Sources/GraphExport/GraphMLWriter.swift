import RiskAnalysis
import SupplyGraph

/// Writes the whole graph as GraphML, with its attributes and computed figures, for Gephi, yEd
/// and NetworkX (`networkx.read_graphml` reads every attribute with its declared type).
///
/// Nodes are the items and the suppliers, with their data ids as GraphML ids (ids are one
/// namespace in the data, so they are unique). Every attribute is declared in a `<key>` with its
/// `attr.type`; an attribute without a value (no share given, no country of ownership) is
/// left out of that node or edge.
/// - Items: `kind` (`system`, `component`, `material`), `name`, `unit`, `demand`, `stock`,
///   `requirement`, `suppliers`, `hhi`, `nonEUShare`, `nonEUExposure`, `singleSource`,
///   `singleCountry`, `crma65`.
/// - Suppliers: `kind` (`supplier`), `name`, `country` (`unknown` when not given),
///   `controlledBy`, `recoveryDays`, `spofOf` (the ids of the systems it is a single point of
///   failure of, space-separated).
/// - Edges, by `relation`: `uses` (parent → child; `quantity`), `supplies` (supplier → item;
///   `share` as given, `normalisedShare`, `leadTimeDays`, `capacity`), `sourcedFrom` (named
///   sub-supplier → buying supplier; `input`, the item bought, and `item`, the item the buyer
///   supplies).
public struct GraphMLWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// The GraphML document.
    /// - Complexity: O(items + suppliers + edges), plus O(e log e) per item for its concentration.
    public func document(for analysis: SupplyChainAnalysis) -> String {
        var out = ""
        write(analysis, to: &out)
        return out
    }

    /// Appends the GraphML document to `out`.
    /// - Complexity: as ``document(for:)``.
    public func write(_ analysis: SupplyChainAnalysis, to out: inout String) {
        let graph = analysis.graph
        out.reserveCapacity(out.utf8.count + 400 * (graph.itemCount + graph.supplierCount)
                            + 200 * (graph.usesEdgeCount + graph.supplyEdgeCount))
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.append("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
        for (k, key) in GraphAttributes.nodeKeys.enumerated() {
            out.append("  <key id=\"n\(k)\" for=\"node\" attr.name=\"\(key.name)\" attr.type=\"\(key.type.rawValue)\"/>\n")
        }
        for (k, key) in GraphAttributes.edgeKeys.enumerated() {
            out.append("  <key id=\"e\(k)\" for=\"edge\" attr.name=\"\(key.name)\" attr.type=\"\(key.type.rawValue)\"/>\n")
        }
        out.append("  <graph id=")
        XMLText.appendQuoted(graph.dataSetNames.first ?? "supply-chain", to: &out)
        out.append(" edgedefault=\"directed\">\n")
        GraphAttributes.forEachNode(of: analysis) { id, values in
            out.append("    <node id=")
            XMLText.appendQuoted(id, to: &out)
            out.append(">\n")
            appendData(values, keys: GraphAttributes.nodeKeyIndex, prefix: "n", to: &out)
            out.append("    </node>\n")
        }
        var edgeNumber = 0
        GraphAttributes.forEachEdge(of: analysis) { source, target, values in
            out.append("    <edge id=\"e\(edgeNumber)\" source=")
            XMLText.appendQuoted(source, to: &out)
            out.append(" target=")
            XMLText.appendQuoted(target, to: &out)
            out.append(">\n")
            appendData(values, keys: GraphAttributes.edgeKeyIndex, prefix: "e", to: &out)
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

/// The attributes of the exported graph, shared by the GraphML and JSON writers.
enum GraphAttributes {
    /// GraphML's attribute types.
    enum ValueType: String { case string, double, int, boolean }

    /// A value of one attribute.
    enum Value {
        case string(String), number(Double), integer(Int), bool(Bool), strings([String])
    }

    static let nodeKeys: [(name: String, type: ValueType)] = [
        ("kind", .string), ("name", .string), ("unit", .string), ("demand", .double), ("stock", .double),
        ("requirement", .double), ("suppliers", .int), ("hhi", .double), ("nonEUShare", .double),
        ("nonEUExposure", .double), ("singleSource", .boolean), ("singleCountry", .boolean), ("crma65", .boolean),
        ("country", .string), ("controlledBy", .string), ("recoveryDays", .double), ("spofOf", .string),
    ]
    static let edgeKeys: [(name: String, type: ValueType)] = [
        ("relation", .string), ("quantity", .double), ("share", .double), ("normalisedShare", .double),
        ("leadTimeDays", .double), ("capacity", .double), ("input", .string), ("item", .string),
    ]
    static let nodeKeyIndex = Dictionary(uniqueKeysWithValues: nodeKeys.enumerated().map { ($1.name, $0) })
    static let edgeKeyIndex = Dictionary(uniqueKeysWithValues: edgeKeys.enumerated().map { ($1.name, $0) })

    /// Calls `body` with each item, then each supplier: its id and attributes.
    /// - Complexity: O(items + suppliers + Σ single points of failure), plus the concentrations.
    static func forEachNode(of analysis: SupplyChainAnalysis, _ body: (String, [(String, Value)]) -> Void) {
        let graph = analysis.graph
        for item in graph.items {
            let i = item.index
            let c = analysis.concentration(of: item)
            body(graph.itemKeys[i], [
                ("kind", .string(graph.itemKinds[i].description)), ("name", .string(graph.itemNames[i])),
                ("unit", .string(graph.itemUnits[i])), ("demand", .number(graph.itemDemand[i])),
                ("stock", .number(graph.itemStock[i])), ("requirement", .number(analysis.requirement[i])),
                ("suppliers", .integer(c.supplierCount)), ("hhi", .number(c.hhi)), ("nonEUShare", .number(c.nonEUShare)),
                ("nonEUExposure", .number(analysis.exposure[i])), ("singleSource", .bool(c.singleSource)),
                ("singleCountry", .bool(c.singleCountry)), ("crma65", .bool(c.crma65)),
            ])
        }
        var spofOf = [[String]](repeating: [], count: graph.supplierCount)
        for (system, suppliers) in analysis.singlePointsOfFailure.suppliers {
            for s in suppliers { spofOf[s.index].append(graph.itemKeys[system.index]) }
        }
        for supplier in graph.suppliers {
            let s = supplier.index
            var values: [(String, Value)] = [
                ("kind", .string("supplier")), ("name", .string(graph.supplierNames[s])),
                ("country", .string(graph.supplierCountries[s].code)),
            ]
            let owner = graph.supplierControlledBy[s]
            if owner.isKnown { values.append(("controlledBy", .string(owner.code))) }
            if let days = graph.supplierRecoveryDays[s] { values.append(("recoveryDays", .number(days))) }
            values.append(("spofOf", .strings(spofOf[s].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })))
            body(graph.supplierKeys[s], values)
        }
    }

    /// Calls `body` with each BOM edge, then each supply edge, then each `sourcedFrom` pair:
    /// source id, target id, attributes.
    /// - Complexity: O(BOM edges + supply edges + sourcing entries · named suppliers).
    static func forEachEdge(of analysis: SupplyChainAnalysis, _ body: (String, String, [(String, Value)]) -> Void) {
        let graph = analysis.graph
        for k in 0..<graph.usesEdgeCount {
            body(graph.itemKeys[graph.usesParent[k].index], graph.itemKeys[graph.usesChild[k].index],
                 [("relation", .string("uses")), ("quantity", .number(graph.usesQuantity[k]))])
        }
        for e in 0..<graph.supplyEdgeCount {
            var values: [(String, Value)] = [("relation", .string("supplies"))]
            if let share = graph.edgeShare[e] { values.append(("share", .number(share))) }
            values.append(("normalisedShare", .number(analysis.shares[e])))
            if let days = graph.edgeLeadTimeDays[e] { values.append(("leadTimeDays", .number(days))) }
            if let capacity = graph.edgeCapacity[e] { values.append(("capacity", .number(capacity))) }
            body(graph.supplierKeys[graph.edgeSupplier[e].index], graph.itemKeys[graph.edgeItem[e].index], values)
        }
        guard graph.hasSourcing else { return }
        for e in 0..<graph.supplyEdgeCount where !graph.sourcingEntries(of: SupplyEdgeID(e)).isEmpty {
            let buyer = graph.supplierKeys[graph.edgeSupplier[e].index]
            let item = graph.itemKeys[graph.edgeItem[e].index]
            for sourcing in graph.sourcing(of: SupplyEdgeID(e)) {
                for named in sourcing.suppliers {
                    body(graph.supplierKeys[named.index], buyer, [
                        ("relation", .string("sourcedFrom")), ("input", .string(graph.itemKeys[sourcing.input.index])),
                        ("item", .string(item)),
                    ])
                }
            }
        }
    }
}

/// XML 1.0 text and attribute escaping.
enum XMLText {
    /// Appends `text` with `&`, `<`, `>`, `"` escaped and characters XML 1.0 forbids (controls
    /// other than tab, line feed and carriage return) dropped.
    /// - Complexity: O(length of `text`).
    static func appendEscaped(_ text: String, to out: inout String) {
        var plain = true
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte < 0x20 {
            plain = false
            break
        }
        if plain { out.append(text); return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\"": out.append("&quot;")
            case "\t": out.append("&#9;")
            case "\n": out.append("&#10;")
            case "\r": out.append("&#13;")
            case let c where c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Appends `text` as a double-quoted XML attribute value.
    static func appendQuoted(_ text: String, to out: inout String) {
        out.append("\"")
        appendEscaped(text, to: &out)
        out.append("\"")
    }
}
