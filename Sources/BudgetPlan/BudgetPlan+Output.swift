import OutputFormats
import SupplyGraph

extension BudgetPlan {
    /// The currency of the output: the data set's, `EUR` when none is given.
    /// - Complexity: O(1).
    public static func currency(of graph: SupplyGraph) -> String { graph.currency ?? "EUR" }

    // MARK: JSON

    /// The plan as JSON (schema version 1): `days`, `period`, `budget`, `currency`, `scenario`
    /// (as given), `productionKept`, `productionKeptWithoutPlan`, `cost`, `marginalValue`,
    /// `purchases` (`item`, `quantity` — exact, not rounded —, `cost`), `options` (`id`,
    /// `chosen`), `systems` (every end item: `id`, `kept`, `keptWithoutPlan`), `unpriced`
    /// (`item`, `valuePerUnit`) and `frontier` (`budget`, `productionKept`; empty without
    /// `--frontier`).
    /// - Complexity: O(items + options + frontier points).
    public func json(graph: SupplyGraph, scenario: JSONValue) -> JSONValue {
        .object([
            ("schemaVersion", .number(1)),
            ("days", .number(settings.days)),
            ("period", .number(settings.period)),
            ("budget", .number(settings.budget)),
            ("currency", .string(Self.currency(of: graph))),
            ("scenario", scenario),
            ("productionKept", .number(productionKept)),
            ("productionKeptWithoutPlan", .number(productionKeptWithoutPlan)),
            ("cost", .number(cost)),
            ("marginalValue", .number(marginalValue)),
            ("purchases", .array(purchases.map { p in
                .object([("item", .string(graph.itemKeys[p.item])), ("quantity", .number(p.quantity)), ("cost", .number(p.cost))])
            })),
            ("options", .array(graph.options.indices.map { o in
                .object([("id", .string(graph.options[o].id)), ("chosen", .bool(optionsChosen[o]))])
            })),
            ("systems", .array(systems.map { s in
                .object([("id", .string(graph.itemKeys[s.item])), ("kept", .number(s.kept)), ("keptWithoutPlan", .number(s.keptWithoutPlan))])
            })),
            ("unpriced", .array(unpriced.map { u in
                .object([("item", .string(graph.itemKeys[u.item])), ("valuePerUnit", .number(u.valuePerUnit))])
            })),
            ("frontier", .array(frontier.map { f in
                .object([("budget", .number(f.budget)), ("productionKept", .number(f.productionKept))])
            })),
        ])
    }

    // MARK: CSV

    /// The CSV columns: one row per record, `record` saying which (`summary`, `system`,
    /// `purchase`, `option`, `unpriced`, `frontier`), the other columns filled where they apply.
    public static let csvColumns = ["record", "id", "kind", "quantity", "unit", "cost", "kept", "keptWithoutPlan",
                                    "chosen", "valuePerUnit", "budget", "productionKept", "marginalValue"]

    /// The plan as CSV (``csvColumns``); purchases exact, not rounded.
    /// - Complexity: O(items + options + frontier points).
    public func csv(graph: SupplyGraph) -> String {
        var out = CSVWriter(header: Self.csvColumns)
        let n = CSVWriter.number
        func row(_ values: [String: CSVField]) { out.append(Self.csvColumns.map { values[$0] ?? "" }) }
        row(["record": "summary", "cost": n(cost), "budget": n(settings.budget), "productionKept": n(productionKept),
             "keptWithoutPlan": n(productionKeptWithoutPlan), "marginalValue": n(marginalValue), "unit": .text(Self.currency(of: graph))])
        for s in systems {
            row(["record": "system", "id": .text(graph.itemKeys[s.item]), "kind": .text("\(graph.itemKinds[s.item])"),
                 "kept": n(s.kept), "keptWithoutPlan": n(s.keptWithoutPlan)])
        }
        for p in purchases {
            row(["record": "purchase", "id": .text(graph.itemKeys[p.item]), "kind": .text("\(graph.itemKinds[p.item])"),
                 "quantity": n(p.quantity), "unit": .text(graph.itemUnits[p.item]), "cost": n(p.cost)])
        }
        for (o, option) in graph.options.enumerated() {
            row(["record": "option", "id": .text(option.id), "cost": n(option.cost), "chosen": optionsChosen[o] ? "true" : "false"])
        }
        for u in unpriced {
            row(["record": "unpriced", "id": .text(graph.itemKeys[u.item]), "kind": .text("\(graph.itemKinds[u.item])"),
                 "unit": .text(graph.itemUnits[u.item]), "valuePerUnit": n(u.valuePerUnit)])
        }
        for f in frontier { row(["record": "frontier", "budget": n(f.budget), "productionKept": n(f.productionKept)]) }
        return out.text
    }

