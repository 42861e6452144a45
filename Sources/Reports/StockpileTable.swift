import OutputFormats
import GraphExport
import RiskAnalysis
import SupplyGraph

/// The stockpile plan in its output forms (<doc:StockpileColumns>): CSV for a spreadsheet or a
/// model, JSON (`schemaVersion` 2) and a table for people — the targets first, as one plan, then
/// each system's time to survive.
public struct StockpileTable: Sendable {
    /// The figures.
    public let analysis: SupplyChainAnalysis
    /// The plan.
    public let plan: StockpilePlan
    /// Where the data comes from.
    public let context: ReportContext
    let systemsAbove: [[ItemID]]

    /// Lays out the table.
    /// - Complexity: O(items · systems/64) for the systems above each item.
    public init(analysis: SupplyChainAnalysis, plan: StockpilePlan, context: ReportContext) {
        self.analysis = analysis
        self.plan = plan
        self.context = context
        systemsAbove = analysis.systems(above: Array(analysis.graph.items))
    }

    var graph: SupplyGraph { analysis.graph }

    /// The systems whose BOM holds `item`, sorted by id.
    /// - Complexity: O(s log s).
    public func systems(dependingOn item: ItemID) -> [String] { graph.keys(of: systemsAbove[item.index]) }

    /// The CSV columns, in order.
    public static let columns = ["id", "kind", "name", "unit", "yearlyRequirement", "requirement", "stock", "ownLoss",
                                 "lostFraction", "lossFrom", "shortfall", "target", "price", "targetCost", "daysOfCover",
                                 "recoveryDays", "coverBelowRecovery", "scenarioCountry", "topCountry", "topCountryShare", "systems",
                                 "targetExact"]

    /// The items in table order: those with a target first (most costly first when prices are
    /// given), then the others; within each, down the chain — what a system uses before what
    /// that is made of — then by id.
    /// - Complexity: O(items log items).
    public var order: [ItemID] {
        let rows = plan.rows
        var depth = [Int](repeating: 0, count: graph.itemCount)
        for (k, i) in graph.topologicalOrder.enumerated() { depth[i.index] = k }
        return graph.items.sorted { a, b in
            let x = rows[a.index], y = rows[b.index]
            if (x.target > 0) != (y.target > 0) { return x.target > 0 }
            if (x.targetCost ?? 0) != (y.targetCost ?? 0) { return (x.targetCost ?? 0) > (y.targetCost ?? 0) }
            if depth[a.index] != depth[b.index] { return depth[a.index] > depth[b.index] }
            return KeyOrder.natural.precedes(graph.itemKeys[a], graph.itemKeys[b])
        }
    }

    /// RFC 4180 CSV with a header row, one row per item in id order.
    /// - Complexity: O(items).
    public func csv() -> String {
        var csv = CSVWriter(header: Self.columns)
        for item in graph.sorted(graph.items) {
            let r = plan.rows[item.index]
            let top = analysis.concentration(of: item).topCountry
            csv.append([
                .text(graph.itemKeys[item]), .text(graph.itemKinds[item].description), .text(graph.itemNames[item]),
                .text(graph.itemUnits[item]), CSVWriter.number(r.yearlyRequirement), CSVWriter.number(r.requirement),
                CSVWriter.number(r.stock), CSVWriter.number(r.ownLoss), CSVWriter.number(r.lostFraction),
                .text(r.lossFrom.map { graph.itemKeys[$0] } ?? ""), CSVWriter.number(r.shortfall), CSVWriter.number(r.target),
                graph.itemPrice[item].map(CSVWriter.number) ?? "", r.targetCost.map(CSVWriter.number) ?? "",
                CSVWriter.number(r.daysOfCover), r.recoveryDays.map(CSVWriter.number) ?? "", .text(String(r.coverBelowRecovery)),
                .text(r.scenarioCountry?.code ?? ""), .text(top?.country.code ?? ""), top.map { CSVWriter.number($0.share) } ?? "",
                .text(systems(dependingOn: item).joined(separator: " ")), CSVWriter.number(r.targetExact),
            ])
        }
        return csv.text
    }

