import OutputFormats
import RiskAnalysis

/// A scenario as the outputs describe it: in words for a title (`without CN, RU, by control`)
/// and as the JSON object of the `scenario` member, both made here from the `Scenario` the
/// command line gave, so that `whatif`, `stockpile`, `impact` and `dot` say it alike.
public struct ScenarioDescription: Sendable {
    /// The scenario as given.
    public let scenario: Scenario
    /// Whether it is `stockpile`'s default: every stage loses its largest supplying country
    /// outside the EU (`--worst-country`, or no scenario given).
    public let worstCountry: Bool
    /// Whether it qualifies `impact`'s sweep, which takes only `--items` from the scenario.
    public let sweep: Bool

    /// A description of `scenario`.
    /// - Complexity: O(1).
    public init(_ scenario: Scenario, worstCountry: Bool = false) {
        self.scenario = scenario
        self.worstCountry = worstCountry
        self.sweep = false
    }

    /// The description of a sweep's embargo (`impact --items`): the JSON holds `items` alone
    /// (when given), the words are `only gallium*, germanium*` (empty without `--items`).
    /// - Complexity: O(1).
    public static func sweep(_ scenario: Scenario) -> ScenarioDescription { ScenarioDescription(scenario, sweep: true) }

    init(_ scenario: Scenario, sweep: Bool) {
        self.scenario = scenario
        self.worstCountry = false
        self.sweep = sweep
    }

    /// The scenario as given: `worstCountry` (when set), `withoutCountry`, `withoutSupplier`,
    /// `withoutGroup`, `onlyGroup`, `items`, `commodity` (each only when given), `byControl` (when
    /// set).
    /// - Complexity: O(names given).
    public var json: JSONValue {
        let s = scenario
        var members: [(String, JSONValue)] = []
        if sweep {
            if !s.itemPatterns.isEmpty { members.append(("items", .array(s.itemPatterns.map(JSONValue.string)))) }
            if !s.commodities.isEmpty { members.append(("commodity", .array(s.commodities.map(JSONValue.string)))) }
            return .object(members)
        }
        if worstCountry { members.append(("worstCountry", .bool(true))) }
        func names(_ key: String, _ values: [String]) {
            if !values.isEmpty { members.append((key, .array(values.map(JSONValue.string)))) }
        }
        names("withoutCountry", s.withoutCountries)
        names("withoutSupplier", s.withoutSuppliers)
        names("withoutGroup", s.withoutGroups)
        names("onlyGroup", s.onlyGroups)
        names("items", s.itemPatterns)
        names("commodity", s.commodities)
        if s.byControl { members.append(("byControl", .bool(true))) }
        if s.withoutSanctioned { members.append(("withoutSanctioned", .bool(true))) }
        return .object(members)
    }

    /// The scenario in words: `without CN; without supplier x, by control, for gallium* only`,
    /// `nothing fails`, or for the worst-country default `every stage loses its largest non-EU
    /// supplying country`.
    /// - Complexity: O(names given).
    public var summary: String {
        if worstCountry { return "every stage loses its largest non-EU supplying country" }
        let restricted = scenario.itemPatterns + scenario.commodities.map { "commodity \($0)" }
        if sweep { return restricted.isEmpty ? "" : "only \(restricted.joined(separator: ", "))" }
        let s = scenario
        var parts: [String] = []
        if !s.withoutCountries.isEmpty { parts.append("without \(s.withoutCountries.joined(separator: ", "))") }
        if !s.withoutSuppliers.isEmpty { parts.append("without supplier \(s.withoutSuppliers.joined(separator: ", "))") }
        if !s.withoutGroups.isEmpty { parts.append("without group \(s.withoutGroups.joined(separator: ", "))") }
        if !s.onlyGroups.isEmpty { parts.append("only \(s.onlyGroups.joined(separator: " + ")) suppliers") }
        if s.withoutSanctioned { parts.append("without sanctioned suppliers") }
        var text = parts.isEmpty ? "nothing fails" : parts.joined(separator: "; ")
        if s.byControl { text += ", by control" }
        if !restricted.isEmpty { text += ", for \(restricted.joined(separator: ", ")) only" }
        return text
    }
}
