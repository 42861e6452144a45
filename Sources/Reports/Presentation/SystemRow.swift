import GraphExport
import RiskAnalysis
import SupplyGraph

/// One system as every format shows it: its verdict on supply from inside the perimeter alone,
/// its exposure, its single points of failure and blocking items, each with its tone, and the
/// verdict in words.
///
/// Built once by ``RiskReport/systemRow(_:)`` and read by the terminal and Markdown report
/// (``RiskReport/text(_:)``) and the briefing (``Briefing``): a new figure of a system is added
/// here, and each format picks it up.
public struct SystemRow: Sendable {
    /// The system.
    public let system: ItemID
    /// Its id.
    public let id: String
    /// Its name.
    public let name: String
    /// Its state when every supplier outside the perimeter fails.
    public let state: SupplyState
    /// The state's tone: unaffected ok, degraded warn, falls bad (the supply fraction reads it too).
    public let stateTone: Tone
    /// Whether it can be built on supply from inside the perimeter alone.
    public let buildable: Bool
    /// ok when buildable, bad when not.
    public let buildableTone: Tone
    /// Its supply fraction `φ` in that scenario.
    public let supplyFraction: Double
    /// `[low, high]` of that `φ`: unknown origin and unattributed supply lost, and kept.
    public let supplyFractionRange: ClosedRange<Double>
    /// `φ` in words: the figure, or its range where it is shown as one (`0–6.7 %`).
    public let supplyText: String
    /// Its propagated exposure to supply from outside the perimeter.
    public let exposure: Double
    /// warn from `Exposure.highThreshold` on (`Exposure.isHigh(_:)`), else plain.
    public let exposureTone: Tone
    /// Its single points of failure: supplier ids in natural order, then `country CC`.
    public let singlePoints: [String]
    /// ok when there is none, bad otherwise.
    public let singlePointTone: Tone
    /// Its blocking items on supply from inside alone, ids in natural order.
    public let blocking: [String]
    /// The verdict in words, for a sentence: `Falls on EU supply alone (φ 0 %): no route is left
    /// without suppliers outside EU.`
    public let why: String
}

extension RiskReport {
    /// The row of `system`.
    /// - Complexity: that of `SupplyChainAnalysis.figures(ofSystem:)`, plus sorting its
    ///   single points and blocking items.
    public func systemRow(_ system: ItemID) -> SystemRow {
        let graph = analysis.graph
        let f = analysis.figures(ofSystem: system)
        let p = perimeterName
        let phi = RangeText.percent(f.euOnlySupplyFraction, f.euOnlySupplyFractionRange)
        let spof = graph.keys(of: f.singlePointSuppliers, by: .natural) + f.singlePointCountries.map(countryName)
        let why = switch f.euOnlyState {
        case .falls: "Falls on \(p) supply alone (φ \(phi)): no route is left without suppliers outside \(p)."
        case .crippled: "Crippled on \(p) supply alone: \(phi) of normal production (φ) could go on, below \(DisplayNumber.percent(analysis.critical))."
        case .degraded: "Degraded on \(p) supply alone: \(phi) of normal production (φ) could go on."
        case .unaffected: "Unaffected on \(p) supply alone (φ 100 %)."
        }
        return SystemRow(system: system, id: graph.itemKeys[system], name: graph.itemNames[system],
                         state: f.euOnlyState, stateTone: f.euOnlyState.tone,
                         buildable: f.euBuildable, buildableTone: f.euBuildable ? .ok : .bad,
                         supplyFraction: f.euOnlySupplyFraction, supplyFractionRange: f.euOnlySupplyFractionRange, supplyText: phi,
                         exposure: f.nonEUExposure, exposureTone: Exposure.isHigh(f.nonEUExposure) ? .warn : .plain,
                         singlePoints: spof, singlePointTone: spof.isEmpty ? .ok : .bad,
                         blocking: graph.keys(of: f.blockingItems, by: .natural), why: why)
    }
}
