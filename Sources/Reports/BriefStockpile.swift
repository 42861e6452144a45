import GraphExport
import RiskAnalysis
import SupplyGraph

/// The stockpile section of the briefing: the one place that calls the stockpile model, so that
/// its next version (DESIGN §3, version 2) replaces one function.
struct BriefStockpile {
    /// The section's table: header, rows (the items that lose supply, materials first), and a
    /// line saying which scenario and horizon it is.
    let header: [String]
    let rows: [[HTML.Cell]]
    let numeric: Set<Int>
    let scenario: String

    /// The default scenario of `chokepoint stockpile`: each item loses its largest supplying
    /// country outside the EU, for `days` days (version 1 of the model, `StockpilePlan`).
    /// - Complexity: O(distinct worst countries · (items + edges)) for the plan, plus the table.
    static func defaultScenario(_ analysis: SupplyChainAnalysis, days: Double) -> BriefStockpile {
        let graph = analysis.graph
        let plan = StockpilePlan(graph, days: days, mode: .worstCountry, shares: analysis.shareTable, requirement: analysis.requirement)
        let table = StockpileTable(analysis: analysis, plan: plan)
        var rows: [[HTML.Cell]] = []
        for item in table.order {
            let r = plan.rows[item.index]
            guard r.lostShare > 0 else { continue }
            let unit = graph.itemUnits[item.index]
            rows.append([
                HTML.Cell(graph.itemKeys[item.index]), HTML.Cell(graph.itemKinds[item.index].description),
                HTML.Cell(r.scenarioCountry?.code ?? "-"),
                HTML.Cell("\(DisplayNumber.human(r.requirement)) \(unit)"), HTML.Cell(DisplayNumber.human(r.stock)),
                HTML.Cell(DisplayNumber.percent(r.lostShare), "warn"), HTML.Cell(DisplayNumber.human(r.shortfall)),
                HTML.Cell(DisplayNumber.human(r.target), r.target > 0 ? "bad" : nil),
                HTML.Cell(r.daysOfCover.isFinite ? "\(DisplayNumber.human(r.daysOfCover)) d" : "∞", r.coverBelowRecovery ? "bad" : nil),
                HTML.Cell(r.recoveryDays.map { "\(DisplayNumber.human($0)) d" } ?? ""),
                HTML.Cell(table.systems(dependingOn: item).joined(separator: ", ")),
            ])
        }
        return BriefStockpile(
            header: ["item", "kind", "country lost", "need/yr", "stock", "supply lost", "shortfall", "stock to add", "cover (TTS)", "TTR", "systems"],
            rows: rows, numeric: [3, 4, 5, 6, 7, 8, 9],
            scenario: "each item loses its largest supplying country outside the EU, for \(DisplayNumber.human(days)) days (stockpile model version 1)")
    }
}
