import OutputFormats
import SupplyGraph

/// Writes a graph as native supply-chain XML (`export xml`): one `supplyChain` document that
/// reads back into the same graph, so the figures are the same.
///
/// Each supplier carries its supply edges as `supplies` with their `sourcedFrom`; a country
/// inferred from a CAGE code is not written (the `cage` is, and reading infers it again, still
/// marked as inferred); the options follow the suppliers. The data set's name is the names of the data sets read, joined by
/// ` + `; its `asOf` the first date given.
public struct SupplyChainWriter: Sendable {
    /// Creates a writer.
    /// - Complexity: O(1).
    public init() {}

    /// The document, with a final newline.
    /// - Complexity: O(items + suppliers + edges + sourcing entries).
    public func document(for graph: SupplyGraph) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<supplyChain xmlns=\"\(SupplyChainSchema.namespace)\""
        let names = graph.dataSetNames.filter { !$0.isEmpty }
        if !names.isEmpty { out += Self.attribute("name", names.joined(separator: " + ")) }
        if let asOf = graph.dataSetAsOf.first(where: { !$0.isEmpty }) { out += Self.attribute("asOf", asOf) }
        if let currency = graph.currency { out += Self.attribute("currency", currency) }
        if let home = graph.home { out += Self.attribute("home", home.code) }
        out += ">\n"
        for group in graph.userGroups {
            out += "  <countryGroup" + Self.attribute("id", group.id)
            if group.name != group.id { out += Self.attribute("name", group.name) }
            out += Self.attribute("members", group.members.sorted().map(\.code).joined(separator: " ")) + "/>\n"
        }
        for item in graph.items {
            let i = item.index
            let kind = graph.itemKinds[i]
            out += "  <\(kind)" + Self.attribute("id", graph.itemKeys[i])
            if graph.itemNames[i] != graph.itemKeys[i] { out += Self.attribute("name", graph.itemNames[i]) }
            if graph.itemUnits[i] != "pcs" { out += Self.attribute("unit", graph.itemUnits[i]) }
            if graph.itemDemand[i] != 0 { out += Self.attribute("demand", Self.number(graph.itemDemand[i])) }
            if graph.itemStock[i] != 0 { out += Self.attribute("stock", Self.number(graph.itemStock[i])) }
            if kind == .system && graph.itemWeight[i] != 1 { out += Self.attribute("weight", Self.number(graph.itemWeight[i])) }
            if let price = graph.itemPrice[i] { out += Self.attribute("price", Self.number(price)) }
            if let cap = graph.itemMaxPurchase[i] { out += Self.attribute("maxPurchase", Self.number(cap)) }
            if let commodity = graph.itemCommodity[i] { out += Self.attribute("commodity", commodity) }
            let edges = graph.usesEdges(of: item)
            if edges.isEmpty { out += "/>\n"; continue }
            out += ">\n"
            for k in edges {
                out += "    <uses" + Self.attribute("item", graph.itemKeys[graph.usesChild[k].index])
                    + Self.attribute("quantity", Self.number(graph.usesQuantity[k])) + "/>\n"
            }
            out += "  </\(kind)>\n"
        }
        for supplier in graph.suppliers {
            let s = supplier.index
            out += "  <supplier" + Self.attribute("id", graph.supplierKeys[s])
            if graph.supplierNames[s] != graph.supplierKeys[s] { out += Self.attribute("name", graph.supplierNames[s]) }
            if graph.supplierCountries[s].isKnown && !graph.supplierCountryInferred[s] {
                out += Self.attribute("country", graph.supplierCountries[s].code)
            }
            // A controlledBy derived from the owners is not written: read back, it derives again.
            if graph.supplierControlledBy[s].isKnown && !(graph.supplierControlledByDerived.isEmpty ? false : graph.supplierControlledByDerived[s]) {
                out += Self.attribute("controlledBy", graph.supplierControlledBy[s].code)
            }
            if let days = graph.supplierRecoveryDays[s] { out += Self.attribute("recoveryDays", Self.number(days)) }
            if let cage = graph.supplierCage[s] { out += Self.attribute("cage", cage) }
            if graph.supplierIsAggregate[s] { out += Self.attribute("aggregate", "true") }
            if let lei = graph.lei(of: .supplier(supplier)) { out += Self.attribute("lei", lei) }
            if let registration = graph.registration(of: .supplier(supplier)) { out += Self.attribute("registration", registration) }
            let edges = graph.supplyEdges(from: supplier)
            if edges.isEmpty { out += "/>\n"; continue }
            out += ">\n"
            for edge in edges {
                let e = edge.index
                out += "    <supplies" + Self.attribute("item", graph.itemKeys[graph.edgeItem[e].index])
                if let share = graph.edgeShare[e] { out += Self.attribute("share", Self.number(share)) }
                if let capacity = graph.edgeCapacity[e] { out += Self.attribute("capacity", Self.number(capacity)) }
                if let days = graph.edgeLeadTimeDays[e] { out += Self.attribute("leadTimeDays", Self.number(days)) }
                let sourcing = graph.sourcing(of: edge)
                if sourcing.isEmpty { out += "/>\n"; continue }
                out += ">\n"
                for entry in sourcing {
                    out += "      <sourcedFrom" + Self.attribute("item", graph.itemKeys[entry.input])
                        + Self.attribute("suppliers", entry.suppliers.map { graph.supplierKeys[$0] }.joined(separator: " ")) + "/>\n"
                }
                out += "    </supplies>\n"
            }
            out += "  </supplier>\n"
        }
        let ownership = graph.ownership
        for e in 0..<ownership.entityCount {
            out += "  <entity" + Self.attribute("id", ownership.entityKeys[e])
            if ownership.entityNames[e] != ownership.entityKeys[e] { out += Self.attribute("name", ownership.entityNames[e]) }
            if ownership.entityCountries[e].isKnown { out += Self.attribute("country", ownership.entityCountries[e].code) }
            if let lei = ownership.entityLEI[e] { out += Self.attribute("lei", lei) }
            if let registration = ownership.entityRegistration[e] { out += Self.attribute("registration", registration) }
            if ownership.entityIsPerson[e] { out += Self.attribute("person", "true") }
            out += "/>\n"
        }
        for link in ownership.links {
            out += "  <owner" + Self.attribute("of", graph.key(of: link.of)) + Self.attribute("by", graph.key(of: link.by))
            if let share = link.share { out += Self.attribute("share", Self.number(share)) }
            if link.controlGiven { out += Self.attribute("control", "true") }
            out += "/>\n"
        }
        for option in graph.options {
            out += "  <option" + Self.attribute("id", option.id) + Self.attribute("item", graph.itemKeys[option.item])
                + Self.attribute("country", option.country.code) + Self.attribute("share", Self.number(option.share))
                + Self.attribute("cost", Self.number(option.cost))
            if option.leadTimeDays != 0 { out += Self.attribute("leadTimeDays", Self.number(option.leadTimeDays)) }
            if option.name != option.id { out += Self.attribute("name", option.name) }
            out += "/>\n"
        }
        return out + "</supplyChain>\n"
    }

    /// A number as it reads back exactly: `120`, `0.35`, `1e-05`.
    /// - Complexity: O(1).
    public static func number(_ x: Double) -> String {
        if x.isInfinite { return x > 0 ? "INF" : "-INF" }
        if x.isNaN { return "NaN" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    static func attribute(_ name: String, _ value: String) -> String { " \(name)=\"\(XMLText.escaped(value))\"" }

}
