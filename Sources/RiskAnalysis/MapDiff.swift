import SupplyGraph

/// What changed between two data drops of a supply map (`diff`; the article "The briefing and the diff"): the risk findings
/// that appeared or went away, the systems that lost or gained EU-buildability, the systems
/// whose EU-only supply fraction `φ` moved, the items and suppliers added or removed, and the
/// country shares that moved by more than a threshold.
///
/// Both maps are compared by their ids (the two graphs number their items differently), each
/// with its own figures computed by ``SupplyChainAnalysis`` under the same perimeter. The rules:
/// - **Single sources** (`SupplyGraph.isSingleSourced(_:)`): `new` = the items with one
///   supplier in the new map that had not one in
///   the old (an item added with one supplier counts); `resolved` = the other way round (an
///   item removed that had one counts; it is listed under ``removedItems`` too).
/// - **Single points of failure**: the same, for (system, supplier) and (system, country)
///   pairs of ``SinglePointsOfFailure``.
/// - **EU-buildable** (``SupplyChainAnalysis/SystemFigures/euBuildable``): only systems in both
///   maps; `lost` = buildable before, not now.
/// - **Newly crippled**: systems in both maps whose EU-only state
///   (``SupplyChainAnalysis/SystemFigures/euOnlyState``, with the new analysis's `critical`)
///   is `falls` or `crippled` in the new map and neither in the old.
/// - **EU-only supply fraction**: systems in both maps whose `φ` moved by more than the
///   threshold (``Tolerance/figure`` added, so rounding noise never counts).
/// - **Share shifts**: items in both maps; every key of the country shares `cs(i, c)`
///   (`Country.unknown` included) whose share moved by more than the threshold, a key missing
///   on one side counting as 0. A shift moves supply outward (``ShareShift/movesOutward``)
///   when a key outside the new map's perimeter (``Perimeter/isOutside(_:)``: with `--trusted
///   NATO`, NATO members are inside) gains, or a key inside loses.
///
/// - **Data lost** (``DataLoss``): the new map's systems that have no BOM line though they
///   had one in the old map, and whether the new map has fewer than half the old map's BOM or
///   supply lines — said before every other change, since it makes risks look resolved.
///
/// Example: the new drop adds a second gallium refiner in DE with 30 % and the Chinese share
/// falls from 0.989 to 0.69: `shareShifts` holds (gallium-high-purity, CN, 0.989, 0.69) and
/// (gallium-high-purity, DE, 0, 0.3); a map compared with itself is an empty diff.
public struct MapDiff: Sendable {
    /// A single point of failure: a system and the supplier (by id) or country (by code) whose
    /// loss alone stops it.
    public struct SinglePoint: Sendable, Hashable {
        /// The system's id.
        public let system: String
        /// The supplier's id, for a supplier.
        public let supplier: String?
        /// The country's code, for a country.
        public let country: String?
    }

    /// A country share of an item that moved.
    public struct ShareShift: Sendable, Equatable {
        /// The item's id.
        public let item: String
        /// The country, or `Country.unknown` (unknown origin and unattributed supply).
        public let country: Country
        /// `cs(i, c)` in the old map (0 if the key was not there).
        public let old: Double
        /// `cs(i, c)` in the new map.
        public let new: Double
        /// Whether the country lies outside the perimeter (``Perimeter/isOutside(_:)``).
        public let isOutside: Bool

        /// Whether the shift moves supply outward: an outside key gained, or an inside key lost.
        /// - Complexity: O(1).
        public var movesOutward: Bool { isOutside == (new > old) }
    }

    /// A system whose EU-only supply fraction moved.
    public struct SupplyFractionShift: Sendable, Equatable {
        /// The system's id.
        public let system: String
        /// Its `φ` on EU-only supply in the old map.
        public let old: Double
        /// The same in the new map.
        public let new: Double
    }

