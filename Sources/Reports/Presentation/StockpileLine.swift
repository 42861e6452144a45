import GraphExport
import RiskAnalysis
import SupplyGraph

/// One item of the stockpile plan as every format shows it: the figures of its line with their
/// tones, in words where a format writes words.
///
/// Built once by ``StockpileTable/line(_:)``; the stockpile table (terminal, Markdown) and the
/// briefing's stockpile section render it. Which lines are shown is one rule,
/// `StockpilePlan.Row.losesSupply` (its own stage loses supply, or it has stock to add).
public struct StockpileLine: Sendable {
    /// The plan's row.
    public let row: StockpilePlan.Row
    /// The item's id.
    public let id: String
    /// Its kind in words.
    public let kind: String
    /// Its unit.
    public let unit: String
    /// The country it loses (worst-country mode), `-` otherwise.
    public let country: String
    /// warn when its own stage loses anything, else plain.
    public let lossTone: Tone
    /// bad when stock is to be added, ok when not.
    public let targetTone: Tone
    /// Its time to survive with today's stock: `12 d`, or `∞`; `0 d, not needed` for an item short
    /// from day 0 that nothing reaches over the horizon (no need, no target).
    public let cover: String
    /// bad when the stock runs out before the horizon or before the time to recover.
    public let coverTone: Tone
    /// bad when the stock runs out before the time to recover (stock or a second source is
    /// needed), else plain.
    public let recoveryTone: Tone
    /// The time to recover, `90 d`, if the data gives one.
    public let recovery: String?
    /// The systems whose BOM holds it, natural order.
    public let systems: [String]

    /// Whether the line is shown without `--all` (`StockpilePlan.Row.losesSupply`).
    /// - Complexity: O(1).
    public var matters: Bool { row.losesSupply }
}

/// One system of the stockpile plan: its time to survive with today's stock, and what runs out
/// first.
public struct StockpileSystemLine: Sendable {
    /// The system's id.
    public let id: String
    /// Its time to survive: `12 d`, or `∞`.
    public let timeToSurvive: String
    /// Whether it survives the whole horizon.
    public let survives: Bool
    /// ok when it survives the horizon, bad when not.
    public let tone: Tone
    /// The item whose running out first makes it short, if any.
    public let firstToRunOut: String?
}

extension StockpileTable {
    /// The line of `item`.
    /// - Complexity: O(s log s) for the s systems above it.
    public func line(_ item: ItemID) -> StockpileLine {
        let r = plan.rows[item.index]
        // Short from day 0 (its cover is about the item), but nothing reaches it over the
        // horizon: stock further down the chain covers its buyers.
        let unordered = r.daysOfCover == 0 && r.requirement == 0 && r.target == 0
        return StockpileLine(
            row: r, id: graph.itemKeys[item], kind: graph.itemKinds[item].description, unit: graph.itemUnits[item],
            country: r.scenarioCountry?.code ?? "-", lossTone: r.ownLoss > 0 ? .warn : .plain,
            targetTone: r.target > 0 ? .bad : .ok,
            cover: !r.daysOfCover.isFinite ? "∞" : "\(DisplayNumber.human(r.daysOfCover)) d" + (unordered ? ", not needed" : ""),
            coverTone: !unordered && (r.coverBelowRecovery || r.daysOfCover < plan.days) ? .bad : .plain,
            recoveryTone: r.coverBelowRecovery ? .bad : .plain,
            recovery: r.recoveryDays.map { "\(DisplayNumber.human($0)) d" },
            systems: KeyOrder.natural.sorted(systems(dependingOn: item)))
    }

    /// The systems' lines, by id in natural order.
    /// - Complexity: O(s log s).
    public var systemLines: [StockpileSystemLine] {
        plan.systems.sorted { KeyOrder.natural.precedes(graph.itemKeys[$0.system], graph.itemKeys[$1.system]) }.map { line in
            let survives = line.timeToSurvive >= plan.days
            return StockpileSystemLine(
                id: graph.itemKeys[line.system],
                timeToSurvive: line.timeToSurvive.isFinite ? "\(DisplayNumber.human(line.timeToSurvive)) d" : "∞",
                survives: survives, tone: survives ? .ok : .bad,
                firstToRunOut: line.firstToRunOut.map { graph.itemKeys[$0] })
        }
    }
}
