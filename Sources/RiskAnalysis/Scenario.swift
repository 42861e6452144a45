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
/// `--only-group`, `--items`, `--commodity` and `--by-control`; ``disruption(in:)`` resolves it
/// against a graph. A supplier fails if any part names it:
/// - `--without-country CC`: its country is `CC` (`unknown`: it has no country);
/// - `--without-group G`: its country is in `G`;
/// - `--only-group G`: its country is in none of the groups (unknown origin never is);
/// - with `--by-control`, the same tests also apply to its controller (`SupplyGraph.controller(of:)`);
/// - `--items P,P`: only the supply edges into items whose id matches a glob fail;
/// - `--commodity C,C`: only the supply edges into items of those commodities fail (with
///   `--items`, into items matched by either: the union).
///
/// **Ranges.** Unmapped supply (unknown origin and the unattributed shares) might lie in the
/// cut-off country or not. For a scenario that cuts off countries or groups
/// (``hasRange``), ``disruption(in:unknownOrigin:)`` gives the two bounds: ``UnknownOrigin/failed``
/// (unknown origin and unattributed supply fail too — only on the embargoed items when `--items`
/// or `--commodity` restrict) and ``UnknownOrigin/kept`` (both kept; suppliers named by
/// `--without-supplier` stay failed). A scenario of `--without-supplier` alone, or one that names
/// `unknown` itself, has no range: low = high = the figure.
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
    /// Commodities (canonical words, or aliases and any case: normalised by
    /// `Commodity.canonical`): when given, only the supply edges into items of these
    /// commodities fail (with ``itemPatterns``, into items matched by either).
    public var commodities: [String] = []
    /// Whether a country cut off also fails the suppliers controlled from it.
    public var byControl = false

    /// How a scenario treats unmapped supply — suppliers of unknown origin and the unattributed
    /// shares — for the bounds of a range.
    public enum UnknownOrigin: Sendable {
        /// As the scenario states it: failed by `--without-country unknown` and `--only-group`,
        /// kept otherwise (the figure).
        case asStated
        /// Failed as well (the low end of a range).
        case failed
        /// Kept (the high end of a range).
        case kept
    }

    /// The empty scenario.
    /// - Complexity: O(1).
    public init() {}

    /// A scenario from its parts.
    /// - Complexity: O(1).
    public init(withoutSuppliers: [String] = [], withoutCountries: [String] = [], withoutGroups: [String] = [],
                onlyGroups: [String] = [], itemPatterns: [String] = [], commodities: [String] = [], byControl: Bool = false) {
        self.withoutSuppliers = withoutSuppliers
        self.withoutCountries = withoutCountries
        self.withoutGroups = withoutGroups
        self.onlyGroups = onlyGroups
        self.itemPatterns = itemPatterns
        self.commodities = commodities
        self.byControl = byControl
    }

    /// Whether nothing fails.
    /// - Complexity: O(1).
    public var isEmpty: Bool {
        withoutSuppliers.isEmpty && withoutCountries.isEmpty && withoutGroups.isEmpty && onlyGroups.isEmpty
            && !withoutSanctioned
    }

    /// `--without-sanctioned`: the sanctioned suppliers fail too (a supplier scenario: unknown
    /// origin and unattributed supply are kept). They are ``sanctionedSuppliers``.
    public var withoutSanctioned = false
    /// The ids of the suppliers a ``Screening`` found sanctioned, which fail with
    /// ``withoutSanctioned``.
    public var sanctionedSuppliers: Set<String> = []

    /// Whether the scenario fails unknown origin (and so the unattributed shares):
    /// `--without-country unknown` and `--only-group` do; the other parts do not.
    /// - Complexity: O(countries named).
    public var failsUnknownOrigin: Bool {
        !onlyGroups.isEmpty || namesUnknown
    }

    /// Whether `--without-country` names `unknown` itself.
    /// - Complexity: O(countries named).
    public var namesUnknown: Bool { withoutCountries.contains { $0.lowercased() == "unknown" } }

    /// Whether the scenario cuts off countries or groups (`--without-country`,
    /// `--without-group`, `--only-group`).
    /// - Complexity: O(1).
    public var cutsOffCountries: Bool { !withoutCountries.isEmpty || !withoutGroups.isEmpty || !onlyGroups.isEmpty }

    /// Whether the scenario's figures have a range `[low, high]` wider than the figure: it cuts
    /// off countries or groups and does not name `unknown` itself.
    /// - Complexity: O(countries named).
    public var hasRange: Bool { cutsOffCountries && !namesUnknown }

    /// Whether the scenario restricts its cut-offs to chosen items (`--items`, `--commodity`).
    /// - Complexity: O(1).
    public var restrictsItems: Bool { !itemPatterns.isEmpty || !commodities.isEmpty }

    /// The scenario resolved against `graph`.
    /// - Throws: ``RiskAnalysisError`` for an unknown supplier, country or group, or a pattern
    ///   that matches no item.
    /// - Complexity: O(suppliers · named groups + items · patterns).
    public func disruption(in graph: SupplyGraph) throws(RiskAnalysisError) -> Disruption {
        try disruption(in: graph, unknownOrigin: .asStated)
    }

    /// The scenario resolved against `graph`, with unmapped supply treated as `unknownOrigin`
    /// says (the bounds of a range; see the type's "Ranges").
    /// - Throws: ``RiskAnalysisError`` for an unknown supplier, country, group or commodity, or
    ///   a pattern that matches no item.
    /// - Complexity: O(suppliers · named groups + items · patterns).
    public func disruption(in graph: SupplyGraph, unknownOrigin: UnknownOrigin) throws(RiskAnalysisError) -> Disruption {
        let fails: Bool
        switch unknownOrigin {
        case .asStated: fails = failsUnknownOrigin
        case .failed: fails = true
        case .kept: fails = false
        }
        return Disruption(failedSuppliers: try failedSuppliers(in: graph, unknownOrigin: unknownOrigin),
                          embargoedItems: try embargoedItems(in: graph), failsUnknownOrigin: fails)
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
        try failedSuppliers(in: graph, unknownOrigin: .asStated)
    }

    /// The failed suppliers of `graph`, suppliers of unknown origin treated as `unknownOrigin`
    /// says.
    /// - Throws: ``RiskAnalysisError`` for an unknown supplier, country or group.
    /// - Complexity: O(suppliers · named groups).
    public func failedSuppliers(in graph: SupplyGraph, unknownOrigin: UnknownOrigin) throws(RiskAnalysisError) -> IDArray<SupplierID, Bool> {
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
            if !country.isKnown {
                switch unknownOrigin {
                case .asStated: return unknown || !only.isEmpty
                case .failed: return true
                case .kept: return false
                }
            }
            return countries.contains(country) || without.contains { $0.contains(country) }
                || (!only.isEmpty && !only.contains { $0.contains(country) })
        }
        for s in graph.suppliers where !failed[s.index] {
            failed[s.index] = cutOff(graph.supplierCountries[s]) || (byControl && cutOff(graph.controller(of: s)))
                || (withoutSanctioned && sanctionedSuppliers.contains(graph.supplierKeys[s]))
        }
        return failed
    }

    /// Per item, whether `itemPatterns` or `commodities` name it (the union); `nil` without
    /// either.
    /// - Throws: ``RiskAnalysisError/Code/noItemMatches`` for a pattern that matches nothing,
    ///   ``RiskAnalysisError/Code/unknownCommodity`` for a commodity no item carries (with the
    ///   nearest ones the data has).
    /// - Complexity: O(items · (patterns + commodities)).
    public func embargoedItems(in graph: SupplyGraph) throws(RiskAnalysisError) -> IDArray<ItemID, Bool>? {
        if itemPatterns.isEmpty && commodities.isEmpty { return nil }
        var matched = IDArray<ItemID, Bool>(repeating: false, count: graph.itemCount)
        if !commodities.isEmpty {
            let wanted = Set(commodities.compactMap(Commodity.canonical))
            var carried = Set<String>()
            for item in graph.items {
                guard let commodity = graph.itemCommodity[item] else { continue }
                carried.insert(commodity)
                if wanted.contains(commodity) { matched[item.index] = true }
            }
            for name in commodities {
                guard let word = Commodity.canonical(name), !carried.contains(word) else { continue }
                throw RiskAnalysisError(.unknownCommodity, Scenario.unknownCommodityMessage(name, carried: carried))
            }
        }
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
    /// "--commodity 'galium': no item carries it (did you mean 'gallium'?)", or the commodities
    /// the data has.
    static func unknownCommodityMessage(_ name: String, carried: Set<String>) -> String {
        let known = carried.sorted()
        if known.isEmpty { return "--commodity '\(name)': no item of the data carries a commodity" }
        let word = Commodity.canonical(name) ?? name
        var near = known.filter { $0.hasPrefix(word) || word.hasPrefix($0) || $0.contains(word) }
        if let nearest = Suggestion.nearest(to: word, among: known), !near.contains(nearest) { near.insert(nearest, at: 0) }
        if !near.isEmpty {
            return "--commodity '\(name)': no item carries it (did you mean \(near.prefix(3).map { "'\($0)'" }.joined(separator: " or "))?)"
        }
        let shown = known.prefix(12).joined(separator: ", ")
        return "--commodity '\(name)': no item carries it (commodities: \(shown)\(known.count > 12 ? ", +\(known.count - 12) more" : ""))"
    }

    /// Codes people write that ISO 3166-1 spells differently: the EU's own abbreviations
    /// (`UK`, `EL`) and a few habits.
    static let misspeltCodes: [String: String] = ["UK": "GB", "EL": "GR", "EN": "GB", "KO": "KR", "SP": "ES"]
}