    /// What the new drop lost of its data: a drop that lost its BOM or its supply lines reads
    /// as good news (single points of failure "resolved", systems "buildable" on nothing), so
    /// the diff says so first.
    /// - `systemsWithoutBOM`: the new map's systems with no BOM line (the `empty-table` case
    ///   when none has one), by id;
    /// - `lostMostBOMLines` / `lostMostSupplyLines`: the new map has fewer than half the old
    ///   map's BOM (supply) lines.
    public struct DataLoss: Sendable, Equatable {
        /// The new map's systems with no BOM line (ids, sorted).
        public let systemsWithoutBOM: [String]
        /// The systems of `systemsWithoutBOM` that had BOM lines in the old map (ids, sorted).
        public let newlyWithoutBOM: [String]
        /// BOM lines (uses edges) in the old and the new map.
        public let bomLines: (old: Int, new: Int)
        /// Supply lines in the old and the new map.
        public let supplyLines: (old: Int, new: Int)

        /// Whether the new map has fewer than half the old map's BOM lines.
        /// - Complexity: O(1).
        public var lostMostBOMLines: Bool { bomLines.new * 2 < bomLines.old }
        /// Whether the new map has fewer than half the old map's supply lines.
        /// - Complexity: O(1).
        public var lostMostSupplyLines: Bool { supplyLines.new * 2 < supplyLines.old }
        /// Whether there is anything to warn of: a system that lost its BOM, or most BOM or supply lines lost.
        /// - Complexity: O(1).
        public var isEmpty: Bool { newlyWithoutBOM.isEmpty && !lostMostBOMLines && !lostMostSupplyLines }

        /// Equal when every figure is.
        /// - Complexity: O(systems listed).
        public static func == (a: DataLoss, b: DataLoss) -> Bool {
            a.systemsWithoutBOM == b.systemsWithoutBOM && a.newlyWithoutBOM == b.newlyWithoutBOM
                && a.bomLines == b.bomLines && a.supplyLines == b.supplyLines
        }
    }

    /// The threshold for share and `φ` shifts.
    public let threshold: Double
    /// What the new drop lost of its data (warned of before every other change).
    public let dataLoss: DataLoss
    /// What counts as inside: the new map's perimeter (both maps are analysed under the same).
    public let perimeter: Perimeter
    /// Items single-sourced now that were not (ids, sorted).
    public let newSingleSources: [String]
    /// Items single-sourced before that are not now (ids, sorted).
    public let resolvedSingleSources: [String]
    /// Single points of failure now that were not (by system, suppliers before countries).
    public let newSinglePointsOfFailure: [SinglePoint]
    /// Single points of failure before that are not now.
    public let resolvedSinglePointsOfFailure: [SinglePoint]
    /// Systems buildable on EU (perimeter) supply before, not now.
    public let lostEUBuildable: [String]
    /// Systems not buildable on EU supply before, buildable now.
    public let gainedEUBuildable: [String]
    /// Systems that fall or are crippled on EU (perimeter) supply alone in the new map and did
    /// neither in the old (systems in both maps; ids, sorted).
    public let newlyCrippled: [String]
    /// Systems whose EU-only supply fraction moved by more than the threshold, by id.
    public let supplyFractionShifts: [SupplyFractionShift]
    /// Item ids only in the new map.
    public let addedItems: [String]
    /// Item ids only in the old map.
    public let removedItems: [String]
    /// Supplier ids only in the new map.
    public let addedSuppliers: [String]
    /// Supplier ids only in the old map.
    public let removedSuppliers: [String]
    /// Country shares that moved by more than the threshold, by item, then country code.
    public let shareShifts: [ShareShift]
    /// With sanctions lists: the suppliers sanctioned in the new map that were not in the old
    /// (absent from it, or not sanctioned there), by id; `nil` when the maps were not screened.
    public var newlySanctioned: [String]? = nil

