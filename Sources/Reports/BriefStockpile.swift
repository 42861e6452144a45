import GraphExport
import RiskAnalysis
import SupplyGraph

/// The stockpile section of the briefing: the one place that calls the stockpile model, so that
/// a change of the model replaces one function.
struct BriefStockpile {
    /// The items' table: header, rows (the stages that lose supply, materials first).
    let header: [String]
    let rows: [[HTML.Cell]]
    let numeric: Set<Int>
    /// The systems' table: time to survive and what runs out first.
    let systemRows: [[HTML.Cell]]
    /// The scenario and horizon in words.
    let scenario: String
    /// The plan's cost, in words, when the data prices its targets.
    let cost: String?

    /// The default scenario of `chokepoint stockpile`: every stage loses its largest supplying
    /// country outside the EU, for `days` days (`StockpilePlan`, version 2:
    /// each loss counted at its own stage, so the targets add up).
    /// - Complexity: that of `StockpilePlan`, plus the table.
    static func defaultScenario(_ analysis: SupplyChainAnalysis, days: Double, context: ReportContext) -> BriefStockpile {
        let graph = analysis.graph
        let plan = StockpilePlan(analysis, days: days, mode: .worstCountry())
        let d = DisplayNumber.human(days)
        let table = StockpileTable(analysis: analysis, plan: plan, context: context)
        let rank: [ItemKind: Int] = [.material: 0, .component: 1, .system: 2]
        let order = Array(graph.items).sorted {
            let a = rank[graph.itemKinds[$0]]!, b = rank[graph.itemKinds[$1]]!
            return a != b ? a < b : KeyOrder.natural.precedes(graph.itemKeys[$0], graph.itemKeys[$1])
        }
        var rows: [[HTML.Cell]] = []
        for item in order {
            let r = plan.rows[item.index]
            guard Tolerance.isPositive(r.ownLoss) else { continue }
            let unit = graph.itemUnits[item]
            func quantity(_ x: Double) -> String { "\(DisplayNumber.human(x)) \(unit)" }
            rows.append([
                HTML.Cell(graph.itemKeys[item]), HTML.Cell(graph.itemKinds[item].description),
                HTML.Cell(r.scenarioCountry?.code ?? "-"),
                HTML.Cell(quantity(r.requirement)), HTML.Cell(quantity(r.stock)),
                HTML.Cell(DisplayNumber.percent(r.ownLoss), "warn"), HTML.Cell(quantity(r.shortfall)),
                HTML.Cell(quantity(r.target), r.target > 0 ? "bad" : nil),
                HTML.Cell(r.daysOfCover.isFinite ? "\(DisplayNumber.human(r.daysOfCover)) d" : "∞", r.coverBelowRecovery ? "bad" : nil),
                HTML.Cell(r.recoveryDays.map { "\(DisplayNumber.human($0)) d" } ?? ""),
                HTML.Cell(table.systems(dependingOn: item).joined(separator: ", ")),
            ])
        }
        let lines = plan.systems.sorted {
            KeyOrder.natural.precedes(graph.itemKeys[$0.system], graph.itemKeys[$1.system])
        }
        var systemRows: [[HTML.Cell]] = []
        for line in lines {
            let survives = line.timeToSurvive
            let time = survives.isFinite ? DisplayNumber.human(survives) + " d" : "∞"
            let first = line.firstToRunOut.map { graph.itemKeys[$0] } ?? "nothing runs short"
            systemRows.append([HTML.Cell(graph.itemKeys[line.system]), HTML.Cell(time, survives < days ? "bad" : "good"), HTML.Cell(first)])
        }
        let cost = plan.totalCost.map { total in
            var line = "Cost: \(StockpileTable.money(total, currency: graph.currency)) for \(plan.pricedTargetCount) of \(DisplayNumber.count(plan.targetCount, "target"))"
            if plan.unpricedTargets {
                let names = KeyOrder.natural.sorted(plan.unpricedTargetItems.map { graph.itemKeys[$0] })
                line += "; \(names.count) without a price: " + names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", +\(names.count - 8) more" : "")
            }
            return line + ". Targets counted in pieces are rounded up to whole units."
        }
        return BriefStockpile(
            header: ["item", "kind", "country lost", "need over \(d) d", "stock", "lost at its stage", "shortfall over \(d) d", "stock to add", "time to survive", "TTR", "systems"],
            rows: rows, numeric: [3, 4, 5, 6, 7, 8, 9], systemRows: systemRows,
            scenario: "every stage loses its largest supplying country outside the EU, for \(DisplayNumber.human(days)) days",
            cost: cost)
    }
}