    /// The JSON document, `schemaVersion` 2 (fields in <doc:StockpileColumns>); items and
    /// systems sorted by id.
    /// - Complexity: O(items log items).
    public func json(scenario: ScenarioDescription) -> JSONValue {
        var items: [JSONValue] = []
        for item in graph.sorted(graph.items) {
            let r = plan.rows[item.index]
            let top = analysis.concentration(of: item).topCountry
            let members: [(String, JSONValue)] = [
                ("id", .string(graph.itemKeys[item])), ("kind", .string(graph.itemKinds[item].description)),
                ("name", .string(graph.itemNames[item])), ("unit", .string(graph.itemUnits[item])),
                ("yearlyRequirement", .finite(r.yearlyRequirement)), ("requirement", .finite(r.requirement)),
                ("stock", .finite(r.stock)), ("ownLoss", .finite(r.ownLoss)), ("lostFraction", .finite(r.lostFraction)),
                ("lossFrom", r.lossFrom.map { .string(graph.itemKeys[$0]) } ?? .null),
                ("shortfall", .finite(r.shortfall)), ("target", .finite(r.target)), ("targetExact", .finite(r.targetExact)),
                ("price", graph.itemPrice[item].map(JSONValue.finite) ?? .null),
                ("targetCost", r.targetCost.map(JSONValue.finite) ?? .null),
                ("daysOfCover", .finite(r.daysOfCover)),
                ("recoveryDays", r.recoveryDays.map(JSONValue.finite) ?? .null),
                ("coverBelowRecovery", .bool(r.coverBelowRecovery)),
                ("scenarioCountry", r.scenarioCountry.map { .string($0.code) } ?? .null),
                ("topCountry", top.map { .string($0.country.code) } ?? .null),
                ("topCountryShare", top.map { .finite($0.share) } ?? .null),
                ("systems", .array(systems(dependingOn: item).map(JSONValue.string))),
            ]
            items.append(.object(members))
        }
        let systems: [JSONValue] = plan.systems.sorted {
            KeyOrder.contract.precedes(graph.itemKeys[$0.system], graph.itemKeys[$1.system])
        }.map { line in
            .object([
                ("id", .string(graph.itemKeys[line.system])),
                ("timeToSurvive", .finite(line.timeToSurvive)),
                ("firstToRunOut", line.firstToRunOut.map { .string(graph.itemKeys[$0]) } ?? .null),
                ("survivesHorizon", .bool(line.timeToSurvive >= plan.days)),
            ])
        }
        let targets = plan.rows.filter { $0.target > 0 }.count
        return .object([("schemaVersion", .number(2))] + context.jsonMembers(for: graph) + [
            ("days", .number(plan.days)),
            ("scenario", scenario.json),
            ("currency", graph.currency.map(JSONValue.string) ?? .null),
            ("plan", .object([
                ("targets", .number(Double(targets))),
                ("totalCost", plan.totalCost.map(JSONValue.finite) ?? .null),
                ("unpricedTargets", .bool(plan.unpricedTargets)),
                ("pricedTargets", .number(Double(plan.pricedTargetCount))),
                ("unpricedTargetItems", .array(plan.unpricedTargetItems.map { .string(graph.itemKeys[$0]) })),
                ("coverCap", .number(plan.cap)),
            ])),
            ("items", .array(items)),
            ("systems", .array(systems)),
        ])
    }

    /// An amount of money: `€1.47 M`, `€12,500`... as `€` for EUR, else with the ISO code after
    /// it (`1.47 M USD`), plain without a currency.
    static func money(_ x: Double, currency: String?) -> String {
        let amount = x >= 1e6 ? DisplayNumber.human((x / 1e4).rounded() / 100) + " M" : DisplayNumber.human(x.rounded())
        switch currency {
        case "EUR": return "€" + amount
        case let code?: return amount + " " + code
        case nil: return amount
        }
    }