    /// The suppliers sanctioned in `new` and not in `old`, by id (in the JSON contract's order).
    /// - Complexity: O(suppliers of both maps).
    public static func newlySanctioned(old: Screening, new: Screening, oldGraph: SupplyGraph, newGraph: SupplyGraph) -> [String] {
        let was = Set(oldGraph.suppliers.filter { old.sanctionedSuppliers[$0.index] }.map { oldGraph.supplierKeys[$0] })
        return KeyOrder.contract.sorted(newGraph.suppliers.filter { new.sanctionedSuppliers[$0.index] }
            .map { newGraph.supplierKeys[$0] }.filter { !was.contains($0) })
    }

    /// The default threshold: five percentage points.
    public static let defaultThreshold = 0.05

    /// Compares two maps.
    /// - Parameters:
    ///   - old: the figures of the earlier data drop.
    ///   - new: the figures of the later one (same perimeter).
    ///   - threshold: how far a share or a `φ` must move to be listed (0..1).
    /// - Complexity: O(items + suppliers + edges of both maps), plus the figures already
    ///   computed by the analyses and the sorts.
    public init(old: SupplyChainAnalysis, new: SupplyChainAnalysis, threshold: Double = MapDiff.defaultThreshold) {
        self.threshold = threshold
        perimeter = new.perimeter
        let order = KeyOrder.contract
        func sorted(_ keys: Set<String>) -> [String] { order.sorted(keys) }

        let oldItems = Set(old.graph.itemKeys), newItems = Set(new.graph.itemKeys)
        addedItems = sorted(newItems.subtracting(oldItems))
        removedItems = sorted(oldItems.subtracting(newItems))
        let oldSuppliers = Set(old.graph.supplierKeys), newSuppliers = Set(new.graph.supplierKeys)
        addedSuppliers = sorted(newSuppliers.subtracting(oldSuppliers))
        removedSuppliers = sorted(oldSuppliers.subtracting(newSuppliers))

        func withoutBOM(_ a: SupplyChainAnalysis) -> Set<String> {
            Set(a.graph.items(ofKind: .system).filter { a.graph.usesEdges(of: $0).isEmpty }.map { a.graph.itemKeys[$0] })
        }
        let bare = withoutBOM(new), bareBefore = withoutBOM(old)
        dataLoss = DataLoss(systemsWithoutBOM: sorted(bare),
                            newlyWithoutBOM: sorted(bare.subtracting(bareBefore).intersection(oldItems)),
                            bomLines: (old.graph.usesEdgeCount, new.graph.usesEdgeCount),
                            supplyLines: (old.graph.supplyEdgeCount, new.graph.supplyEdgeCount))

        let oldSingle = Self.singleSources(old), newSingle = Self.singleSources(new)
        newSingleSources = sorted(newSingle.subtracting(oldSingle))
        resolvedSingleSources = sorted(oldSingle.subtracting(newSingle))

        let oldPoints = Self.singlePoints(old), newPoints = Self.singlePoints(new)
        newSinglePointsOfFailure = Self.sorted(newPoints.subtracting(oldPoints))
        resolvedSinglePointsOfFailure = Self.sorted(oldPoints.subtracting(newPoints))

        var lost: [String] = [], gained: [String] = [], shifts: [SupplyFractionShift] = [], crippled: [String] = []
        var newSystems = [String: ItemID](minimumCapacity: new.systems.count)
        for system in new.systems { newSystems[new.graph.itemKeys[system]] = system }
        for system in old.systems {
            let key = old.graph.itemKeys[system]
            guard let other = newSystems[key] else { continue }
            let before = old.figures(ofSystem: system), after = new.figures(ofSystem: other)
            if before.euBuildable && !after.euBuildable { lost.append(key) }
            if !before.euBuildable && after.euBuildable { gained.append(key) }
            if after.euOnlyState.fallsOrCrippled && !before.euOnlyState.fallsOrCrippled { crippled.append(key) }
            if Self.moved(before.euOnlySupplyFraction, after.euOnlySupplyFraction, by: threshold) {
                shifts.append(SupplyFractionShift(system: key, old: before.euOnlySupplyFraction, new: after.euOnlySupplyFraction))
            }
        }
        lostEUBuildable = order.sorted(lost)
        gainedEUBuildable = order.sorted(gained)
        newlyCrippled = order.sorted(crippled)
        supplyFractionShifts = shifts.sorted { order.precedes($0.system, $1.system) }

        var shareShifts: [ShareShift] = []
        var newIndex = [String: ItemID](minimumCapacity: new.graph.itemCount)
        for item in new.graph.items { newIndex[new.graph.itemKeys[item]] = item }
        for item in old.graph.items {
            let key = old.graph.itemKeys[item]
            guard let other = newIndex[key] else { continue }
            var before = [Country: Double](), after = [Country: Double]()
            for (country, share) in old.concentration(of: item).countryShares { before[country, default: 0] += share }
            for (country, share) in new.concentration(of: other).countryShares { after[country, default: 0] += share }
            for country in Set(before.keys).union(after.keys) {
                let a = before[country] ?? 0, b = after[country] ?? 0
                if Self.moved(a, b, by: threshold) {
                    shareShifts.append(ShareShift(item: key, country: country, old: a, new: b, isOutside: perimeter.isOutside(country)))
                }
            }
        }
        self.shareShifts = shareShifts.sorted {
            $0.item != $1.item ? order.precedes($0.item, $1.item) : order.precedes($0.country.code, $1.country.code)
        }
    }

