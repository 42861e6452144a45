import RiskAnalysis
import SupplyGraph

/// The budget plan's programme laid out as a ``LinearProgram`` once, with the numbers of the
/// columns and rows that the solves change or read (the article "The budget plan" gives it in
/// symbols).
///
/// Columns: production `m(e,t)` on every source `e` (a supply edge, the unattributed share, the
/// in-house edge of an item without suppliers, a taken option) in every period `t`; inventory
/// `I(p,t)` of every pool `p`; draws `y` where a buyer may take an input from several pools;
/// deliveries `x(j,t)` of every end item; purchases `b(i)` of priced items; options `z(o)`.
/// Rows: one balance per pool and period, one per buyer with draws, one capacity row per option
/// and period, and the budget row.
struct PlanProgram: Sendable {
    /// The programme with the budget row's upper bound at the settings' budget and every option
    /// free (binary).
    var base = LinearProgram()
    /// The budget row: `Σ price · b + Σ cost · z <= B`.
    var budgetRow = 0
    /// Per end item: its delivery columns (one per period) and `demand · D/365`.
    var deliveries: [(item: ItemID, columns: [Int], fullVolume: Double, weight: Double)] = []
    /// Per priced item in play: its purchase column and price.
    var purchases: [(item: ItemID, column: Int, price: Double)] = []
    /// Per option of the graph: its column `z`.
    var optionColumns: [Int] = []
    /// Per item in play (by index): the balance row of its stock at day 0, -1 when none.
    var stockRow: [Int] = []
    /// The periods' lengths in days.
    var periodLengths: [Double] = []

