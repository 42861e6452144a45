import RiskAnalysis
import SupplyGraph

/// What the options that take ids and codes say about a name the data does not know: the
/// nearest ids (`--without-supplier ampac`, `--items graphite`), the ISO code of a country
/// written by name (`--without-country China`), a country given where a group belongs
/// (`--trusted China`).
enum OptionNames {
    /// `error`'s message, with the hint for the name it is about.
    static func message(_ error: RiskAnalysisError, in graph: SupplyGraph, scenario: Scenario? = nil) -> String {
        var message = error.message
        switch error.code {
        case .unknownCountry:
            if let code = scenario?.withoutCountries.first(where: { isName($0) }), let named = CountryTable.country(named: code) {
                message = "unknown country code '\(code)' (a name, not a code: \(named.name) is '\(named.code)' in ISO 3166-1 alpha-2: did you mean '\(named.code)'?)"
            }
        case .unknownSupplier:
            if let key = scenario?.withoutSuppliers.first(where: { graph.supplier(withKey: $0) == nil }) {
                message += hint(supplierIDs(near: key, in: graph), kind: "supplier")
            }
        case .noItemMatches:
            if let pattern = scenario?.itemPatterns.first(where: { p in !graph.itemKeys.contains { Scenario.glob(p, matches: $0) } }) {
                message += hint(Nearest.names(to: pattern, among: Array(graph.itemKeys)), kind: "item")
            }
        case .unknownGroup:
            if let id = error.message.split(separator: "'").dropFirst().first.map(String.init),
               let country = Country(code: id.uppercased()) ?? CountryTable.country(named: id) {
                message += " — '\(id)' is a country (\(country.code)), not a group: list it in a group of the data's countryGroups"
            }
        default: break
        }
        return message
    }

    /// The supplier ids `key` probably means: those whose name contains it (any case: a
    /// supplier given by its name, `--without-supplier Schrobenhausen`), else the nearest ids.
    static func supplierIDs(near key: String, in graph: SupplyGraph, limit: Int = 3) -> [String] {
        let needle = key.lowercased()
        let byName = graph.suppliers.filter { graph.supplierNames[$0].lowercased().contains(needle) }
            .map { graph.supplierKeys[$0] }.sorted()
        if !byName.isEmpty { return Array(byName.prefix(limit)) }
        return Nearest.names(to: key, among: Array(graph.supplierKeys), limit: limit)
    }

    /// Whether `code` is no ISO code (nor `unknown`) but a country's name.
    static func isName(_ code: String) -> Bool {
        code.lowercased() != "unknown" && Country(code: code.uppercased()) == nil && CountryTable.country(named: code) != nil
            && !["UK", "EL", "EN", "KO", "SP"].contains(code.uppercased())
    }

    private static func hint(_ near: [String], kind: String) -> String {
        near.isEmpty ? "" : " (did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?)"
    }
}
