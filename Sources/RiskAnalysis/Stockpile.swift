import SupplyGraph

/// The stockpile plan of a stockpiling study, version 2 (<doc:StockpileModel>): stock targets
/// per stage of the chain that together keep every system producing through a disruption of
/// `D` days, and each item's and system's time to survive with the stock held today.
///
/// - Targets (one plan): orders are exploded parents first; each stage loses `λ(i)` of its
///   orders at its own stage, `S(i)` over the horizon; its stock covers that first, `T(i) =
///   max(0, S(i) − stock(i))` is to be added, and what stock is left replaces orders to its
///   surviving suppliers (MRP netting). Each loss is counted once, at the stage where it happens;
///   the targets of a chain add up.
/// - Time to survive: with today's stock, every item fills its gap from its stock while it
///   lasts; a system survives until its fill first drops below 1.
///
/// Example (the article's): a drone whose anodes are 90 % Chinese, with 10 kg of spherical
/// graphite in stock, needs 324 anodes and 9.6 kg of natural graphite for 180 days without
/// China, and survives 0 days today (first to run out: the anode).
public struct StockpilePlan: Sendable {
    /// How the failed suppliers are chosen.
    public enum Mode: Sendable {
        /// One scenario for every item.
        case scenario(Disruption)
        /// Every stage loses its largest supplying country outside the EU, all at once; with
        /// `byControl` also the suppliers controlled from it; with `items`, only those stages.
        case worstCountry(byControl: Bool = false, items: IDArray<ItemID, Bool>? = nil)
    }

    /// One item's line.
    public struct Row: Sendable {
        /// The item.
        public let item: ItemID
        /// `req(i)`: the gross requirement per year, in the item's unit.
        public let yearlyRequirement: Double
        /// `H(i)`: what reaches the item over the horizon in the plan (after netting).
        public let requirement: Double
        /// Stock on hand.
        public let stock: Double
        /// `λ(i)`: the share of its open-market orders lost at its own stage.
        public let ownLoss: Double
        /// `1 − φ(i)` under the disruption, without any stock: what its buyers lose.
        public let lostFraction: Double
        /// Where that loss comes from (the stage losing supply), if it loses anything.
        public let lossFrom: ItemID?
        /// `S(i)`: lost at its own stage over the horizon.
        public let shortfall: Double
        /// The stock to add as one buys it: ``targetExact``, rounded up to a whole unit when the
        /// item's unit is a count (``StockpilePlan/isCountUnit(_:)``: `pcs`, `pc`, `ea`, `each`,
        /// `unit`, `units`, any case), else the same.
        public let target: Double
        /// `T(i) = max(0, S(i) − stock(i))`: stock to add, unrounded.
        public let targetExact: Double
        /// ``target`` `· price(i)` (the rounded target: what one buys), when the data gives a price.
        public let targetCost: Double?
        /// Its time to survive with today's stock, in days; `.infinity` when it never runs short.
        public let daysOfCover: Double
        /// The largest `recoveryDays` among the suppliers it loses at its own stage (TTR).
        public let recoveryDays: Double?
        /// In `worstCountry` mode, the country it loses.
        public let scenarioCountry: Country?
        /// Days of cover below the time to recover: stock or a second source is needed.
        /// - Complexity: O(1).
        public var coverBelowRecovery: Bool { recoveryDays.map { daysOfCover < $0 } ?? false }

        /// Whether the line matters to a reader of the plan: its own stage loses supply
        /// (`λ(i) > ε`) or it has stock to add (`T(i) > 0`, which needs a loss at its stage).
        /// The one rule by which the stockpile table and the briefing choose their rows.
        /// - Complexity: O(1).
        public var losesSupply: Bool { Tolerance.isPositive(ownLoss) || target > 0 }
    }

    /// A system's line.
    public struct SystemLine: Sendable {
        /// The system.
        public let system: ItemID
        /// Its time to survive in days (`.infinity` if it never falls short).
        public let timeToSurvive: Double
        /// The item whose running out (or, at day 0, whose loss) first makes it short.
        public let firstToRunOut: ItemID?
    }

    /// The duration `D` in days.
    public let days: Double
    /// The disruption evaluated.
    public let disruption: Disruption
    /// One row per item, indexed by `ItemID`.
    public let rows: [Row]
    /// One line per system of the analysis, in its order.
    public let systems: [SystemLine]
    /// The cost of every target with a price, summed (`nil` when no target has a price).
    public let totalCost: Double?
    /// The number of targets (items with a target above 0) that have a price: those in
    /// ``totalCost``.
    public let pricedTargetCount: Int
    /// The items with a target above 0 and no price (the total leaves them out), sorted by id.
    public let unpricedTargetItems: [ItemID]
    /// Whether some target has no price (the total leaves it out).
    /// - Complexity: O(1).
    public var unpricedTargets: Bool { !unpricedTargetItems.isEmpty }
    /// The number of targets above 0.
    /// - Complexity: O(1).
    public var targetCount: Int { pricedTargetCount + unpricedTargetItems.count }

