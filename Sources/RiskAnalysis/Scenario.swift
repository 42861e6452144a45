import SupplyGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A disruption as the analyst states it: the suppliers, countries and groups that fail,
/// optionally only for chosen items, optionally through ownership as well.
///
/// Built from the command line's `--without-supplier`, `--without-country`, `--without-group`,
/// `--only-group`, `--items` and `--by-control`; ``disruption(in:)`` resolves it against a
/// graph. A supplier fails if any part names it:
/// - `--without-country CC`: its country is `CC` (`unknown`: it has no country);
/// - `--without-group G`: its country is in `G`;
/// - `--only-group G`: its country is in none of the groups (unknown origin never is);
/// - with `--by-control`, the same tests also apply to its controller (`SupplyGraph.controller(of:)`);
/// - `--items P,P`: only the supply edges into items whose id matches a glob fail.
public struct Scenario: Sendable, Equatable {
    /// Supplier ids that fail.
    public var withoutSuppliers: [String] = []
    /// Country codes whose suppliers all fail; `unknown` names the suppliers of unknown origin.
    public var withoutCountries: [String] = []
    /// Groups whose suppliers all fail.
    public var withoutGroups: [String] = []
    /// Groups outside all of which every supplier fails (`EU`: the EU-only scenario).
    public var onlyGroups: [String] = []
    /// Glob patterns (`*`, `?`, `[...]`) on item ids: when given, only the supply edges into
    /// matching items fail (an embargo on chosen items).
    public var itemPatterns: [String] = []
    /// Whether a country cut off also fails the suppliers controlled from it.
    public var byControl = false

    /// The empty scenario.
    /// - Complexity: O(1).
    public init() {}

    /// A scenario from its parts.
    /// - Complexity: O(1).
    public init(withoutSuppliers: [String] = [], withoutCountries: [String] = [], withoutGroups: [String] = [],
                onlyGroups: [String] = [], itemPatterns: [String] = [], byControl: Bool = false) {
        self.withoutSuppliers = withoutSuppliers
        self.withoutCountries = withoutCountries
        self.withoutGroups = withoutGroups
        self.onlyGroups = onlyGroups
        self.itemPatterns = itemPatterns
        self.byControl = byControl
    }

    /// Whether nothing fails.
    /// - Complexity: O(1).
    public var isEmpty: Bool {
        withoutSuppliers.isEmpty && withoutCountries.isEmpty && withoutGroups.isEmpty && onlyGroups.isEmpty
    }

    /// Whether the scenario fails unknown origin (and so the unattributed shares):
    /// `--without-country unknown` and `--only-group` do; the other parts do not.
    /// - Complexity: O(countries named).
    public var failsUnknownOrigin: Bool {
        !onlyGroups.isEmpty || withoutCountries.contains { $0.lowercased() == "unknown" }
    }

    /// The scenario resolved against `graph`.
    /// - Throws: ``RiskAnalysisError`` for an unknown supplier, country or group, or a pattern
    ///   that matches no item.
    /// - Complexity: O(suppliers · named groups + items · patterns).
    public func disruption(in graph: SupplyGraph) throws(RiskAnalysisError) -> Disruption {
        Disruption(failedSuppliers: try failedSuppliers(in: graph), embargoedItems: try embargoedItems(in: graph),
                   failsUnknownOrigin: failsUnknownOrigin)
    }

    /// The scenario with its names as the outputs show them: country codes in capitals (`cn`
    /// becomes `CN`, `Unknown` becomes `unknown`) and group ids as the data (or the built-in
    /// groups) spell them (`eu` becomes `EU`). A name that does not resolve is kept as given
    /// (``disruption(in:)`` rejects it).
    /// - Complexity: O(names given · groups).
    public func normalized(in graph: SupplyGraph) -> Scenario {
        var copy = self
        copy.withoutCountries = withoutCountries.map { code in
            if code.lowercased() == "unknown" { return "unknown" }
            return Country(code: code.uppercased()) != nil ? code.uppercased() : code
        }
        func groupID(_ id: String) -> String { (try? Scenario.group(id, in: graph))?.id ?? id }
        copy.withoutGroups = withoutGroups.map(groupID)
        copy.onlyGroups = onlyGroups.map(groupID)
        return copy
    }

