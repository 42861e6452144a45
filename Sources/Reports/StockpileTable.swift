import GraphExport
import RiskAnalysis
import SupplyGraph

/// The stockpile table in its output forms: CSV for a spreadsheet or a model, JSON with a
/// `schemaVersion`, and a terminal table.
///
/// Columns (CSV, and JSON field names): `id`, `kind`, `name`, `unit`, `requirement` (per year,
/// in `unit`), `stock`, `lostShare` (0..1), `shortfall` (over `days`), `target` (stock to add),
/// `daysOfCover` (TTS; empty in CSV and `null` in JSON when infinite), `recoveryDays` (TTR),
/// `coverBelowRecovery` (TTS < TTR), `scenarioCountry` (worst-country mode), `topCountry`,
/// `topCountryShare`, `systems` (the systems whose BOM holds the item).
public struct StockpileTable: Sendable {
    public let graph: SupplyGraph
    public let plan: StockpilePlan
    /// The items in table order: materials, then components, then systems, each by id.
    public let order: [ItemID]
    let systemsAbove: [[ItemID]]
    let analysis: SupplyChainAnalysis

    /// Lays out the table.
    /// - Complexity: O(items log items + items · systems/64).
    public init(analysis: SupplyChainAnalysis, plan: StockpilePlan) {
        graph = analysis.graph
        self.plan = plan
        self.analysis = analysis
        let rank: [ItemKind: Int] = [.material: 0, .component: 1, .system: 2]
        let g = analysis.graph
        order = Array(g.items).sorted {
            let a = rank[g.itemKinds[$0.index]]!, b = rank[g.itemKinds[$1.index]]!
            if a != b { return a < b }
            return KeyOrder.natural.precedes(g.itemKeys[$0.index], g.itemKeys[$1.index])
        }
        let above = analysis.systems(above: Array(g.items))
        systemsAbove = above
    }

    /// The systems that depend on `item`, sorted by id.
    public func systems(dependingOn item: ItemID) -> [String] { graph.keys(of: systemsAbove[item.index]) }

    func topCountry(_ item: ItemID) -> (Country, Double)? {
        analysis.concentration(of: item).topCountry.map { ($0.country, $0.share) }
    }

    public static let columns = ["id", "kind", "name", "unit", "requirement", "stock", "lostShare", "shortfall", "target",
                                 "daysOfCover", "recoveryDays", "coverBelowRecovery", "scenarioCountry", "topCountry",
                                 "topCountryShare", "systems"]

    /// RFC 4180 CSV with a header row.
    /// - Complexity: O(items).
    public func csv() -> String {
        var csv = CSVWriter(header: Self.columns)
        for item in order {
            let r = plan.rows[item.index]
            let top = topCountry(item)
            csv.append([
                graph.itemKeys[item.index], graph.itemKinds[item.index].description, graph.itemNames[item.index],
                graph.itemUnits[item.index], CSVWriter.number(r.requirement), CSVWriter.number(r.stock),
                CSVWriter.number(r.lostShare), CSVWriter.number(r.shortfall), CSVWriter.number(r.target),
                CSVWriter.number(r.daysOfCover), r.recoveryDays.map(CSVWriter.number) ?? "", String(r.coverBelowRecovery),
                r.scenarioCountry?.code ?? "", top?.0.code ?? "", top.map { CSVWriter.number($0.1) } ?? "",
                systems(dependingOn: item).joined(separator: " "),
            ])
        }
        return csv.text
    }

