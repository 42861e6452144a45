import SupplyGraph

/// A risk policy that `report --fail-on` checks: a kind of finding that must not exist in the
/// report's scope.
///
/// Each policy counts its findings among the analysis' ``SupplyChainAnalysis/items`` or
/// ``SupplyChainAnalysis/systems`` (the scope system's closure with `--system`); the run fails
/// when any count is above 0.
public enum RiskPolicy: String, CaseIterable, Sendable, Hashable {
    /// An item with one supplier (`SupplyGraph.isSingleSourced(_:)`).
    case singleSource = "single-source"
    /// A system with a single point of failure, a supplier or a country
    /// (``SupplyChainAnalysis/SystemFigures/hasSinglePointOfFailure``).
    case spof
    /// A system that cannot be built from suppliers inside the perimeter alone
    /// (``SupplyChainAnalysis/SystemFigures/euBuildable`` false).
    case nonEU = "non-eu"
    /// A strategic raw material at or above the CRMA benchmark (``Concentration/crmaStrategic65``).
    case crma65
    /// Any material, or item with a commodity, 65 % or more from one third country
    /// (``Concentration/crma65``).
    case concentrated65

    /// A policy that failed, with the number of findings that broke it.
    public struct Violation: Sendable, Equatable {
        /// The policy.
        public let policy: RiskPolicy
        /// How many items or systems break it (at least 1).
        public let count: Int
    }
}

extension SupplyChainAnalysis {
    /// The number of findings of `policy` in scope.
    /// - Complexity: O(items in scope + their supply edges) for the item policies; O(systems ·
    ///   their figures) for the system policies.
    public func findings(of policy: RiskPolicy) -> Int {
        switch policy {
        case .singleSource: items.lazy.filter(graph.isSingleSourced).count
        case .spof: systems.lazy.filter { figures(ofSystem: $0).hasSinglePointOfFailure }.count
        case .nonEU: systems.lazy.filter { !perimeterOnly.isAvailable($0) }.count
        case .crma65: items.lazy.filter { concentration(of: $0).crmaStrategic65 }.count
        case .concentrated65: items.lazy.filter { concentration(of: $0).crma65 }.count
        }
    }

    /// The policies of `policies` that fail, in ``RiskPolicy`` declaration order.
    /// - Complexity: that of ``findings(of:)`` for each policy given.
    public func violations(of policies: Set<RiskPolicy>) -> [RiskPolicy.Violation] {
        RiskPolicy.allCases.filter(policies.contains).compactMap { policy in
            let n = findings(of: policy)
            return n > 0 ? RiskPolicy.Violation(policy: policy, count: n) : nil
        }
    }
}

/// A change that `diff --fail-on` checks: a kind of change that must not appear between two
/// data drops.
public enum DiffPolicy: String, CaseIterable, Sendable, Hashable {
    /// An item single-sourced now that was not (``MapDiff/newSingleSources``).
    case newSingleSource = "new-single-source"
    /// A single point of failure now that was not (``MapDiff/newSinglePointsOfFailure``).
    case newSPOF = "new-spof"
    /// A system buildable inside the perimeter before and not now (``MapDiff/lostEUBuildable``).
    case lostEUBuildable = "lost-eu-buildable"
    /// A system that falls or is crippled on perimeter supply alone now and did neither before
    /// (``MapDiff/newlyCrippled``).
    case newCrippled = "new-crippled"
    /// A supplier sanctioned now that was not (``MapDiff/newlySanctioned``; given only when
    /// both maps were screened against sanctions lists).
    case newSanctioned = "new-sanctioned"

    /// A policy that failed, with the number of changes that broke it.
    public struct Violation: Sendable, Equatable {
        /// The policy.
        public let policy: DiffPolicy
        /// How many changes break it (at least 1).
        public let count: Int
    }
}

extension MapDiff {
    /// The number of changes of `policy`.
    /// - Complexity: O(1).
    public func changes(of policy: DiffPolicy) -> Int {
        switch policy {
        case .newSingleSource: newSingleSources.count
        case .newSPOF: newSinglePointsOfFailure.count
        case .lostEUBuildable: lostEUBuildable.count
        case .newCrippled: newlyCrippled.count
        case .newSanctioned: newlySanctioned?.count ?? 0
        }
    }

    /// The policies of `policies` that fail, in ``DiffPolicy`` declaration order.
    /// - Complexity: O(policies).
    public func violations(of policies: Set<DiffPolicy>) -> [DiffPolicy.Violation] {
        DiffPolicy.allCases.filter(policies.contains).compactMap { policy in
            let n = changes(of: policy)
            return n > 0 ? DiffPolicy.Violation(policy: policy, count: n) : nil
        }
    }
}
