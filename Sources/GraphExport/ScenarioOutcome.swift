import RiskAnalysis
import SupplyGraph

/// The outcome of a what-if scenario in its output forms (DESIGN §4, `whatif`).
public struct ScenarioOutcome: Sendable {
    public let graph: SupplyGraph
    /// Availability under the scenario.
    public let availability: Availability
    /// `ŵ(e)` per supply edge.
    public let shares: [Double]
    /// The failed suppliers.
    public let failed: [Bool]

    /// Evaluates the scenario.
    /// - Complexity: O(items + edges).
    public init(graph: SupplyGraph, failed: [Bool]) {
        self.graph = graph
        self.failed = failed
        availability = Availability(graph, failed: failed)
        shares = Shares.normalised(graph)
    }

    private func sortedByKey(_ ids: [ItemID]) -> [ItemID] {
        ids.sorted { graph.itemKeys[$0.index].utf8.lexicographicallyPrecedes(graph.itemKeys[$1.index].utf8) }
    }

    /// The systems, sorted by id.
    public var systems: [ItemID] { sortedByKey(graph.items(ofKind: .system)) }

    /// The JSON: `schemaVersion`, `scenario` as given, `systems` (id, available), `blockingItems`,
    /// `items` (id, available, lostShare), plus `failedSuppliers`.
    /// - Complexity: O(items log items).
    public func json(scenario: JSONValue) -> JSONValue {
        let failedKeys = graph.suppliers.filter { failed[$0.index] }.map { graph.supplierKeys[$0.index] }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return .object([
            ("schemaVersion", .number(1)),
            ("scenario", scenario),
            ("failedSuppliers", .array(failedKeys.map(JSONValue.string))),
            ("systems", .array(systems.map { s in
                .object([("id", .string(graph.itemKeys[s.index])), ("available", .bool(availability.itemAvailable[s.index]))])
            })),
            ("blockingItems", .array(sortedByKey(availability.blockingItems(in: graph)).map { .string(graph.itemKeys[$0.index]) })),
            ("items", .array(sortedByKey(Array(graph.items)).map { i in
                .object([("id", .string(graph.itemKeys[i.index])), ("available", .bool(availability.itemAvailable[i.index])),
                         ("lostShare", .finite(availability.lostShare(of: i, in: graph, shares: shares)))])
            })),
        ])
    }

    /// One row per item: id, kind, available, lostShare, blocking.
    /// - Complexity: O(items log items).
    public func csv() -> String {
        var csv = CSVWriter(header: ["id", "kind", "name", "available", "lostShare", "blocking"])
        for i in sortedByKey(Array(graph.items)) {
            csv.append([graph.itemKeys[i.index], graph.itemKinds[i.index].description, graph.itemNames[i.index],
                        String(availability.itemAvailable[i.index]),
                        CSVWriter.number(availability.lostShare(of: i, in: graph, shares: shares)),
                        String(availability.isBlocking(i, in: graph))])
        }
        return csv.text
    }

    /// The outcome for people: systems that fall and survive, blocking items, supply lost.
    /// - Complexity: O(items log items).
    public func text(summary: String, markdown: Bool, color: Bool, all: Bool) -> String {
        var out = markdown ? "# What if: \(summary)\n" : "What if: \(summary)\n"
        let failedCount = failed.filter { $0 }.count
        out += "\(failedCount) of \(graph.supplierCount) suppliers fail.\n"
        func heading(_ title: String) {
            out += markdown ? "\n## \(title)\n\n" : "\n" + (color ? "\u{1B}[1m\(title.uppercased())\u{1B}[0m" : title.uppercased()) + "\n"
        }
        func render(_ t: TextTable) { out += markdown ? t.markdown() : t.terminal(color: color) }
        heading("Systems")
        var table = TextTable(header: ["system", "available", "blocked by"])
        for s in systems {
            let ok = availability.itemAvailable[s.index]
            let blocking = sortedByKey(availability.blockingItems(below: s, in: graph)).map { graph.itemKeys[$0.index] }
            table.append([TextTable.Cell(graph.itemKeys[s.index]), TextTable.Cell(ok ? "yes" : "NO", ok ? .good : .bad),
                          TextTable.Cell(blocking.joined(separator: ", "))])
        }
        if systems.isEmpty { out += "No systems.\n" } else { render(table) }
        let falling = systems.filter { !availability.itemAvailable[$0.index] }.count
        out += "\(falling) of \(systems.count) systems can no longer be built; \(systems.count - falling) survive.\n"

        heading(all ? "Items" : "Items that lose supply")
        var items = TextTable(header: ["item", "kind", "available", "supply lost", "blocking"], rightAligned: [3])
        for i in sortedByKey(Array(graph.items)) {
            let lost = availability.lostShare(of: i, in: graph, shares: shares)
            let ok = availability.itemAvailable[i.index]
            if !all && lost == 0 && ok { continue }
            items.append([TextTable.Cell(graph.itemKeys[i.index]), TextTable.Cell(graph.itemKinds[i.index].description),
                          TextTable.Cell(ok ? "yes" : "no", ok ? .plain : .bad), TextTable.Cell(percent(lost), lost > 0 ? .warn : .plain),
                          TextTable.Cell(availability.isBlocking(i, in: graph) ? "blocking" : "")])
        }
        if items.rows.isEmpty { out += "None.\n" } else { render(items) }
        return out
    }
}
