import OutputFormats
import SupplyGraph

extension BudgetPlan {
    /// The plan as one section of an HTML page (the briefing's "Budget plan" page): production
    /// kept with and without it, per system; what to buy; the options; the cost and the
    /// marginal value of money; the unpriced items whose stock would help; and the frontier as
    /// a table and an inline SVG chart. Every text is escaped; nothing is loaded from outside.
    /// - Parameters:
    ///   - summary: the scenario in words.
    /// - Complexity: O(items + options + frontier points).
    public func htmlSection(graph: SupplyGraph, summary: String) -> String {
        let currency = Self.currency(of: graph)
        func e(_ s: String) -> String { XMLText.escaped(s) }
        func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
            var out = "<table><thead><tr>"
            for (k, h) in header.enumerated() { out += numeric.contains(k) ? "<th class=\"num\">\(e(h))</th>" : "<th>\(e(h))</th>" }
            out += "</tr></thead><tbody>\n"
            for row in rows {
                out += "<tr>"
                for (k, cell) in row.enumerated() { out += numeric.contains(k) ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>" }
                out += "</tr>\n"
            }
            return out + "</tbody></table>\n"
        }
        var out = "<section id=\"plan\"><h2>Budget plan</h2>\n"
        out += "<p>Scenario: \(e(summary)); \(e(Self.number(settings.days))) days in periods of \(e(Self.number(settings.period))) days. "
        out += "Budget \(e(Self.money(settings.budget, currency))), spent \(e(Self.money(cost, currency))).</p>\n"
        out += "<p><strong>Production kept: \(e(Self.percent(productionKept))) with the plan, \(e(Self.percent(productionKeptWithoutPlan))) without it.</strong> "
        out += marginalValue > 0
            ? "The next \(e(Self.money(1_000_000, currency))) would keep \(e(Self.percent(marginalValue * 1_000_000, digits: 2))) more.</p>\n"
            : "More money would keep no more production.</p>\n"
        out += table(["system", "kept with plan", "without plan"],
                     systems.map { [graph.itemKeys[$0.item], Self.percent($0.kept), Self.percent($0.keptWithoutPlan)] }, numeric: [1, 2])
        if purchases.isEmpty {
            out += "<p>Nothing to buy.</p>\n"
        } else {
            out += "<h3>What to buy (stock on hand at day 0)</h3>\n"
            out += table(["item", "stage", "quantity", "unit", "cost"], purchases.map {
                [graph.itemKeys[$0.item], "\(graph.itemKinds[$0.item])", Self.number($0.quantity), graph.itemUnits[$0.item], Self.money($0.cost, currency)]
            }, numeric: [2, 4])
        }
        if !graph.options.isEmpty {
            out += "<h3>Options</h3>\n"
            out += table(["option", "item", "country", "cost", "lead time", "taken"], graph.options.enumerated().map { o, option in
                [option.id, graph.itemKeys[option.item], option.country.code, Self.money(option.cost, currency),
                 "\(Self.number(option.leadTimeDays)) d", optionsChosen[o] ? "yes" : "no"]
            }, numeric: [3, 4])
        }
        let parts = unpriced.filter { graph.itemKinds[$0.item] != .system }
        if !parts.isEmpty {
            out += "<h3>Without a price, their stock would help</h3>\n"
            out += table(["item", "stage", "value per unit", "unit"], parts.prefix(15).map {
                [graph.itemKeys[$0.item], "\(graph.itemKinds[$0.item])", Self.significantPercent($0.valuePerUnit), graph.itemUnits[$0.item]]
            }, numeric: [2])
        }
        if let svg = frontierSVG(graph: graph, title: "Production kept by budget") {
            out += "<h3>Frontier</h3>\n<figure>\(svg)</figure>\n"
            out += table(["budget", "production kept"], frontier.map { [Self.money($0.budget, currency), Self.percent($0.productionKept)] }, numeric: [0, 1])
        }
        out += "<p>The optimum of a planner who allocates scarce inputs to where they keep the most production; "
        out += "the supply fraction φ rations them in proportion instead. Purchases are exact, not rounded.</p>\n"
        return out + "</section>\n"
    }
}