    /// Whether `unit` counts whole things (`pcs`, `pc`, `ea`, `each`, `unit`, `units`, any
    /// case): a target in it is rounded up to a whole unit.
    /// - Complexity: O(length of `unit`).
    public static func isCountUnit(_ unit: String) -> Bool {
        ["pcs", "pc", "ea", "each", "unit", "units"].contains(unit.lowercased())
    }

    /// `target` rounded up to a whole unit when `unit` is a count (a target within 1e-9 above a
    /// whole number is that number: rounding noise never buys one more).
    /// - Complexity: O(length of `unit`).
    public static func boughtTarget(_ target: Double, unit: String) -> Double {
        guard isCountUnit(unit) else { return target }
        return target > Tolerance.figure ? (target - Tolerance.figure).rounded(.up) : 0
    }
    /// A time to survive beyond this many days is reported as infinite: `max(100 · D, 36500)`.
    public let cap: Double

    /// Computes the plan.
    /// - Parameters:
    ///   - analysis: the figures (shares; its systems are the systems reported).
    ///   - days: the duration `D` of the disruption, in days (> 0, finite).
    ///   - mode: the scenario, or the worst country per item.
    /// - Complexity: O(items + edges) for the targets; the time to survive adds O(Σ cones · log)
    ///   over the items with stock that run out (see the stockpile model article).
    public init(_ analysis: SupplyChainAnalysis, days: Double, mode: Mode) {
        let graph = analysis.graph
        let shares = analysis.shareTable
        self.days = days
        let disruption: Disruption
        var lostCountry = [Country?](repeating: nil, count: graph.itemCount)
        switch mode {
        case .scenario(let given): disruption = given
        case .worstCountry(let byControl, let items):
            (disruption, lostCountry) = Disruption.worstCountryPerItem(in: graph, shares: shares, byControl: byControl, embargoedItems: items,
                                                                       perimeter: analysis.perimeter)
        }
        self.disruption = disruption
        let cap = max(100 * days, 36500)
        self.cap = cap
        let (plan, daily) = bothInParallel({
            OrderFlow(graph, shares: shares, disruption: disruption, scale: days / 365, netting: true)
        }, {
            OrderFlow(graph, shares: shares, disruption: disruption, scale: 1.0 / 365, netting: false)
        })
        let ownLoss = graph.items.map { disruption.ownLoss(of: $0, in: graph, shares: shares) }
        var recovery = [Double?](repeating: nil, count: graph.itemCount)
        for item in graph.items {
            for e in graph.supplyEdges(of: item) where disruption.fails(e, in: graph) {
                if let r = graph.supplierRecoveryDays[graph.edgeSupplier[e].index] { recovery[item.index] = max(recovery[item.index] ?? r, r) }
            }
        }
        let runOut = RunOut(graph, shares: shares, disruption: disruption, flow: daily, ownLoss: ownLoss, cap: cap)
        var total = 0.0, priced = 0
        var unpriced: [ItemID] = []
        rows = graph.items.map { item in
            let k = item.index
            let exact = plan.target[k]
            let target = StockpilePlan.boughtTarget(exact, unit: graph.itemUnits[k])
            let cost = graph.itemPrice[k].map { target * $0 }
            if target > 0 {
                if let cost { total += cost; priced += 1 } else { unpriced.append(item) }
            }
            return Row(item: item, yearlyRequirement: analysis.requirement[k], requirement: plan.order[k], stock: graph.itemStock[k],
                       ownLoss: ownLoss[k], lostFraction: max(0, 1 - runOut.supplyFraction[k]), lossFrom: runOut.lossFrom[k],
                       shortfall: plan.shortfall[k], target: target, targetExact: exact, targetCost: cost, daysOfCover: runOut.firstShort[k],
                       recoveryDays: recovery[k], scenarioCountry: lostCountry[k])
        }
        totalCost = priced > 0 ? total : nil
        pricedTargetCount = priced
        unpricedTargetItems = graph.sorted(unpriced)
        systems = analysis.systems.map { system in
            SystemLine(system: system, timeToSurvive: runOut.firstShort[system.index],
                       firstToRunOut: runOut.firstShort[system.index].isFinite ? runOut.cause[system.index] : nil)
        }
    }
}
