import GraphExport
import RiskAnalysis
import SupplyGraph

/// The risk report in its four forms (the JSON: the article "The JSON contracts"): JSON (the machine contract), CSV (one row
/// per item), Markdown and a terminal table. It reads the figures of a
/// `SupplyChainAnalysis` and decides nothing itself.
public struct RiskReport: Sendable {
    /// The figures (scoped to one system when the analysis is).
    public let analysis: SupplyChainAnalysis
    /// Where the data comes from.
    public let context: ReportContext
    /// The items reported, sorted by id: all, or the scope system's BOM closure.
    public let items: [ItemID]
    /// The systems reported, sorted by id.
    public let systems: [ItemID]
    /// The chokepoints, most weighty first.
    public let chokepoints: [ChokepointFinding]
    /// The hidden single points of failure of each system that has any.
    public let hiddenSinglePoints: [ItemID: [HiddenSinglePoint]]
    /// Each system's position in natural id order, and in contract (byte) order.
    let naturalRank: [ItemID: Int]
    let contractRank: [ItemID: Int]

    /// Assembles a report.
    /// - Complexity: O(items · systems/64) for the chokepoints, plus sorting by id.
    public init(_ analysis: SupplyChainAnalysis, context: ReportContext) {
        self.analysis = analysis
        self.context = context
        // Sorting 10^6 ids and finding the chokepoints are independent: two cores.
        let (sorted, found) = bothInParallel({ (analysis.items, analysis.hiddenSinglePointsOfSystems()) }, { analysis.chokepoints() })
        (items, hiddenSinglePoints) = sorted
        chokepoints = found
        systems = analysis.graph.sorted(analysis.systems)
        contractRank = Dictionary(uniqueKeysWithValues: systems.enumerated().map { ($1, $0) })
        naturalRank = Dictionary(uniqueKeysWithValues: analysis.graph.sorted(analysis.systems, by: .natural).enumerated().map { ($1, $0) })
    }

    /// The ids of `systems` in contract order, by rank.
    /// - Complexity: O(s log s) integer comparisons.
    func contractKeys(of systems: [ItemID]) -> [String] {
        systems.sorted { contractRank[$0, default: 0] < contractRank[$1, default: 0] }.map { analysis.graph.itemKeys[$0] }
    }

    /// The system the report is narrowed to, if any.
    /// - Complexity: O(1).
    public var focus: ItemID? { analysis.scope }

    // MARK: - Shared wording

    /// The figures of one item, as every format shows them.
    struct ItemRow {
        let id: ItemID
        let concentration: Concentration
        let coverage: Double
        let exposure: Double
        let requirement: Double
        let euOnlySupplyFraction: Double
        let euOnlySupplyFractionRange: ClosedRange<Double>
    }

    func row(_ item: ItemID) -> ItemRow {
        ItemRow(id: item, concentration: analysis.concentration(of: item), coverage: analysis.coverage(of: item),
                exposure: analysis.exposure[item], requirement: analysis.requirement[item],
                euOnlySupplyFraction: analysis.perimeterSupplyFraction(of: item),
                euOnlySupplyFractionRange: analysis.perimeterSupplyFractionRange(of: item))
    }

    /// A supplier in words: `x (US)`, or `country aggregate x (CN)` for a statistics row.
    /// - Complexity: O(1).
    func supplierName(_ s: SupplierID) -> String {
        let graph = analysis.graph
        return (graph.supplierIsAggregate[s] ? "country aggregate " : "") + "\(graph.supplierKeys[s]) (\(graph.supplierCountries[s].code))"
    }

    /// A country single point of failure in words: `country CN`, `country NL (home)`.
    /// - Complexity: O(1).
    func countryName(_ c: Country) -> String {
        "country \(c.code)" + (c == analysis.home ? " (home)" : "")
    }

    /// The perimeter in words: `EU` or `EU+NATO+trusted`.
    /// - Complexity: O(1).
    public var perimeterName: String { analysis.perimeter.label }