    /// The JSON document (`schemaVersion` 1); items sorted by id, as every id list of the JSON
    /// contract is.
    /// - Complexity: O(items log items).
    public func json(scenario: JSONValue) -> JSONValue {
        let byID = graph.sorted(order)
        return .object([
            ("schemaVersion", .number(1)),
            ("days", .number(plan.days)),
            ("scenario", scenario),
            ("items", .array(byID.map { item in
                let r = plan.rows[item.index]
                let top = topCountry(item)
                return .object([
                    ("id", .string(graph.itemKeys[item.index])), ("kind", .string(graph.itemKinds[item.index].description)),
                    ("unit", .string(graph.itemUnits[item.index])),
                    ("requirement", .finite(r.requirement)), ("stock", .finite(r.stock)), ("lostShare", .finite(r.lostShare)),
                    ("shortfall", .finite(r.shortfall)), ("target", .finite(r.target)), ("daysOfCover", .finite(r.daysOfCover)),
                    ("recoveryDays", r.recoveryDays.map(JSONValue.finite) ?? .null),
                    ("coverBelowRecovery", .bool(r.coverBelowRecovery)),
                    ("scenarioCountry", r.scenarioCountry.map { .string($0.code) } ?? .null),
                    ("topCountry", top.map { .string($0.0.code) } ?? .null),
                    ("topCountryShare", top.map { .finite($0.1) } ?? .null),
                    ("systems", .array(systems(dependingOn: item).map(JSONValue.string))),
                ])
            })),
            ("systems", .array(plan.systems.sorted { KeyOrder.contract.precedes(graph.itemKeys[$0.system.index], graph.itemKeys[$1.system.index]) }.map { line in
                .object([
                    ("id", .string(graph.itemKeys[line.system.index])),
                    ("firstToRunOut", line.firstToRunOut.map { .string(graph.itemKeys[$0.index]) } ?? .null),
                    ("daysOfCover", .finite(line.daysOfCover)),
                ])
            })),
        ])
    }

    /// A table for people: the items that lose supply (or all with `all`), then the systems.
    /// - Complexity: O(items).
    public func text(summary: String, markdown: Bool, color: Bool, all: Bool) -> String {
        var out = markdown ? "# Stockpile: \(summary), \(DisplayNumber.human(plan.days)) days\n" : "Stockpile: \(summary), \(DisplayNumber.human(plan.days)) days\n"
        func heading(_ title: String) {
            out += markdown ? "\n## \(title)\n\n" : "\n" + (color ? "\u{1B}[1m\(title.uppercased())\u{1B}[0m" : title.uppercased()) + "\n"
        }
        heading("Items")
        var table = TextTable(header: ["item", "kind", "need/yr", "stock", "lost", "shortfall", "target", "cover (TTS)", "TTR", "top country", "systems"],
                              rightAligned: [2, 3, 4, 5, 6, 7, 8])
        for item in order {
            let r = plan.rows[item.index]
            if !all && r.lostShare == 0 { continue }
            let unit = graph.itemUnits[item.index]
            let top = topCountry(item)
            let cover = r.daysOfCover.isFinite ? "\(DisplayNumber.human(r.daysOfCover)) d" : "∞"
            table.append([
                TextTable.Cell(graph.itemKeys[item.index]), TextTable.Cell(graph.itemKinds[item.index].description),
                TextTable.Cell("\(DisplayNumber.human(r.requirement)) \(unit)"), TextTable.Cell(DisplayNumber.human(r.stock)),
                TextTable.Cell(DisplayNumber.percent(r.lostShare), r.lostShare > 0 ? .warn : .plain),
                TextTable.Cell(DisplayNumber.human(r.shortfall)), TextTable.Cell(DisplayNumber.human(r.target), r.target > 0 ? .bad : .plain),
                TextTable.Cell(cover, r.coverBelowRecovery ? .bad : .plain),
                TextTable.Cell(r.recoveryDays.map { "\(DisplayNumber.human($0)) d" + (r.coverBelowRecovery ? " !" : "") } ?? ""),
                TextTable.Cell(top.map { "\($0.0.code) \(DisplayNumber.percent($0.1))" } ?? "-"),
                TextTable.Cell(systems(dependingOn: item).joined(separator: ", ")),
            ])
        }
        if table.rows.isEmpty { out += "No item loses supply.\n" } else { out += markdown ? table.markdown() : table.terminal(color: color) }
        out += "(\"!\": days of cover below the time to recover — stock or a second source is needed)\n"
        heading("Systems")
        var systems = TextTable(header: ["system", "first to run out", "after"], rightAligned: [2])
        for line in plan.systems.sorted(by: { KeyOrder.natural.precedes(graph.itemKeys[$0.system.index], graph.itemKeys[$1.system.index]) }) {
            systems.append([
                TextTable.Cell(graph.itemKeys[line.system.index]),
                TextTable.Cell(line.firstToRunOut.map { graph.itemKeys[$0.index] } ?? "nothing runs out"),
                TextTable.Cell(line.daysOfCover.isFinite ? "\(DisplayNumber.human(line.daysOfCover)) d" : "-",
                               line.daysOfCover < plan.days ? .bad : .plain),
            ])
        }
        out += markdown ? systems.markdown() : systems.terminal(color: color)
        return out
    }
}
