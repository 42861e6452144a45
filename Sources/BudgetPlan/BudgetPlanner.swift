import RiskAnalysis
import SupplyGraph

/// The budget plan: which stocks to buy and which options to take, within a budget, to keep
/// the most production going through a disruption (the article "The budget plan").
///
/// It solves a time-phased linear programme (mixed-integer when the data has options) with
/// COIN-OR CLP and CBC: first the most production kept, then, among plans within 1e-9 of it,
/// the cheapest. Production kept and cost are unique; the purchases and per-system figures are
/// one optimal plan, and another solver may return another of the same production kept and cost.
public struct BudgetPlan: Sendable {
    /// One purchase of the plan.
    public struct Purchase: Sendable, Equatable {
        /// The item bought (its stock on hand at day 0 grows by ``quantity``).
        public let item: ItemID
        /// The units bought, not rounded.
        public let quantity: Double
        /// `price · quantity`.
        public let cost: Double
        /// The price per unit.
        public let price: Double
    }

    /// One end item's kept fraction with and without the plan.
    public struct SystemKept: Sendable, Equatable {
        /// The end item (an item with demand > 0).
        public let item: ItemID
        /// `kept(j)` with the plan, 0...1.
        public let kept: Double
        /// `kept(j)` with budget 0 and no option.
        public let keptWithoutPlan: Double
    }

    /// An unpriced item whose stock at day 0 would raise production kept.
    public struct UnpricedValue: Sendable, Equatable {
        /// The item.
        public let item: ItemID
        /// The right-hand derivative of production kept in its stock at day 0 (per unit of
        /// the item), budget and options fixed.
        public let valuePerUnit: Double
    }

    /// One budget of the frontier.
    public struct FrontierPoint: Sendable, Equatable {
        /// The budget.
        public let budget: Double
        /// Production kept at that budget.
        public let productionKept: Double
    }

    /// The settings it was made with.
    public let settings: PlanSettings
    /// Production kept with the plan, `Σ_j weight(j) · kept(j) / Σ_j weight(j)`, 0...1.
    public let productionKept: Double
    /// Production kept with budget 0 and no option.
    public let productionKeptWithoutPlan: Double
    /// The plan's cost: purchases and options.
    public let cost: Double
    /// The right-hand derivative of production kept in the budget at the budget (options
    /// fixed): production kept per currency unit, >= 0.
    public let marginalValue: Double
    /// The purchases, largest cost first.
    public let purchases: [Purchase]
    /// Per option of the graph (``SupplyGraph/options``), whether the plan takes it.
    public let optionsChosen: [Bool]
    /// Every end item, in the graph's order.
    public let systems: [SystemKept]
    /// The unpriced items whose stock would raise production kept, highest value first.
    public let unpriced: [UnpricedValue]
    /// Production kept at `N` budgets from 0 to the least cost of the most production kept
    /// over all budgets; empty without ``PlanSettings/frontierPoints``.
    public let frontier: [FrontierPoint]
    /// The size of the programme: rows, columns and non-zeros.
    public let modelSize: (rows: Int, columns: Int, nonZeros: Int)