    /// The suppliers of the items in scope, sorted by id.
    /// - Complexity: O(items in scope + their supply edges).
    public var suppliersInScope: [SupplierID] {
        let graph = analysis.graph
        guard focus != nil else { return Array(graph.suppliers) }
        var seen = [Bool](repeating: false, count: graph.supplierCount)
        for item in items { for e in graph.supplyEdges(of: item) { seen[graph.edgeSupplier[e].index] = true } }
        return graph.suppliers.filter { seen[$0.index] }
    }

    /// Suppliers in scope with no country (data gaps), sorted by id.
    /// - Complexity: O(s log s) for the suppliers in scope.
    public var unknownOriginSuppliers: [String] {
        let graph = analysis.graph
        return graph.keys(of: suppliersInScope.filter { !graph.supplierCountries[$0].isKnown })
    }

    /// Suppliers in scope whose country is inferred from their NCAGE/CAGE code (not given in the
    /// data), sorted by id.
    /// - Complexity: O(s log s) for the suppliers in scope.
    public var inferredCountrySuppliers: [String] {
        let graph = analysis.graph
        return graph.keys(of: suppliersInScope.filter { graph.supplierCountryInferred[$0] })
    }

    /// Items in scope with neither supplier nor inputs (unmapped leaves), sorted by id.
    /// - Complexity: O(items in scope).
    public var unmappedItems: [String] {
        let graph = analysis.graph
        return items.filter(graph.isUnmapped).map { graph.itemKeys[$0] }
    }

    /// Items in scope whose given shares leave part of their supply unattributed, sorted by id.
    /// - Complexity: O(items in scope).
    public var partlyAttributedItems: [String] {
        let graph = analysis.graph
        return items.filter { Tolerance.isPositive(analysis.unattributed(of: $0)) }.map { graph.itemKeys[$0] }
    }

    /// One line saying why a finding is a chokepoint.
    /// - Complexity: O(s log s) for the finding's s systems.
    public func explanation(of finding: ChokepointFinding) -> String {
        let graph = analysis.graph
        // The first four systems in natural order, by rank: no string comparison per finding.
        let firsts = finding.systems.count <= 4 ? finding.systems : Array(finding.systems.sorted { naturalRank[$0, default: 0] < naturalRank[$1, default: 0] }.prefix(4))
        let systemNames = graph.keys(of: firsts, by: .natural)
        let list = finding.systems.count > 4 ? systemNames.joined(separator: ", ") + ", +\(finding.systems.count - 4) more"
            : systemNames.joined(separator: ", ")
        var parts: [String] = []
        for reason in finding.reasons {
            switch reason {
            case .singleSource(let s):
                parts.append("single source: \(supplierName(s))")
            case .nonEUOnly:
                parts.append("all supply from outside \(perimeterName)")
            case .crmaStrategic65(let country, let share):
                parts.append("\(country.code) holds \(DisplayNumber.percent(share)) of the supply in the data (CRMA 65 % benchmark)")
            case .crma65(let country, let share):
                parts.append("\(country.code) holds \(DisplayNumber.percent(share)) of the supply in the data (concentrated in one third country)")
            case .singlePointOfFailure:
                switch finding.subject {
                case .country(let c): parts.append("losing all suppliers in \(c.name) stops \(list)")
                default: parts.append("its loss alone stops \(list)")
                }
            }
        }
        if case .item = finding.subject { parts.append("needed by \(list)") }
        return parts.joined(separator: "; ")
    }

    /// The subject of a finding: `item gallium-processing`, `supplier x (US)`, `country CN`.
    /// - Complexity: O(1).
    public func subjectName(of finding: ChokepointFinding) -> String {
        let graph = analysis.graph
        switch finding.subject {
        case .item(let i): return "\(graph.itemKinds[i]) \(graph.itemKeys[i])"
        case .supplier(let s): return graph.supplierIsAggregate[s] ? supplierName(s) : "supplier \(supplierName(s))"
        case .country(let c): return "country \(c.code)"
        }
    }

    /// Whether any system in scope has a weight other than 1 (the ranking then shows it).
    var weightsDiffer: Bool { systems.contains { analysis.graph.itemWeight[$0] != 1 } }
}