    /// The failed suppliers of `graph`.
    /// - Throws: ``RiskAnalysisError`` for an unknown supplier, country or group.
    /// - Complexity: O(suppliers · named groups).
    public func failedSuppliers(in graph: SupplyGraph) throws(RiskAnalysisError) -> IDArray<SupplierID, Bool> {
        var failed = IDArray<SupplierID, Bool>(repeating: false, count: graph.supplierCount)
        for key in withoutSuppliers {
            guard let s = graph.supplier(withKey: key) else {
                throw RiskAnalysisError(.unknownSupplier, "unknown supplier '\(key)'")
            }
            failed[s.index] = true
        }
        var countries = CountrySet()
        var unknown = false
        for code in withoutCountries {
            if code.lowercased() == "unknown" { unknown = true; continue }
            countries.insert(try Scenario.country(code))
        }
        let without = try withoutGroups.map { (id: String) throws(RiskAnalysisError) in try Scenario.group(id, in: graph) }
        let only = try onlyGroups.map { (id: String) throws(RiskAnalysisError) in try Scenario.group(id, in: graph) }
        func cutOff(_ country: Country) -> Bool {
            if !country.isKnown { return unknown || !only.isEmpty }
            return countries.contains(country) || without.contains { $0.contains(country) }
                || (!only.isEmpty && !only.contains { $0.contains(country) })
        }
        for s in graph.suppliers where !failed[s.index] {
            failed[s.index] = cutOff(graph.supplierCountries[s]) || (byControl && cutOff(graph.controller(of: s)))
        }
        return failed
    }

    /// Per item, whether `itemPatterns` names it; `nil` without patterns.
    /// - Throws: ``RiskAnalysisError/Code/noItemMatches`` for a pattern that matches nothing.
    /// - Complexity: O(items · patterns).
    public func embargoedItems(in graph: SupplyGraph) throws(RiskAnalysisError) -> IDArray<ItemID, Bool>? {
        if itemPatterns.isEmpty { return nil }
        var matched = IDArray<ItemID, Bool>(repeating: false, count: graph.itemCount)
        for pattern in itemPatterns {
            var any = false
            for item in graph.items where Scenario.glob(pattern, matches: graph.itemKeys[item]) {
                matched[item.index] = true
                any = true
            }
            if !any { throw RiskAnalysisError(.noItemMatches, "--items '\(pattern)' matches no item id") }
        }
        return matched
    }

    /// Whether the shell-style `pattern` (`*`, `?`, `[abc]`, `[!a-z]`) matches the whole `text`.
    /// - Complexity: O(length of pattern · length of text) at worst.
    public static func glob(_ pattern: String, matches text: String) -> Bool {
        fnmatch(pattern, text, 0) == 0
    }

    /// A country code in any case (`cn`, `CN`); a wrong one says what it probably meant.
    /// - Complexity: O(1).
    public static func country(_ code: String) throws(RiskAnalysisError) -> Country {
        if let country = Country(code: code.uppercased()) { return country }
        let hint = Scenario.misspeltCodes[code.uppercased()].map { " (did you mean '\($0)'?)" }
            ?? " (expected an ISO 3166-1 alpha-2 code such as 'DE')"
        throw RiskAnalysisError(.unknownCountry, "unknown country code '\(code)'\(hint)")
    }

    /// A group by id: exactly as the data spells it, else in any case if that is unambiguous.
    /// - Complexity: O(groups).
    public static func group(_ id: String, in graph: SupplyGraph) throws(RiskAnalysisError) -> CountryGroup {
        if let group = graph.group(withID: id) { return group }
        let all = CountryGroup.builtIn + graph.userGroups
        let folded = all.filter { $0.id.lowercased() == id.lowercased() }
        if folded.count == 1 { return folded[0] }
        let known = all.map(\.id).joined(separator: ", ")
        throw RiskAnalysisError(.unknownGroup, "unknown country group '\(id)' (known: \(known))")
    }
}

extension Scenario {
    /// Codes people write that ISO 3166-1 spells differently: the EU's own abbreviations
    /// (`UK`, `EL`) and a few habits.
    static let misspeltCodes: [String: String] = ["UK": "GB", "EL": "GR", "EN": "GB", "KO": "KR", "SP": "ES"]
}