    // MARK: Text

    /// The plan as a director reads it: production kept with and without it, per system; what
    /// to buy (count units rounded up, with the extra cost); the options taken; the cost; the
    /// marginal value of money; the unpriced items whose stock would help; and what the figures
    /// mean.
    /// - Parameters:
    ///   - summary: the scenario in words (`without CN`).
    ///   - markdown: Markdown tables instead of aligned text.
    /// - Complexity: O(items + options + frontier points).
    public func text(graph: SupplyGraph, summary: String, markdown: Bool = false) -> String {
        let currency = Self.currency(of: graph)
        let periods = Int((settings.days / settings.period).rounded(.up))
        func table(_ t: TextTable) -> String { markdown ? t.markdown() : t.terminal(color: false) }
        var out = "Budget plan: \(summary); \(Self.number(settings.days)) days in \(periods) period\(periods == 1 ? "" : "s") of \(Self.number(settings.period)) days"
        out += settings.recovery ? "; failed suppliers with recoveryDays come back\n" : "; no supplier comes back (--no-recovery)\n"
        out += "Budget \(Self.money(settings.budget, currency)), spent \(Self.money(cost, currency)).\n\n"
        out += "Production kept: \(Self.percent(productionKept)) with the plan, \(Self.percent(productionKeptWithoutPlan)) without it"
        out += " (the weighted mean of each system's kept share of its demand over the \(Self.number(settings.days)) days).\n"
        if marginalValue > 0 {
            out += "The next \(Self.money(1_000_000, currency)) would keep \(Self.percent(marginalValue * 1_000_000, digits: 2)) more production.\n"
        } else {
            out += "More money would keep no more production: every priced purchase and option that helps is in the plan (or capped by maxPurchase).\n"
        }

        var systemTable = TextTable(header: ["system", "kept with plan", "without plan"], rightAligned: [1, 2])
        for s in systems {
            systemTable.append([.init(graph.itemKeys[s.item]), .init(Self.percent(s.kept)), .init(Self.percent(s.keptWithoutPlan))])
        }
        out += "\nPer system\n" + table(systemTable)

        if purchases.isEmpty {
            out += "\nWhat to buy: nothing (no priced item whose stock would help, or no budget).\n"
        } else {
            var buy = TextTable(header: ["item", "stage", "quantity", "unit", "cost"], rightAligned: [2, 4])
            var extraTotal = 0.0
            for p in purchases {
                let unit = graph.itemUnits[p.item]
                var quantity = Self.number(p.quantity)
                var cost = Self.money(p.cost, currency)
                if unit == "pcs" {
                    let whole = p.quantity.rounded(.up)
                    let extra = (whole - p.quantity) * p.price
                    extraTotal += extra
                    quantity = Self.number(whole)
                    if extra > 0.005 { cost = Self.money(whole * p.price, currency) + " (+\(Self.money(extra, currency)) rounding up)" }
                }
                buy.append([.init(graph.itemKeys[p.item]), .init("\(graph.itemKinds[p.item])"), .init(quantity), .init(unit), .init(cost)])
            }
            out += "\nWhat to buy (stock on hand at day 0)\n" + table(buy)
            if extraTotal > 0.005 {
                out += "Pieces are rounded up to whole units here, adding \(Self.money(extraTotal, currency)); the JSON gives the exact quantities.\n"
            }
        }
        if !graph.options.isEmpty {
            var options = TextTable(header: ["option", "item", "country", "cost", "lead time", "taken"], rightAligned: [3, 4])
            for (o, option) in graph.options.enumerated() {
                options.append([.init(option.id), .init(graph.itemKeys[option.item]), .init(option.country.code),
                                .init(Self.money(option.cost, currency)), .init("\(Self.number(option.leadTimeDays)) d"),
                                .init(optionsChosen[o] ? "yes" : "no")])
            }
            out += "\nOptions (new qualified sources)\n" + table(options)
        }
        out += "\nTotal cost: \(Self.money(cost, currency)).\n"

        // Finished systems are left out of the text: nobody prices a frigate to stock it.
        let parts = unpriced.filter { graph.itemKinds[$0.item] != .system }
        if !parts.isEmpty {
            var help = TextTable(header: ["item", "stage", "value per unit", "unit"], rightAligned: [2])
            for u in parts.prefix(15) {
                help.append([.init(graph.itemKeys[u.item]), .init("\(graph.itemKinds[u.item])"),
                             .init(Self.significantPercent(u.valuePerUnit)), .init(graph.itemUnits[u.item])])
            }
            out += "\nMaterials and components without a price whose stock would help (find their prices)\n" + table(help)
            if parts.count > 15 { out += "… and \(parts.count - 15) more (--format json lists all).\n" }
            out += "Value per unit: the production kept that one more unit in stock at day 0 would add, with this budget.\n"
        }
        if !frontier.isEmpty {
            var f = TextTable(header: ["budget", "production kept"], rightAligned: [0, 1])
            for point in frontier { f.append([.init(Self.money(point.budget, currency)), .init(Self.percent(point.productionKept))]) }
            out += "\nFrontier: production kept by budget\n" + table(f)
        }
        out += "\n" + Self.wrapped("""
            This is the optimum of a planner who allocates scarce inputs: each input goes where it \
            keeps the most production. The supply fraction φ of `whatif` rations every short input \
            in proportion instead; with no budget and consistent data, total production kept here is \
            at least the weighted mean of the systems' φ, but one system may keep less than its φ \
            when its inputs keep more elsewhere. Another solver may return another plan with the same \
            production kept and cost.
            """)
        return out
    }