    /// Makes the plan.
    /// - Throws: ``BudgetPlanError`` when there is no end item, or the solver fails or finds
    ///   the programme infeasible or unbounded (the formulation rules both out).
    /// - Complexity: a handful of LP or MIP solves of a programme with
    ///   O(periods · (supply edges + items + BOM edges)) columns and rows, plus a few more per
    ///   derivative: one per step size tried, for the budget and for each unpriced item whose
    ///   stock row has a dual value other than 0.
    public init(graph: SupplyGraph, scenario: PlanScenario, settings: PlanSettings) throws(BudgetPlanError) {
        self.settings = settings
        let model = try PlanProgram(graph: graph, scenario: scenario, settings: settings)
        modelSize = (model.base.rowCount, model.base.columnCount, model.base.nonZeroCount)

        // First stage: the most production kept; second: the least cost within 1e-9 of it.
        let first = model.program(budget: settings.budget, options: .free)
        let optimum = try COINSolver.solve(first).objective
        let plan = try COINSolver.solve(model.secondStage(first, optimum: optimum))
        productionKept = min(1, max(0, optimum))
        let chosen = model.optionColumns.map { plan.columns[$0] > 0.5 }
        optionsChosen = chosen
        cost = model.cost(plan.columns, graph: graph)
        purchases = model.purchases.compactMap { (item, column, price) -> Purchase? in
            let quantity = plan.columns[column]
            return quantity > 1e-9 ? Purchase(item: item, quantity: quantity, cost: price * quantity, price: price) : nil
        }.sorted { $0.cost > $1.cost }

        // Without the plan: budget 0, no option.
        let none = [Bool](repeating: false, count: graph.options.count)
        let without = try COINSolver.solve(model.program(budget: 0, options: .fixed(none)))
        productionKeptWithoutPlan = min(1, max(0, without.objective))
        systems = model.deliveries.map { d in
            SystemKept(item: d.item, kept: model.kept(d, plan.columns), keptWithoutPlan: model.kept(d, without.columns))
        }

        // Derivatives: the first stage with the chosen options fixed (an LP, with duals).
        // One CLP session, re-solved from its last basis with one row's bounds shifted.
        let session = try LPSession(model.program(budget: settings.budget, options: .fixed(chosen)))
        let atBudget = session.solution
        let budgetScale = max(settings.budget, 1)
        marginalValue = try Self.rightDerivative(at: atBudget.objective, dual: atBudget.rowDuals[model.budgetRow], scale: budgetScale) {
            (step: Double) throws(BudgetPlanError) -> Double in
            try session.objective(shiftingRow: model.budgetRow, lower: 0, upper: step)
        }
        let requirement = Requirement.compute(graph, scope: settings.scope)
        var values: [UnpricedValue] = []
        for item in graph.items where graph.itemPrice[item] == nil && model.stockRow[item.index] >= 0 {
            let scale = max(requirement[item] * settings.days / 365, 1)
            let row = model.stockRow[item.index]
            let value = try Self.rightDerivative(at: atBudget.objective, dual: atBudget.rowDuals[row], scale: scale) {
                (step: Double) throws(BudgetPlanError) -> Double in
                try session.objective(shiftingRow: row, lower: step, upper: step)
            }
            if value > 1e-15 { values.append(UnpricedValue(item: item, valuePerUnit: value)) }
        }
        unpriced = values.sorted { $0.valuePerUnit > $1.valuePerUnit }

        // The frontier: N budgets from 0 to the least cost of the most production kept.
        if let points = settings.frontierPoints, points >= 2 {
            let open = model.program(budget: .infinity, options: .free)
            let best = try COINSolver.solve(open).objective
            let cheapest = try COINSolver.solve(model.secondStage(open, optimum: best))
            let top = model.cost(cheapest.columns, graph: graph)
            var frontier: [FrontierPoint] = []
            for k in 0..<points {
                let budget = top * Double(k) / Double(points - 1)
                let kept = try COINSolver.solve(model.program(budget: budget, options: .free)).objective
                frontier.append(FrontierPoint(budget: budget, productionKept: min(1, max(0, kept))))
            }
            self.frontier = frontier
        } else {
            frontier = []
        }
    }

    /// The right-hand derivative of a concave, piecewise-linear value function `v` at a point
    /// where `v = value`, from re-solves at the point plus a step: the slope
    /// `(v(+δ) − v) / δ` rises towards the right-hand derivative as `δ` shrinks and equals it
    /// once `δ` lies before the next breakpoint. Steps `scale · 10^-k`, `k = 2...9`, are tried
    /// until two in a row agree within a relative 1e-6, or the slope reaches the dual value
    /// (an upper bound of the right-hand derivative at any optimal dual solution). A dual of 0
    /// proves the derivative is 0 without a re-solve. A single dual is not trusted otherwise:
    /// at a degenerate point it may be any value between the left- and right-hand derivatives.
    static func rightDerivative(at value: Double, dual: Double, scale: Double,
                                _ solve: (Double) throws(BudgetPlanError) -> Double) throws(BudgetPlanError) -> Double {
        let bound = abs(dual)
        if bound * scale <= 1e-13 { return 0 }
        var previous: Double? = nil
        for k in 2...9 {
            var step = scale
            for _ in 0..<k { step /= 10 }
            let slope = max(0, (try solve(step) - value) / step)
            if slope >= bound * (1 - 1e-7) { return bound }
            if let previous, abs(slope - previous) <= 1e-6 * max(slope, previous) { return slope }
            previous = slope
        }
        return previous ?? 0
    }
}
