import GraphExport
import RiskAnalysis
import SupplyGraph

extension DiagramMarks {
    /// The marks of a risk diagram: each item's risk flags, the suppliers that are single points
    /// of failure of the drawn `systems` (a focused diagram marks only what stops the system it
    /// draws), the suppliers outside the perimeter, a scenario's losses, and the paths to the
    /// single points of failure when `highlight` is set.
    /// - Parameters:
    ///   - analysis: the figures.
    ///   - systems: the systems drawn.
    ///   - outcome: a scenario's outcome, if one is drawn.
    ///   - highlight: whether to draw the paths to the single points of failure in bold.
    ///   - drawnItems: the items drawn (the paths stay inside them), `nil` for all.
    /// - Complexity: O(items + supply edges + Σ over `systems` of their closures when highlighting).
    public init(_ analysis: SupplyChainAnalysis, systems: [ItemID], outcome: ScenarioOutcome? = nil,
                highlight: Bool = false, drawnItems: [Bool]? = nil) {
        let graph = analysis.graph
        let risk = RiskMarks(analysis, systems: systems, outcome: outcome)
        var items = IDArray<ItemID, ItemMark>(repeating: [], count: graph.itemCount)
        for i in 0..<graph.itemCount {
            let flags = risk.items[i]
            if flags.contains(.singleSource) { items[i].insert(.singleSource) }
            if flags.contains(.suppliedOnlyFromOutside) { items[i].insert(.suppliedOnlyFromOutside) }
            // The Act's benchmark: strategic raw materials only, at any stage (a processed stage
            // modelled as a component counts); other concentrated items are in the report's and
            // the briefing's lists as "concentrated in one third country".
            if flags.contains(.crmaStrategic65) { items[i].insert(.crma65) }
            if risk.unavailable[i] { items[i].insert(.lost) }
        }
        let suppliers = IDArray<SupplierID, SupplierMark>(risk.suppliers.map { flags in
            var mark: SupplierMark = []
            if flags.contains(.singlePointOfFailure) { mark.insert(.singlePointOfFailure) }
            if flags.contains(.failed) { mark.insert(.failed) }
            if flags.contains(.outside) { mark.insert(.outside) }
            return mark
        })
        var paths: Highlight? = nil
        if highlight {
            let p = SinglePointPaths(analysis, systems: systems, drawnItems: drawnItems)
            paths = Highlight(uses: p.uses, supply: p.supply, items: p.items, suppliers: p.suppliers, sourcing: p.sourcing)
        }
        let named = graph.keys(of: systems, by: .natural)
        let meaning = named.count == 1 ? "its loss alone stops \(named[0])"
            : named.count <= 3 ? "its loss alone stops \(named.joined(separator: ", ").replacingLastComma())" : "its loss alone stops a system"
        self.init(items: items, suppliers: suppliers, edgeLost: IDArray(risk.edgeAvailable.map { !$0 }), shares: analysis.shares,
                  highlight: paths, scenario: outcome != nil, singlePointMeaning: meaning,
                  crmaBenchmark: Concentration.crmaBenchmark)
    }
}

extension String {
    /// `a, b, c` as `a, b or c`.
    func replacingLastComma() -> String {
        guard let range = ranges(of: ", ").last else { return self }
        var result = self
        result.replaceSubrange(range, with: " or ")
        return result
    }
}
