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

    /// Evaluates `disruption` on `graph`.
    /// - Complexity: O(items + edges), two passes side by side.
    public init(_ graph: SupplyGraph, shares: ShareTable, disruption: Disruption) {
        self.graph = graph
        self.disruption = disruption
        self.shares = shares
        (availability, supplyFraction) = bothInParallel({ Availability(graph, disruption: disruption) },
                                                         { SupplyFraction(graph, shares: shares, disruption: disruption) })
    }

    /// Whether `item` can still be had.
    /// - Complexity: O(1).
    public func isAvailable(_ item: ItemID) -> Bool { availability.itemAvailable[item] }

    /// `φ(item)`.
    /// - Complexity: O(1).
    public func supplyFraction(of item: ItemID) -> Double { supplyFraction.items[item] }

    /// Unaffected, degraded or falls.
    /// - Complexity: O(1).
    public func state(of item: ItemID) -> SupplyState {
        SupplyState(available: availability.itemAvailable[item], supplyFraction: supplyFraction.items[item])
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
    /// What `disruption` does to this graph.
    /// - Complexity: O(items + edges).
    public func whatIf(_ disruption: Disruption) -> ScenarioOutcome {
        ScenarioOutcome(graph, shares: shareTable, disruption: disruption)
    }

    /// What `disruption` does to `graph`, without the other figures of an analysis (only the
    /// shares are needed): the same outcome as `SupplyChainAnalysis(graph).whatIf(disruption)`.
    /// - Complexity: O(items + edges).
    public static func whatIf(_ disruption: Disruption, in graph: SupplyGraph) -> ScenarioOutcome {
        ScenarioOutcome(graph, shares: ShareTable(graph), disruption: disruption)
    }
}
