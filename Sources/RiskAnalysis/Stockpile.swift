import SupplyGraph

/// The material table of a stockpiling study (DESIGN §3, "Stockpile").
///
/// For a scenario `F` and a duration of `D` days: `lost(i)` is the normalised share of the
/// item's supply edges that are unavailable under `F`; `shortfall(i) = req(i) · D/365 · lost(i)`;
/// `target(i) = max(0, shortfall(i) − stock(i))`; the days of cover, the time to survive (TTS),
/// are `stock(i) / (req(i) · lost(i) / 365)`, infinite when nothing is lost or nothing is needed.
/// Where the suppliers of the lost edges carry `recoveryDays`, the time to recover (TTR) is the
/// largest of them, and an item with TTS < TTR needs stock or a second source.
public struct StockpilePlan: Sendable {
    /// How the failed suppliers are chosen.
    public enum Mode: Sendable {
        /// One scenario for every item.
        case scenario(Disruption)
        /// For each item, the loss of its largest supplying country outside the EU (the CRMA
        /// lens): every supplier in that country fails, with the effects further up the chain.
        case worstCountry
    }

    /// One item's line.
    public struct Row: Sendable {
        public let item: ItemID
        /// `req(i)` per year, in the item's unit.
        public let requirement: Double
        public let stock: Double
        public let lostShare: Double
        public let shortfall: Double
        public let target: Double
        /// TTS in days; `.infinity` when nothing is lost or nothing is needed.
        public let daysOfCover: Double
        /// TTR in days: the largest `recoveryDays` among the suppliers of the lost edges, if any.
        public let recoveryDays: Double?
        /// TTS < TTR.
        public var coverBelowRecovery: Bool { recoveryDays.map { daysOfCover < $0 } ?? false }
        /// In `worstCountry` mode, the country whose loss was assumed.
        public let scenarioCountry: Country?
    }

    /// A system's line: the first item of its BOM closure to run out, and when.
    public struct SystemLine: Sendable {
        public let system: ItemID
        /// The item with the shortest days of cover in the closure (if any runs out at all).
        public let firstToRunOut: ItemID?
        /// Its days of cover: the system's time to survive; infinite if nothing runs out.
        public let daysOfCover: Double
    }

    /// The duration `D` in days.
    public let days: Double
    /// One row per item, indexed by `ItemID`.
    public let rows: [Row]
    /// One line per system, in storage order.
    public let systems: [SystemLine]

    /// Computes the table.
    /// - Parameters:
    ///   - days: the duration `D` of the disruption, in days (>= 0).
    ///   - mode: the scenario, or the worst country per item.
    ///   - shares: the normalised shares (``ShareTable``).
    ///   - requirement: the yearly requirement (``Requirement/compute(_:)``).
    /// - Complexity: O(items + edges) for a scenario; O(distinct worst countries · (items +
    ///   edges)) for `worstCountry` (one availability pass per country, at most ~250); plus
    ///   O(Σ closure sizes) for the system lines.
    public init(_ graph: SupplyGraph, days: Double, mode: Mode, shares table: ShareTable, requirement: [Double]) {
        let shares = table.edges
        self.days = days
        var country = [Country?](repeating: nil, count: graph.itemCount)
        var outcomes: [Country?: Availability] = [:]
        switch mode {
        case .scenario(let disruption):
            outcomes[nil] = Availability(graph, disruption: disruption)
        case .worstCountry:
            for item in graph.items {
                let concentration = Concentration(of: item, in: graph, shares: table)
                country[item.index] = concentration.largestNonEUCountry?.country
            }
            for c in Set(country.compactMap { $0 }) {
                outcomes[c] = Availability(graph, failed: graph.supplierCountries.map { $0 == c })
            }
        }
        var rows: [Row] = []
        rows.reserveCapacity(graph.itemCount)
        for item in graph.items {
            let key: Country? = { if case .worstCountry = mode { return country[item.index] } else { return nil } }()
            let req = requirement[item.index], stock = graph.itemStock[item.index]
            var lost = 0.0
            var recovery: Double? = nil
            if let outcome = outcomes[key] {
                for e in graph.supplyEdges(of: item) where !outcome.edgeAvailable[e] {
                    lost += shares[e]
                    if let r = graph.supplierRecoveryDays[graph.edgeSupplier[e].index] { recovery = max(recovery ?? r, r) }
                }
            }
            let shortfall = req * days / 365 * lost
            let rate = req * lost / 365
            rows.append(Row(item: item, requirement: req, stock: stock, lostShare: lost, shortfall: shortfall,
                            target: max(0, shortfall - stock), daysOfCover: rate > 0 ? stock / rate : .infinity,
                            recoveryDays: recovery, scenarioCountry: key))
        }
        self.rows = rows
        systems = graph.items(ofKind: .system).map { system in
            var first: ItemID? = nil
            var cover = Double.infinity
            for item in graph.closure(of: system) {
                let d = rows[item.index].daysOfCover
                guard d.isFinite else { continue }
                if d < cover || (d == cover && first.map { KeyOrder.contract.precedes(graph.itemKeys[item.index], graph.itemKeys[$0.index]) } ?? true) {
                    cover = d
                    first = item
                }
            }
            return SystemLine(system: system, firstToRunOut: first, daysOfCover: cover)
        }
    }
}