    /// Words wrapped at 96 columns, each line ended by a newline.
    static func wrapped(_ text: String, width: Int = 96) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func percent(_ x: Double, digits: Int = 1) -> String {
        var scaled = x * 100
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        scaled = (scaled * factor).rounded() / factor
        var text = "\(scaled)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        if text.contains("e") { text = JSONValue.format(x * 100) }
        return text + " %"
    }

    /// A percentage with three significant digits (`2.78 %`, `0.00451 %`).
    static func significantPercent(_ x: Double) -> String {
        let p = x * 100
        guard p > 0, p.isFinite else { return "0 %" }
        var digits = 2
        var scale = p
        while scale < 1 && digits < 12 { scale *= 10; digits += 1 }
        return percent(x, digits: digits)
    }

    static func grouped(_ whole: Int64) -> String {
        let digits = String(abs(whole))
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (whole < 0 ? "-" : "") + out
    }

    static func money(_ x: Double, _ currency: String) -> String {
        guard x.isFinite else { return "unlimited" }
        return "\(grouped(Int64(x.rounded()))) \(currency)"
    }

    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return grouped(Int64(x)) }
        if abs(x) >= 100 { return grouped(Int64(x.rounded())) }
        guard abs(x) < 1, x != 0 else { return JSONValue.format((x * 1000).rounded() / 1000) }
        // Below 1: three significant digits (0.000363, not 0).
        var scale = 1000.0
        while abs(x) * scale < 100 && scale < 1e15 { scale *= 10 }
        return JSONValue.format((x * scale).rounded() / scale)
    }
}
