import OutputFormats
import GraphExport
import RiskAnalysis
import SupplyGraph

extension RiskReport {
    /// The CSV columns before the country shares, in order (documented in `report --help`).
    public static let csvColumns = [
        "id", "kind", "name", "unit", "suppliers", "singleSource", "singleCountry", "topCountry", "topCountryShare",
        "coverage", "unattributed", "hhi", "supplierHHI", "nonEUShare", "nonEUControlledShare", "nonEUExposure",
        "euOnlySupplyFraction", "crma65", "requirement", "demand", "stock", "systems",
        "euOnlySupplyFractionLow", "euOnlySupplyFractionHigh", "commodity", "strategic", "critical", "crmaStrategic65",
    ]

    /// The CSV report: one row per item with every item figure, the systems whose BOM holds it
    /// (space-separated ids), then one `share_CC` column per country that supplies an item in
    /// scope (code order, `share_unknown` last: unknown origin and the unattributed share), so a
    /// spreadsheet can filter and sum by country.
    /// - Complexity: O(items · (countries + systems above)).
    public func writeCSV(to write: (String) -> Void) {
        let graph = analysis.graph
        var countries = Set<Country>()
        for item in items {
            for e in graph.supplyEdges(of: item) { countries.insert(graph.supplierCountries[graph.edgeSupplier[e].index]) }
            if Tolerance.isPositive(analysis.unattributed(of: item)) { countries.insert(.unknown) }
        }
        let columns = countries.sorted()
        var csv = CSVWriter(header: Self.csvColumns + columns.map { "share_\($0.code)" })
        let above = analysis.systems(above: items)
        for (k, item) in items.enumerated() {
            let r = row(item)
            let c = r.concentration
            let top = c.topCountry
            var shares = [CSVField](repeating: "", count: columns.count)
            for entry in c.countryShares {
                if let slot = columns.firstIndex(of: entry.country) { shares[slot] = CSVWriter.number(entry.share) }
            }
            csv.append([
                .text(graph.itemKeys[item]), .text(graph.itemKinds[item].description), .text(graph.itemNames[item]),
                .text(graph.itemUnits[item]), .number(Double(c.supplierCount)), .text(String(c.singleSource)), .text(String(c.singleCountry)),
                .text(top?.country.code ?? ""), top.map { CSVWriter.number($0.share) } ?? "",
                CSVWriter.number(r.coverage), CSVWriter.number(c.unattributed),
                CSVWriter.number(c.hhi), CSVWriter.number(c.supplierHHI), CSVWriter.number(c.nonEUShare),
                CSVWriter.number(c.nonEUControlledShare), CSVWriter.number(r.exposure),
                CSVWriter.number(r.euOnlySupplyFraction), .text(String(c.crma65)), CSVWriter.number(r.requirement),
                CSVWriter.number(graph.itemDemand[item]), CSVWriter.number(graph.itemStock[item]),
                .text(graph.keys(of: above[k]).joined(separator: " ")),
                CSVWriter.number(r.euOnlySupplyFractionRange.lowerBound), CSVWriter.number(r.euOnlySupplyFractionRange.upperBound),
                .text(graph.itemCommodity[item] ?? ""), .text(String(c.strategic)), .text(String(c.critical)), .text(String(c.crmaStrategic65)),
            ] + shares)
            if csv.text.utf8.count > 1 << 16 { write(csv.flush()) }
        }
        write(csv.text)
    }
}