    /// Whether nothing changed: every list is empty.
    /// - Complexity: O(1).
    public var isEmpty: Bool {
        dataLoss.isEmpty && newSingleSources.isEmpty && resolvedSingleSources.isEmpty && newSinglePointsOfFailure.isEmpty
            && resolvedSinglePointsOfFailure.isEmpty && lostEUBuildable.isEmpty && gainedEUBuildable.isEmpty && newlyCrippled.isEmpty
            && supplyFractionShifts.isEmpty && addedItems.isEmpty && removedItems.isEmpty && addedSuppliers.isEmpty
            && removedSuppliers.isEmpty && shareShifts.isEmpty
    }

    /// `|new − old| > threshold + ε`.
    static func moved(_ old: Double, _ new: Double, by threshold: Double) -> Bool {
        abs(new - old) > threshold + Tolerance.figure
    }

    /// The ids of the single-sourced items.
    static func singleSources(_ analysis: SupplyChainAnalysis) -> Set<String> {
        let graph = analysis.graph
        return Set(graph.items.filter(graph.isSingleSourced).map { graph.itemKeys[$0] })
    }

    /// The single points of failure of every system, by id.
    static func singlePoints(_ analysis: SupplyChainAnalysis) -> Set<SinglePoint> {
        let graph = analysis.graph
        var result = Set<SinglePoint>()
        for system in analysis.systems {
            let key = graph.itemKeys[system]
            for s in analysis.singlePointsOfFailure.suppliers[system] ?? [] {
                result.insert(SinglePoint(system: key, supplier: graph.supplierKeys[s], country: nil))
            }
            for c in analysis.singlePointsOfFailure.countries[system] ?? [] {
                result.insert(SinglePoint(system: key, supplier: nil, country: c.code))
            }
        }
        return result
    }

    /// By system, then suppliers before countries, then id or code.
    static func sorted(_ points: Set<SinglePoint>) -> [SinglePoint] {
        let order = KeyOrder.contract
        return points.sorted { a, b in
            if a.system != b.system { return order.precedes(a.system, b.system) }
            if (a.supplier == nil) != (b.supplier == nil) { return a.supplier != nil }
            return order.precedes(a.supplier ?? a.country ?? "", b.supplier ?? b.country ?? "")
        }
    }
}
