import RiskAnalysis
import SupplyGraph

/// What the budget plan is asked: the window, its periods, the budget, whether failed suppliers
/// come back, and the scope.
public struct PlanSettings: Sendable {
    /// The window `D` in days (> 0).
    public var days: Double
    /// The length `P` of a period in days (> 0); the last period is shorter when `P` does not
    /// divide `D`.
    public var period: Double
    /// The budget `B` in the data set's currency (>= 0).
    public var budget: Double
    /// Whether a failed supplier with `recoveryDays` comes back on `[recoveryDays, D)`; `false`
    /// (`--no-recovery`): every cut-off lasts the whole window (an embargo, not a fire).
    public var recovery: Bool
    /// The system whose demand alone counts (`--system`), `nil` for every end item.
    public var scope: ItemID?
    /// The number of budgets of the frontier (>= 2), `nil` for none.
    public var frontierPoints: Int?

    /// Settings; `days` 180 and `period` 30 by default. `days` and `period` must be finite and
    /// > 0, `budget` >= 0 (a precondition of ``BudgetPlan/BudgetPlan/init(graph:scenario:settings:)``).
    /// - Complexity: O(1).
    public init(days: Double = 180, period: Double = 30, budget: Double, recovery: Bool = true,
                scope: ItemID? = nil, frontierPoints: Int? = nil) {
        self.days = days; self.period = period; self.budget = budget; self.recovery = recovery
        self.scope = scope; self.frontierPoints = frontierPoints
    }
}

/// The scenario as the plan sees it: which supply edges and unattributed shares fail (the
/// ``Disruption``), and which options fail with their country.
public struct PlanScenario: Sendable {
    /// The failed suppliers, the embargoed items and whether unknown origin fails.
    public let disruption: Disruption
    /// Per option of the graph (``SupplyGraph/options``), whether it fails: its country is cut
    /// off by `--without-country`, `--without-group` or `--only-group` (and, under an embargo on
    /// chosen items, its item is one of them). `--without-supplier` names no option.
    public let failedOptions: [Bool]

    /// A scenario from its parts.
    /// - Complexity: O(1).
    public init(disruption: Disruption, failedOptions: [Bool]) {
        self.disruption = disruption; self.failedOptions = failedOptions
    }

    /// The scenario resolved against `graph`, options included.
    /// - Throws: `RiskAnalysisError` for an unknown supplier, country or group, or a pattern
    ///   that matches no item.
    /// - Complexity: O(suppliers · named groups + items · patterns + options · named groups).
    public init(_ scenario: Scenario, in graph: SupplyGraph) throws(RiskAnalysisError) {
        let disruption = try scenario.disruption(in: graph)
        var countries = Set<Country>()
        for code in scenario.withoutCountries where code.lowercased() != "unknown" { countries.insert(try Scenario.country(code)) }
        let without = try scenario.withoutGroups.map { (id: String) throws(RiskAnalysisError) in try Scenario.group(id, in: graph) }
        let only = try scenario.onlyGroups.map { (id: String) throws(RiskAnalysisError) in try Scenario.group(id, in: graph) }
        let failed = graph.options.map { option in
            let cut = countries.contains(option.country) || without.contains { $0.contains(option.country) }
                || (!only.isEmpty && !only.contains { $0.contains(option.country) })
            return cut && (disruption.embargoedItems?[option.item.index] ?? true)
        }
        self.init(disruption: disruption, failedOptions: failed)
    }
}