    /// Lays the programme out.
    init(graph: SupplyGraph, scenario: PlanScenario, settings: PlanSettings) throws(BudgetPlanError) {
        precondition(settings.days.isFinite && settings.days > 0 && settings.period.isFinite && settings.period > 0,
                     "the plan's window and period must be finite numbers of days > 0")
        precondition(settings.budget >= 0, "the plan's budget must be >= 0")
        let days = settings.days
        var starts: [Double] = []
        var start = 0.0
        while start < days - 1e-9 {
            starts.append(start)
            periodLengths.append(min(settings.period, days - start))
            start += settings.period
        }
        let periods = starts.count
        let shares = ShareTable(graph)
        let requirement = Requirement.compute(graph, scope: settings.scope)
        let flow = SourcingConsistency.raisedFlows(in: graph, shares: shares, requirement: requirement)
        let disruption = scenario.disruption
        let n = graph.itemCount
        func inPlay(_ item: ItemID) -> Bool { requirement[item] > 0 }

        // End items: demand > 0 (with a scope, that system alone).
        let endItems = graph.items.filter { item in
            graph.itemDemand[item] > 0 && (settings.scope.map { $0 == item } ?? true)
        }
        guard !endItems.isEmpty else {
            throw BudgetPlanError(.noEndItem, "no item in scope has a demand > 0: there is no production to keep")
        }
        let totalWeight = endItems.reduce(0) { $0 + graph.itemWeight[$1] }

        // Which inputs have buyers restricted by sourcedFrom, and which of their edges are named.
        var restricted = [Bool](repeating: false, count: n)
        var named = [Bool](repeating: false, count: graph.supplyEdgeCount)
        if graph.hasSourcing {
            for e in graph.supplyEdgeIDs where inPlay(graph.edgeItem[e]) {
                for entry in graph.sourcingEntries(of: e) {
                    restricted[graph.sourcingInput(ofEntry: entry).index] = true
                    for t in graph.sourcingEdges(ofEntry: entry) { named[t.index] = true }
                }
            }
        }

        // Pools: per item in play, one pool, or with restricted buyers a stock pool, a general
        // pool and one pool per named edge. poolRows[p][t] is the balance row of pool p.
        var program = LinearProgram()
        var poolRows: [[Int]] = []
        var stockPool = [Int](repeating: -1, count: n), generalPool = [Int](repeating: -1, count: n)
        var edgePool = [Int](repeating: -1, count: graph.supplyEdgeCount)
        var poolsOf = [[Int]](repeating: [], count: n)
        stockRow = [Int](repeating: -1, count: n)
        func newPool(_ item: ItemID, stock: Double) -> Int {
            let p = poolRows.count
            let rows = (0..<periods).map { t in program.addRow(lower: t == 0 ? stock : 0, upper: t == 0 ? stock : 0) }
            poolRows.append(rows)
            for t in 0..<periods {
                let column = program.addColumn(upper: .infinity)
                program.add(row: rows[t], column: column, 1)
                if t + 1 < periods { program.add(row: rows[t + 1], column: column, -1) }
            }
            poolsOf[item.index].append(p)
            return p
        }
        for item in graph.items where inPlay(item) {
            let stock = graph.itemStock[item]
            if restricted[item.index] {
                stockPool[item.index] = newPool(item, stock: stock)
                generalPool[item.index] = newPool(item, stock: 0)
                for e in graph.supplyEdges(of: item) {
                    edgePool[e.index] = named[e.index] ? newPool(item, stock: 0) : generalPool[item.index]
                }
            } else {
                let p = newPool(item, stock: stock)
                stockPool[item.index] = p; generalPool[item.index] = p
                for e in graph.supplyEdges(of: item) { edgePool[e.index] = p }
            }
            stockRow[item.index] = poolRows[stockPool[item.index]][0]
        }

        // Takes `quantity` units of `input` per unit of `column` in period t: from the one pool
        // allowed, or through draws from each allowed pool.
        func consume(_ input: ItemID, _ quantity: Double, restrictedTo edges: ArraySlice<SupplyEdgeID>?, column: Int, _ t: Int) {
            let allowed = edges.map { [stockPool[input.index]] + $0.map { edgePool[$0.index] } } ?? poolsOf[input.index]
            if allowed.count == 1 {
                program.add(row: poolRows[allowed[0]][t], column: column, quantity)
                return
            }
            let balance = program.addRow(lower: 0, upper: 0)
            program.add(row: balance, column: column, -quantity)
            for p in Set(allowed).sorted() {
                let draw = program.addColumn(upper: .infinity)
                program.add(row: balance, column: draw, 1)
                program.add(row: poolRows[p][t], column: draw, 1)
            }
        }
        func inputs(of item: ItemID, edge: SupplyEdgeID?, column: Int, _ t: Int) {
            for u in graph.usesEdges(of: item) {
                let child = graph.usesChild[u], quantity = graph.usesQuantity[u]
                guard quantity > 0, inPlay(child) else { continue }
                var only: ArraySlice<SupplyEdgeID>? = nil
                if let edge {
                    for entry in graph.sourcingEntries(of: edge) where graph.sourcingInput(ofEntry: entry) == child {
                        only = graph.sourcingEdges(ofEntry: entry)
                    }
                }
                consume(child, quantity, restrictedTo: only, column: column, t)
            }
        }
        func overlap(_ t: Int, from: Double) -> Double {
            max(0, starts[t] + periodLengths[t] - max(starts[t], from)) / periodLengths[t]
        }

        budgetRow = program.addRow(lower: -.infinity, upper: settings.budget)
        // Sources.
        var optionsOf = [[Int]](repeating: [], count: n)
        for (o, option) in graph.options.enumerated() { optionsOf[option.item.index].append(o) }
        optionColumns = [Int](repeating: -1, count: graph.options.count)
        for item in graph.items {
            for o in optionsOf[item.index] {
                optionColumns[o] = program.addColumn(upper: 1, integer: true)
                program.add(row: budgetRow, column: optionColumns[o], graph.options[o].cost)
            }
            guard inPlay(item) else { continue }
            let req = requirement[item]
            let edges = graph.supplyEdges(of: item)
            for e in edges {
                let failed = disruption.fails(e, in: graph)
                let back = settings.recovery ? graph.supplierRecoveryDays[graph.edgeSupplier[e]] : nil
                for t in 0..<periods {
                    let alive = !failed ? 1 : back.map { overlap(t, from: $0) } ?? 0
                    let capacity = flow[e] * periodLengths[t] / 365 * alive
                    guard capacity > 0 else { continue }
                    let m = program.addColumn(upper: capacity)
                    program.add(row: poolRows[edgePool[e.index]][t], column: m, -1)
                    inputs(of: item, edge: e, column: m, t)
                }
            }
            let unattributed = shares.unattributed[item]
            if unattributed > 0 && !disruption.losesUnattributed(item) {
                for t in 0..<periods {
                    let m = program.addColumn(upper: unattributed * req * periodLengths[t] / 365)
                    program.add(row: poolRows[generalPool[item.index]][t], column: m, -1)
                }
            }
            if edges.isEmpty {
                for t in 0..<periods {
                    let m = program.addColumn(upper: req * periodLengths[t] / 365)
                    program.add(row: poolRows[generalPool[item.index]][t], column: m, -1)
                    inputs(of: item, edge: nil, column: m, t)
                }
            }
            for o in optionsOf[item.index] where !scenario.failedOptions[o] {
                let option = graph.options[o]
                for t in 0..<periods {
                    let capacity = option.share * req * periodLengths[t] / 365 * overlap(t, from: option.leadTimeDays)
                    guard capacity > 0 else { continue }
                    let m = program.addColumn(upper: .infinity)
                    program.addRow(lower: -.infinity, upper: 0, [(m, 1), (optionColumns[o], -capacity)])
                    program.add(row: poolRows[generalPool[item.index]][t], column: m, -1)
                    inputs(of: item, edge: nil, column: m, t)
                }
            }
            if let price = graph.itemPrice[item] {
                let b = program.addColumn(upper: graph.itemMaxPurchase[item] ?? .infinity)
                program.add(row: stockRow[item.index], column: b, -1)
                program.add(row: budgetRow, column: b, price)
                purchases.append((item, b, price))
            }
        }

        // Deliveries.
        for j in endItems {
            let full = graph.itemDemand[j] * days / 365
            let weight = graph.itemWeight[j] / totalWeight
            var columns: [Int] = []
            for t in 0..<periods {
                let x = program.addColumn(upper: graph.itemDemand[j] * periodLengths[t] / 365, objective: weight / full)
                consume(j, 1, restrictedTo: nil, column: x, t)
                columns.append(x)
            }
            deliveries.append((j, columns, full, weight))
        }
        program.maximise = true
        base = program
        graphOptionCosts = graph.options.map(\.cost)
    }