    /// The plan for people: the targets (one plan: they add up), then each system's time to
    /// survive with today's stock.
    /// - Parameters:
    ///   - scenario: the scenario, in words for the title.
    ///   - markdown: Markdown instead of a terminal table.
    ///   - color: ANSI colours (terminal only).
    ///   - all: every row instead of the first `top`.
    ///   - top: how many rows to list.
    /// - Complexity: O(items log items).
    public func text(scenario: ScenarioDescription, markdown: Bool, color: Bool, all: Bool, top: Int = 40) -> String {
        var out = TextDocument(markdown: markdown, color: color)
        let days = DisplayNumber.human(plan.days)
        out.title("Stockpile: \(scenario.summary), \(days) days")
        let worst = plan.rows.contains { $0.scenarioCountry != nil }
        let withTarget = plan.rows.filter { $0.target > 0 }
        let currency = graph.currency.map { " \($0)" } ?? ""
        var line = "Plan: \(DisplayNumber.count(withTarget.count, "target")) — parts of one plan: each covers the supply lost at its own stage, so they add up."
        if let cost = plan.totalCost {
            line += " Cost: \(Self.money(cost, currency: graph.currency)) for \(plan.pricedTargetCount) of \(DisplayNumber.count(plan.targetCount, "target"))"
            if plan.unpricedTargets {
                let names = KeyOrder.natural.sorted(plan.unpricedTargetItems.map { graph.itemKeys[$0] })
                line += "; \(names.count) without a price: " + names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", +\(names.count - 8) more" : "")
            }
            line += "."
        } else if !withTarget.isEmpty && graph.itemPrice.contains(where: { $0 != nil }) {
            line += " Cost: no target has a price."
        }
        out.line(line)
        if withTarget.contains(where: { StockpilePlan.isCountUnit(graph.itemUnits[$0.item]) && $0.target != $0.targetExact }) {
            out.line("(Targets counted in pieces are rounded up to whole units, what one buys; rounding each stage may add up to one unit per stage to a gap counted once.)")
        }

        out.heading("Targets")
        let shown = order.filter { all || plan.rows[$0.index].losesSupply }
        if shown.isEmpty {
            out.line("No stage loses supply.")
        } else {
            let priced = graph.itemPrice.contains { $0 != nil }
            var header = ["item", "kind"] + (worst ? ["country lost"] : [])
            header += ["own loss", "need over \(days) d", "stock", "shortfall over \(days) d", "target"] + (priced ? ["cost"] : [])
            header += ["cover (TTS)", "TTR", "systems"]
            let first = worst ? 3 : 2
            var table = TextTable(header: header, rightAligned: Set(first..<(header.count - 1)))
            let rows = all ? shown[...] : shown.prefix(top)
            for item in rows {
                let line = self.line(item), r = line.row
                func quantity(_ x: Double) -> String { x == 0 ? "0" : "\(DisplayNumber.human(x)) \(line.unit)" }
                var cells = [TextTable.Cell(line.id), TextTable.Cell(line.kind)]
                if worst { cells.append(TextTable.Cell(line.country)) }
                cells += [
                    TextTable.Cell(DisplayNumber.percent(r.ownLoss), line.lossTone.table),
                    TextTable.Cell(quantity(r.requirement)), TextTable.Cell(quantity(r.stock)),
                    TextTable.Cell(quantity(r.shortfall)), TextTable.Cell(quantity(r.target), line.targetTone.table),
                ]
                if priced { cells.append(TextTable.Cell(r.targetCost.map { Self.money($0, currency: graph.currency) } ?? (r.target > 0 ? "no price" : ""))) }
                cells += [
                    TextTable.Cell(line.cover, line.coverTone.table),
                    TextTable.Cell(line.recovery.map { $0 + (r.coverBelowRecovery ? " !" : "") } ?? ""),
                    TextTable.Cell(line.systems.joined(separator: ", ")),
                ]
                table.append(cells)
            }
            out.table(table)
            if rows.count < shown.count { out.line("(\(shown.count - rows.count) more: --all, or --format csv|json)") }
            out.line("(own loss: the share of the item's orders lost at its own stage; need: what reaches it over the \(days) days, "
                     + "after stock further down the chain; shortfall: what its own stage loses; target: stock to add; "
                     + "cover: how long today's stock lasts (\"0 d, not needed\": short from day 0, but nothing reaches it over the horizon); \"!\": cover below the time to recover.)")
        }

        out.heading("Systems")
        var table = TextTable(header: ["system", "time to survive", "first to run out", "through \(days) d"], rightAligned: [1])
        for line in systemLines {
            table.append([
                TextTable.Cell(line.id), TextTable.Cell(line.timeToSurvive, line.tone.table),
                TextTable.Cell(line.firstToRunOut ?? "nothing runs out"),
                TextTable.Cell(line.survives ? "yes" : "no", line.tone.table),
            ])
        }
        if plan.systems.isEmpty { out.line("No systems.") } else { out.table(table) }
        out.line("(time to survive: with the stock held today at every tier, the first day the system cannot be made at its full rate.)")
        return out.text
    }
}
