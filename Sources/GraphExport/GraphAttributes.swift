import SupplyGraph

/// The attributes of the exported graph, shared by the GraphML and JSON writers: the graph's
/// own, then the annotations'.
///
/// Every edge runs the way material flows: supplier → item (`supplies`), child → parent
/// (`uses`), named sub-supplier → buying supplier (`sourcedFrom`). So in NetworkX
/// `nx.descendants(g, supplier)` is everything that depends on that supplier, and
/// `nx.ancestors(g, system)` everything it is built from.
enum GraphAttributes {
    typealias Value = GraphAnnotations.Value
    typealias ValueType = GraphAnnotations.ValueType

    /// The graph's own node attributes.
    static let ownNodeKeys: [(name: String, type: ValueType)] = [
        ("kind", .string), ("label", .string), ("name", .string), ("unit", .string), ("demand", .double),
        ("stock", .double), ("weight", .double), ("price", .double), ("commodity", .string),
        ("country", .string), ("controlledBy", .string), ("recoveryDays", .double), ("cage", .string),
        ("aggregate", .boolean),
    ]
    /// The graph's own edge attributes.
    static let ownEdgeKeys: [(name: String, type: ValueType)] = [
        ("relation", .string), ("quantity", .double), ("share", .double), ("leadTimeDays", .double),
        ("capacity", .double), ("input", .string), ("item", .string),
    ]

    /// Node keys: the graph's own, then the annotations' (items' and suppliers' columns, each
    /// name once).
    static func nodeKeys(_ annotations: GraphAnnotations) -> [(name: String, type: ValueType)] {
        var keys = ownNodeKeys
        for column in annotations.items + annotations.suppliers where !keys.contains(where: { $0.name == column.name }) {
            keys.append((column.name, column.type))
        }
        return keys
    }

    /// Edge keys: the graph's own, then the supply edges' annotations.
    static func edgeKeys(_ annotations: GraphAnnotations) -> [(name: String, type: ValueType)] {
        var keys = ownEdgeKeys
        for column in annotations.supplyEdges + annotations.usesEdges where !keys.contains(where: { $0.name == column.name }) {
            keys.append((column.name, column.type))
        }
        return keys
    }

    /// Calls `body` with each item, then each supplier: its id and attributes.
    /// - Complexity: O((items + suppliers) · columns).
    static func forEachNode(of graph: SupplyGraph, _ annotations: GraphAnnotations, _ body: (String, [(String, Value)]) -> Void) {
        for item in graph.items {
            let i = item.index
            var values: [(String, Value)] = [
                ("kind", .string(graph.itemKinds[i].description)), ("label", .string(graph.itemNames[i])),
                ("name", .string(graph.itemNames[i])), ("unit", .string(graph.itemUnits[i])),
                ("demand", .number(graph.itemDemand[i])), ("stock", .number(graph.itemStock[i])),
            ]
            if graph.itemKinds[i] == .system { values.append(("weight", .number(graph.itemWeight[i]))) }
            if let price = graph.itemPrice[i] { values.append(("price", .number(price))) }
            if let commodity = graph.itemCommodity[i] { values.append(("commodity", .string(commodity))) }
            for column in annotations.items { if let value = column.values[i] { values.append((column.name, value)) } }
            body(graph.itemKeys[i], values)
        }
        for supplier in graph.suppliers {
            let s = supplier.index
            var values: [(String, Value)] = [
                ("kind", .string("supplier")), ("label", .string(graph.supplierNames[s])),
                ("name", .string(graph.supplierNames[s])), ("country", .string(graph.supplierCountries[s].code)),
            ]
            let owner = graph.supplierControlledBy[s]
            if owner.isKnown { values.append(("controlledBy", .string(owner.code))) }
            if let days = graph.supplierRecoveryDays[s] { values.append(("recoveryDays", .number(days))) }
            if let cage = graph.supplierCage[s] { values.append(("cage", .string(cage))) }
            if graph.supplierIsAggregate[s] { values.append(("aggregate", .bool(true))) }
            for column in annotations.suppliers { if let value = column.values[s] { values.append((column.name, value)) } }
            body(graph.supplierKeys[s], values)
        }
    }

    /// Calls `body` with each BOM edge, then each supply edge, then each `sourcedFrom` pair:
    /// source id, target id (in the direction material flows), attributes.
    /// - Complexity: O(BOM edges + supply edges · columns + sourcing entries · named suppliers).
    static func forEachEdge(of graph: SupplyGraph, _ annotations: GraphAnnotations, _ body: (String, String, [(String, Value)]) -> Void) {
        for k in graph.usesEdgeIDs {
            var values: [(String, Value)] = [("relation", .string("uses")), ("quantity", .number(graph.usesQuantity[k]))]
            for column in annotations.usesEdges { if let value = column.values[k.index] { values.append((column.name, value)) } }
            body(graph.itemKeys[graph.usesChild[k].index], graph.itemKeys[graph.usesParent[k].index], values)
        }
        for e in graph.supplyEdgeIDs {
            var values: [(String, Value)] = [("relation", .string("supplies"))]
            if let share = graph.edgeShare[e] { values.append(("share", .number(share))) }
            if let days = graph.edgeLeadTimeDays[e] { values.append(("leadTimeDays", .number(days))) }
            if let capacity = graph.edgeCapacity[e] { values.append(("capacity", .number(capacity))) }
            for column in annotations.supplyEdges { if let value = column.values[e.index] { values.append((column.name, value)) } }
            body(graph.supplierKeys[graph.edgeSupplier[e].index], graph.itemKeys[graph.edgeItem[e].index], values)
        }
        guard graph.hasSourcing else { return }
        for e in graph.supplyEdgeIDs where !graph.sourcingEntries(of: e).isEmpty {
            let buyer = graph.supplierKeys[graph.edgeSupplier[e].index]
            let item = graph.itemKeys[graph.edgeItem[e].index]
            for sourcing in graph.sourcing(of: e) {
                for named in sourcing.suppliers {
                    body(graph.supplierKeys[named], buyer, [
                        ("relation", .string("sourcedFrom")), ("input", .string(graph.itemKeys[sourcing.input])),
                        ("item", .string(item)),
                    ])
                }
            }
        }
    }
}
