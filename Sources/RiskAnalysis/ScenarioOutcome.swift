import SupplyGraph

/// What a disruption does (the article "Risk figures", `whatif`): availability and the supply fraction of every
/// item, the state of every system, where the chain breaks and what share is lost.
public struct ScenarioOutcome: Sendable {
    /// The graph.
    public let graph: SupplyGraph
    /// The disruption.
    public let disruption: Disruption
    /// Availability of every item and edge.
    public let availability: Availability
    /// `φ` of every item and edge.
    public let supplyFraction: SupplyFraction
    /// `ŵ(e)`, for the lost shares.
    public let shares: ShareTable
    /// The threshold of ``SupplyState/crippled`` (`--critical`, `0 < critical <= 1`).
    public let critical: Double
    /// `[low, high]` of `φ` per item: unmapped supply failed too, and kept (low = high = `φ`
    /// for a scenario without a range).
    public let range: SupplyFractionRange

    /// Evaluates `disruption` on `graph`.
    /// - Parameters:
    ///   - graph: the graph.
    ///   - shares: `ŵ(e)` and `u(i)`.
    ///   - disruption: the scenario as stated: the figure.
    ///   - critical: the threshold of ``SupplyState/crippled``.
    ///   - rangeBound: the scenario with unmapped supply treated the other way round (kept when
    ///     `disruption` fails unknown origin, failed otherwise): the other end of the range;
    ///     `nil` for a scenario without a range. Not evaluated when the graph has no supplier of
    ///     unknown origin and no unattributed share (the range is then the figure).
    /// - Precondition: `0 < critical <= 1`.
    /// - Complexity: O(items + edges), two or three passes, two side by side.
    public init(_ graph: SupplyGraph, shares: ShareTable, disruption: Disruption,
                critical: Double = SupplyState.defaultCritical, rangeBound: Disruption? = nil) {
        precondition(SupplyState.isValidCritical(critical), "critical must lie in (0, 1]")
        self.graph = graph
        self.disruption = disruption
        self.shares = shares
        self.critical = critical
        let bound = rangeBound.flatMap { SupplyFractionRange.hasUnmappedSupply(graph, shares: shares) ? $0 : nil }
        let (availability, fractions) = bothInParallel({ Availability(graph, disruption: disruption) }, {
            (SupplyFraction(graph, shares: shares, disruption: disruption),
             bound.map { SupplyFraction(graph, shares: shares, disruption: $0).items })
        })
        self.availability = availability
        supplyFraction = fractions.0
        let figure = fractions.0.items
        if let other = fractions.1 {
            range = disruption.failsUnknownOrigin ? SupplyFractionRange(low: figure, high: other)
                : SupplyFractionRange(low: other, high: figure)
        } else {
            range = SupplyFractionRange(low: figure, high: figure)
        }
    }

    /// Whether `item` can still be had.
    /// - Complexity: O(1).
    public func isAvailable(_ item: ItemID) -> Bool { availability.itemAvailable[item] }

    /// `φ(item)`.
    /// - Complexity: O(1).
    public func supplyFraction(of item: ItemID) -> Double { supplyFraction.items[item] }

    /// `[low, high]` of `φ(item)`.
    /// - Complexity: O(1).
    public func supplyFractionRange(of item: ItemID) -> ClosedRange<Double> { range[item] }

    /// Unaffected, degraded, crippled or falls (threshold ``critical``).
    /// - Complexity: O(1).
    public func state(of item: ItemID) -> SupplyState {
        SupplyState(available: availability.itemAvailable[item], supplyFraction: supplyFraction.items[item], critical: critical)
    }

    /// `lostShare(i)`: `Σ ŵ(e)` over the item's unavailable supply edges (the article "Risk figures", version 1's
    /// meaning: the unattributed share is not counted).
    /// - Complexity: O(edges of the item).
    public func lostShare(of item: ItemID) -> Double {
        availability.lostShare(of: item, in: graph, shares: shares.edges)
    }

    /// `λ(i)`: the share of the item's supply lost at its own stage — its failing edges' `ŵ`,
    /// plus `u(i)` when the disruption fails unknown origin — whatever happens below it.
    /// - Complexity: O(edges of the item).
    public func ownLoss(of item: ItemID) -> Double { disruption.ownLoss(of: item, in: graph, shares: shares) }

    /// Unavailable items none of whose children is unavailable, sorted by id.
    /// - Complexity: O(items + BOM edges + b log b).
    public var blockingItems: [ItemID] { graph.sorted(availability.blockingItems(in: graph)) }

    /// Whether `item` is blocking.
    /// - Complexity: O(children).
    public func isBlocking(_ item: ItemID) -> Bool { availability.isBlocking(item, in: graph) }

