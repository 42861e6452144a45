import GraphExport
import RiskAnalysis
import SupplyGraph

extension GraphAnnotations {
    /// The figures exported with the graph (`export graphml|json`), as node and edge attributes,
    /// so that Gephi's filters and NetworkX work on them:
    /// - items: `requirement`, `suppliers`, `topCountry`, `topCountryShare`, `coverage`,
    ///   `unattributed`, `hhi`, `nonEUShare`, `nonEUControlledShare`, `nonEUExposure`,
    ///   `euOnlySupplyFraction`, `euOnlySupplyFractionLow`, `euOnlySupplyFractionHigh`,
    ///   `singleSource`, `singleCountry`, `crma65`, `strategic`, `critical`, `crmaStrategic65`;
    ///   systems also `euBuildable`;
    /// - suppliers: `spofOf`, the systems it is a single point of failure of;
    /// - supply edges: `normalisedShare`, `ŵ(e)`.
    /// "EU" stands for the analysis' perimeter (the EU plus any trusted groups).
    /// - Complexity: O(items · e log e + suppliers + supply edges + Σ single points of failure).
    public init(_ analysis: SupplyChainAnalysis) {
        let graph = analysis.graph
        let concentrations = graph.items.map { analysis.concentration(of: $0) }
        func column(_ name: String, _ type: ValueType, _ value: (Int, Concentration) -> Value?) -> Column {
            Column(name, type, concentrations.enumerated().map { value($0, $1) })
        }
        var spofOf = [[String]](repeating: [], count: graph.supplierCount)
        for (system, suppliers) in analysis.singlePointsOfFailure.suppliers {
            for s in suppliers { spofOf[s.index].append(graph.itemKeys[system]) }
        }
        let hasSupply: (Int) -> Bool = { !graph.supplyEdges(of: ItemID($0)).isEmpty }
        self.init(
            items: [
                column("requirement", .double) { i, _ in .number(analysis.requirement[i]) },
                column("suppliers", .int) { _, c in .integer(c.supplierCount) },
                column("topCountry", .string) { _, c in c.topCountry.map { .string($0.country.code) } },
                column("topCountryShare", .double) { _, c in c.topCountry.map { .number($0.share) } },
                column("coverage", .double) { i, _ in .number(analysis.coverage(of: ItemID(i))) },
                column("unattributed", .double) { _, c in .number(c.unattributed) },
                column("hhi", .double) { _, c in .number(c.hhi) },
                column("nonEUShare", .double) { _, c in .number(c.nonEUShare) },
                column("nonEUControlledShare", .double) { i, c in hasSupply(i) ? .number(c.nonEUControlledShare) : nil },
                column("nonEUExposure", .double) { i, _ in .number(analysis.exposure[i]) },
                column("euOnlySupplyFraction", .double) { i, _ in .number(analysis.perimeterSupplyFraction(of: ItemID(i))) },
                column("singleSource", .boolean) { _, c in .bool(c.singleSource) },
                column("singleCountry", .boolean) { _, c in .bool(c.singleCountry) },
                column("euOnlySupplyFractionLow", .double) { i, _ in .number(analysis.perimeterSupplyFractionRange(of: ItemID(i)).lowerBound) },
                column("euOnlySupplyFractionHigh", .double) { i, _ in .number(analysis.perimeterSupplyFractionRange(of: ItemID(i)).upperBound) },
                column("crma65", .boolean) { _, c in .bool(c.crma65) },
                column("strategic", .boolean) { _, c in .bool(c.strategic) },
                column("critical", .boolean) { _, c in .bool(c.critical) },
                column("crmaStrategic65", .boolean) { _, c in .bool(c.crmaStrategic65) },
                column("euBuildable", .boolean) { i, _ in
                    graph.itemKinds[i] == .system ? .bool(analysis.perimeterOnly.isAvailable(ItemID(i))) : nil
                },
            ],
            suppliers: [Column("spofOf", .string, spofOf.map { .strings(KeyOrder.contract.sorted($0)) })],
            supplyEdges: [Column("normalisedShare", .double, analysis.shares.map { .number($0) })])
    }
}