    /// How the options are treated in a solve.
    enum Options {
        /// Binary: the solver chooses (a MIP when there are options).
        case free
        /// Fixed at these choices (an LP).
        case fixed([Bool])
    }

    /// The programme at budget `budget`, with the options free or fixed, and `extra` units of
    /// stock of one item at day 0.
    func program(budget: Double, options: Options, extra: (item: ItemID, units: Double)? = nil) -> LinearProgram {
        var p = base
        p.rowUpper[budgetRow] = budget
        if case .fixed(let chosen) = options {
            for (o, column) in optionColumns.enumerated() {
                p.isInteger[column] = false
                p.columnLower[column] = chosen[o] ? 1 : 0
                p.columnUpper[column] = chosen[o] ? 1 : 0
            }
        }
        if let extra {
            let row = stockRow[extra.item.index]
            p.rowLower[row] += extra.units; p.rowUpper[row] += extra.units
        }
        return p
    }

    /// Production kept, `Σ_j weight(j) · kept(j)`, of a solution's deliveries.
    func productionKept(_ columns: [Double]) -> Double {
        deliveries.reduce(0) { sum, d in sum + d.weight * kept(d, columns) }
    }

    /// `kept(j) = Σ_t x(j,t) / (demand(j) · D/365)`, within 0...1.
    func kept(_ d: (item: ItemID, columns: [Int], fullVolume: Double, weight: Double), _ columns: [Double]) -> Double {
        min(1, max(0, d.columns.reduce(0) { $0 + columns[$1] } / d.fullVolume))
    }

    /// The cost of a solution: `Σ price · b + Σ cost · z`.
    func cost(_ columns: [Double], graph: SupplyGraph) -> Double {
        purchases.reduce(0) { $0 + $1.price * max(0, columns[$1.column]) }
            + optionColumns.enumerated().reduce(0) { $0 + (columns[$1.element] > 0.5 ? graph.options[$1.offset].cost : 0) }
    }

    /// The second stage: the programme with production kept held within `slack` of `optimum`
    /// and the cost minimised.
    func secondStage(_ first: LinearProgram, optimum: Double, slack: Double = 1e-9) -> LinearProgram {
        var p = first
        var terms: [(column: Int, value: Double)] = []
        for c in 0..<p.columnCount where p.objective[c] != 0 { terms.append((c, p.objective[c])) }
        p.addRow(lower: optimum - slack, upper: .infinity, terms)
        p.objective = [Double](repeating: 0, count: p.columnCount)
        for (_, column, price) in purchases { p.objective[column] = price }
        for (o, column) in optionColumns.enumerated() { p.objective[column] = graphOptionCosts[o] }
        p.maximise = false
        return p
    }

    /// The options' costs, for the second stage's objective.
    var graphOptionCosts: [Double] = []
}
