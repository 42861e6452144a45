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
        table(analysis, days: days, mode: .worstCountry(), context: context,
              scenario: "every stage loses its largest supplying country outside the EU, for \(DisplayNumber.human(days)) days")
    }

    /// The briefing's scenario (`brief --without-country CN`): its failed suppliers fail at
    /// every stage for `days` days.
    /// - Complexity: that of `StockpilePlan`, plus the table.
    static func givenScenario(_ analysis: SupplyChainAnalysis, outcome: ScenarioOutcome, summary: String, days: Double,
                              context: ReportContext) -> BriefStockpile {
        table(analysis, days: days, mode: .scenario(outcome.disruption), context: context,
              scenario: "\(summary), for \(DisplayNumber.human(days)) days")
    }

    /// The tables of the plan of `mode`.
    static func table(_ analysis: SupplyChainAnalysis, days: Double, mode: StockpilePlan.Mode, context: ReportContext,
                      scenario: String) -> BriefStockpile {
        let graph = analysis.graph
        let plan = StockpilePlan(analysis, days: days, mode: mode)
        let d = DisplayNumber.human(days)
        let table = StockpileTable(analysis: analysis, plan: plan, context: context)
        let rank: [ItemKind: Int] = [.material: 0, .component: 1, .system: 2]
        let order = Array(graph.items).sorted {
            let a = rank[graph.itemKinds[$0]]!, b = rank[graph.itemKinds[$1]]!
            return a != b ? a < b : KeyOrder.natural.precedes(graph.itemKeys[$0], graph.itemKeys[$1])
        }
        // The lines that matter (StockpilePlan.Row.losesSupply), as the stockpile table's.
        var rows: [[HTML.Cell]] = []
        for item in order where plan.rows[item.index].losesSupply {
            let line = table.line(item), r = line.row
            rows.append([
                HTML.Cell(line.id), HTML.Cell(line.kind), HTML.Cell(line.country),
                HTML.Cell("\(DisplayNumber.human(r.requirement)) \(line.unit)"), HTML.Cell(DisplayNumber.human(r.stock)),
                HTML.Cell(DisplayNumber.percent(r.ownLoss), line.lossTone.htmlClass), HTML.Cell(DisplayNumber.human(r.shortfall)),
                HTML.Cell(DisplayNumber.human(r.target), r.target > 0 ? line.targetTone.htmlClass : nil),
                HTML.Cell(line.cover, line.recoveryTone.htmlClass),
                HTML.Cell(line.recovery ?? ""),
                HTML.Cell(table.systems(dependingOn: item).joined(separator: ", ")),
            ])
        }
        let systemRows = table.systemLines.map { line in
            [HTML.Cell(line.id), HTML.Cell(line.timeToSurvive, line.tone.htmlClass), HTML.Cell(line.firstToRunOut ?? "nothing runs short")]
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
            header: ["item", "kind", "country lost", "need in \(d) d", "stock", "lost at its stage", "short in \(d) d", "stock to add", "time to survive", "TTR", "systems"],
            rows: rows, numeric: [3, 4, 5, 6, 7, 8, 9], systemRows: systemRows,
            scenario: scenario,
            cost: cost)
    }
}
