import RiskAnalysis
import SupplyGraph

/// The risk report of DESIGN §4 in its four forms: JSON (the machine contract), CSV (one row
/// per item), Markdown and a terminal table.
public struct RiskReport: Sendable {
    /// The figures.
    public let analysis: SupplyChainAnalysis
    /// The items reported, sorted by id (all, or one system's BOM closure).
    public let items: [ItemID]
    /// The systems reported, sorted by id.
    public let systems: [ItemID]
    /// The chokepoints, most weighty first.
    public let chokepoints: [ChokepointFinding]
    /// The system the report is narrowed to, if any.
    public let focus: ItemID?

    /// Assembles a report, optionally narrowed to one system and its BOM closure.
    /// - Complexity: O(items · systems/64) for the chokepoints, plus sorting by id.
    public init(_ analysis: SupplyChainAnalysis, focus: ItemID? = nil) {
        self.analysis = analysis
        self.focus = focus
        let graph = analysis.graph
        let scope: Set<ItemID>? = focus.map { Set(graph.closure(of: $0)) }
        let byKey: (ItemID, ItemID) -> Bool = {
            graph.itemKeys[$0.index].utf8.lexicographicallyPrecedes(graph.itemKeys[$1.index].utf8)
        }
        // Sorting 10^6 ids and finding the chokepoints are independent: two cores.
        (items, chokepoints) = bothInParallel({
            (scope.map(Array.init) ?? Array(graph.items)).sorted {
                graph.itemKeys[$0.index].utf8.lexicographicallyPrecedes(graph.itemKeys[$1.index].utf8)
            }
        }, { analysis.chokepoints(scope: scope) })
        systems = analysis.systems.filter { scope?.contains($0) ?? true }.sorted(by: byKey)
    }

    // MARK: - Shared wording

    /// The figures of one item, as every format shows them.
    struct ItemRow {
        let id: ItemID
        let concentration: Concentration
        let coverage: Double
        let exposure: Double
        let requirement: Double
        var isFlagged: Bool {
            concentration.singleSource || concentration.crma65
                || (concentration.supplierCount > 0 && concentration.nonEUShare >= 1 - 1e-9)
        }
    }

    func row(_ item: ItemID) -> ItemRow {
        ItemRow(id: item, concentration: analysis.concentration(of: item), coverage: analysis.coverage(of: item),
                exposure: analysis.exposure[item.index], requirement: analysis.requirement[item.index])
    }

    func sortedSupplierKeys(_ ids: [SupplierID]) -> [String] {
        ids.map { analysis.graph.supplierKeys[$0.index] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The perimeter in words: `EU` or `EU + NATO + trusted`.
    public var perimeterName: String {
        (["EU"] + analysis.perimeter.trustedGroups.map(\.id)).joined(separator: " + ")
    }

    /// Suppliers with no country (data gaps), sorted by id.
    public var unknownOriginSuppliers: [String] {
        let graph = analysis.graph
        return graph.suppliers.filter { !graph.supplierCountries[$0.index].isKnown }
            .map { graph.supplierKeys[$0.index] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Items with neither supplier nor inputs (unmapped leaves), sorted by id.
    public var unmappedItems: [String] {
        let graph = analysis.graph
        return items.filter { graph.supplyEdges(of: $0).isEmpty && graph.children(of: $0).isEmpty }
            .map { graph.itemKeys[$0.index] }
    }

    /// One line saying why a finding is a chokepoint.
    public func explanation(of finding: ChokepointFinding) -> String {
        let graph = analysis.graph
        let systemNames = finding.systems.map { graph.itemKeys[$0.index] }.sorted()
        let list = systemNames.count > 4 ? systemNames.prefix(4).joined(separator: ", ") + ", +\(systemNames.count - 4) more"
            : systemNames.joined(separator: ", ")
        var parts: [String] = []
        for reason in finding.reasons {
            switch reason {
            case .singleSource(let s):
                let country = graph.supplierCountries[s.index]
                parts.append("single source: \(graph.supplierKeys[s.index]) (\(country.code))")
            case .nonEUOnly:
                parts.append("all supply from outside \(perimeterName)")
            case .crma65(let country, let share):
                parts.append("\(country.code) holds \(percent(share)) (CRMA benchmark 65 %)")
            case .singlePointOfFailure:
                switch finding.subject {
                case .country(let c) where c.isEU: parts.append("losing all suppliers in \(c.name) stops \(list)")
                case .country(let c): parts.append("losing all suppliers in \(c.name) stops \(list)")
                default: parts.append("its loss alone stops \(list)")
                }
            }
        }
        if case .item = finding.subject { parts.append("needed by \(list)") }
        return parts.joined(separator: "; ")
    }

    /// The subject of a finding: `item gallium-processing`, `supplier x (US)`, `country CN`.
    public func subjectName(of finding: ChokepointFinding) -> String {
        let graph = analysis.graph
        switch finding.subject {
        case .item(let i): return "\(graph.itemKinds[i.index]) \(graph.itemKeys[i.index])"
        case .supplier(let s): return "supplier \(graph.supplierKeys[s.index]) (\(graph.supplierCountries[s.index].code))"
        case .country(let c): return "country \(c.code)"
        }
    }
}

/// `0.773` as `77.3 %`.
func percent(_ x: Double) -> String {
    let tenths = (x * 1000).rounded() / 10
    return tenths == tenths.rounded() ? "\(Int(tenths)) %" : "\(tenths) %"
}

/// A number for people: integers plain, others with up to 3 significant decimals.
func humanNumber(_ x: Double) -> String {
    guard x.isFinite else { return "∞" }
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    let magnitude = abs(x)
    let digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.01 ? 4 : 6
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    return rounded.description
}