    /// The blocking items in the BOM closure of `root` (itself included), sorted by id: what
    /// stops it.
    /// - Complexity: O(unavailable items below `root` and their edges).
    public func blockingItems(below root: ItemID) -> [ItemID] {
        graph.sorted(availability.blockingItems(below: root, in: graph))
    }

    /// Whether the item loses anything: unavailable, or supply lost at its own stage, or `φ < 1`.
    /// - Complexity: O(edges of the item).
    public func isTouched(_ item: ItemID) -> Bool {
        !isAvailable(item) || Tolerance.isPositive(ownLoss(of: item)) || state(of: item) != .unaffected
    }
}

extension SupplyChainAnalysis {
    /// What `disruption` does to this graph (no range), with this analysis's `critical`.
    /// - Complexity: O(items + edges).
    public func whatIf(_ disruption: Disruption) -> ScenarioOutcome {
        ScenarioOutcome(graph, shares: shareTable, disruption: disruption, critical: critical)
    }

    /// What `scenario` does to this graph, with its range when it has one, and this analysis's
    /// `critical`.
    /// - Throws: ``RiskAnalysisError`` for names the graph does not know.
    /// - Complexity: O(items + edges), two or three passes.
    public func whatIf(_ scenario: Scenario) throws(RiskAnalysisError) -> ScenarioOutcome {
        try scenario.outcome(in: graph, shares: shareTable, critical: critical)
    }
}

extension Scenario {
    /// What the scenario does to `graph`: the figures as stated, the states with the threshold
    /// `critical`, and the range when the scenario has one (``hasRange``).
    /// - Throws: ``RiskAnalysisError`` for names the graph does not know.
    /// - Precondition: `0 < critical <= 1`.
    /// - Complexity: O(items + edges), two or three passes.
    public func outcome(in graph: SupplyGraph, shares: ShareTable,
                        critical: Double = SupplyState.defaultCritical) throws(RiskAnalysisError) -> ScenarioOutcome {
        let figure = try disruption(in: graph)
        let bound = hasRange ? try disruption(in: graph, unknownOrigin: failsUnknownOrigin ? .kept : .failed) : nil
        return ScenarioOutcome(graph, shares: shares, disruption: figure, critical: critical, rangeBound: bound)
    }
}

/// The range `[low, high]` of the supply fraction `φ` of every item under a scenario: unmapped
/// supply (suppliers of unknown origin and the unattributed shares) might lie in the cut-off
/// country or not.
///
/// `low` is `φ` when, in addition to the scenario, unknown origin and unattributed supply fail
/// (with `--items` or `--commodity`: only on those items); `high` is `φ` when both are kept.
/// As `φ` can only fall when more fails, `low <= φ <= high`.
///
/// Example: a material 60 % from CN, 10 % from a supplier of unknown origin and 30 %
/// unattributed; without CN, `φ = 0.4` (unknown origin and the unattributed share kept), the
/// range is `[0, 0.4]`. On EU supply alone the same material has `φ = 0` and the range
/// `[0, 0.4]`.
public struct SupplyFractionRange: Sendable {
    /// `φ` with unmapped supply failed, per item.
    public let low: IDArray<ItemID, Double>
    /// `φ` with unmapped supply kept, per item.
    public let high: IDArray<ItemID, Double>

    /// A range from its two ends.
    /// - Complexity: O(1).
    public init(low: IDArray<ItemID, Double>, high: IDArray<ItemID, Double>) {
        self.low = low
        self.high = high
    }

    /// `low...high` of `item`.
    /// - Complexity: O(1).
    public subscript(item: ItemID) -> ClosedRange<Double> {
        let a = low[item], b = high[item]
        return min(a, b)...max(a, b)
    }

    /// How wide a range must be to be shown as a range ("0–35 %") rather than one figure: half
    /// a percentage point.
    public static let shownWidth = 0.005

    /// Whether `range` is shown as a range: `high − low >= 0.005`.
    /// - Complexity: O(1).
    public static func isShownAsRange(_ range: ClosedRange<Double>) -> Bool {
        range.upperBound - range.lowerBound >= shownWidth - Tolerance.figure
    }

    /// Whether `graph` has unmapped supply: a supplier of unknown origin, or an item with an
    /// unattributed share. Without it every range is a single figure.
    /// - Complexity: O(suppliers + items).
    public static func hasUnmappedSupply(_ graph: SupplyGraph, shares: ShareTable) -> Bool {
        graph.supplierCountries.contains { !$0.isKnown } || shares.unattributed.contains { $0 > 0 }
    }

    /// What `disruption` does to `graph`, without the other figures of an analysis (only the
    /// shares are needed): the same outcome as `SupplyChainAnalysis(graph).whatIf(disruption)`.
    /// - Complexity: O(items + edges).
    public static func whatIf(_ disruption: Disruption, in graph: SupplyGraph) -> ScenarioOutcome {
        ScenarioOutcome(graph, shares: ShareTable(graph), disruption: disruption)
    }
}
