import ArgumentParser
import GraphExport
import RiskAnalysis
import SupplyGraph

/// The scenario options shared by `whatif`, `dot`, `stockpile`, `brief` and (for `--items`
/// and `--by-control`) `impact`.
struct ScenarioOptions: ParsableArguments {
    @Option(name: .customLong("without-country"), parsing: .singleValue,
            help: ArgumentHelp("Countries whose suppliers all fail (comma-separated ISO codes, any case; `unknown` for suppliers of unknown origin and unattributed supply).", valueName: "CC,CC"))
    var withoutCountry: [CommaSeparated] = []

    @Option(name: .customLong("without-supplier"), parsing: .singleValue,
            help: ArgumentHelp("Suppliers that fail (comma-separated ids).", valueName: "id,id"))
    var withoutSupplier: [CommaSeparated] = []

    @Option(name: .customLong("without-group"), parsing: .singleValue,
            help: ArgumentHelp("Country groups whose suppliers all fail (EU, EEA, NATO or a data set's own).", valueName: "group"))
    var withoutGroup: [CommaSeparated] = []

    @Option(name: .customLong("only-group"), parsing: .singleValue,
            help: ArgumentHelp("Keep only suppliers inside these groups: every other supplier fails, unknown origin and unattributed supply included (`--only-group EU`).", valueName: "group"))
    var onlyGroup: [CommaSeparated] = []

    @Option(name: .customLong("items"), parsing: .singleValue,
            help: ArgumentHelp("An embargo on chosen items: only the supply of items whose id matches one of these globs fails (`--without-country CN --items 'gallium*,germanium*'`).", valueName: "glob,glob"))
    var items: [CommaSeparated] = []

    @Option(name: .customLong("commodity"), parsing: .singleValue,
            help: ArgumentHelp("An embargo by commodity: only the supply of items of these commodities fails, every stage and grade (`--without-country CN --commodity gallium,germanium`); with --items, the items either names.", valueName: "name,name"))
    var commodity: [CommaSeparated] = []

    @Flag(name: .customLong("by-control"), help: "A country cut off also fails the suppliers controlled from it (their `controlledBy`).")
    var byControl = false

    @Flag(name: .customLong("without-sanctioned"), help: "The suppliers the --sanctions lists sanction (listed, or through their owners: the 50 % rule) fail too; unknown origin and unattributed supply are kept.")
    var withoutSanctioned = false

    @OptionGroup var sanctions: SanctionsOptions

    mutating func validate() throws {
        if withoutSanctioned && sanctions.files.isEmpty { throw ValidationError("--without-sanctioned needs at least one --sanctions FILE") }
    }

    /// The scenario as given (with `--without-sanctioned`, the sanctioned suppliers are found
    /// when it is resolved against a graph: ``disruption(in:)``).
    var scenario: Scenario {
        var s = Scenario(withoutSuppliers: withoutSupplier.flattened, withoutCountries: withoutCountry.flattened,
                         withoutGroups: withoutGroup.flattened, onlyGroups: onlyGroup.flattened,
                         itemPatterns: items.flattened, commodities: commodity.flattened, byControl: byControl)
        s.withoutSanctioned = withoutSanctioned
        return s
    }

    /// The scenario with the suppliers the lists sanction in `graph` (screened when
    /// `--without-sanctioned` is given). Prints a list's located errors and exits 1 when one
    /// cannot be read.
    func scenario(for graph: SupplyGraph) throws -> Scenario {
        var s = scenario
        if withoutSanctioned {
            let screening = Screening(graph, lists: try sanctions.load())
            s.sanctionedSuppliers = Set(graph.suppliers.filter { screening.sanctionedSuppliers[$0.index] }.map { graph.supplierKeys[$0] })
        }
        return s
    }

    /// What the scenario does under `analysis` (its `critical`), with its range when it has one,
    /// or a usage error for names the data does not know.
    func outcome(in analysis: SupplyChainAnalysis) throws -> ScenarioOutcome {
        let scenario = try scenario(for: analysis.graph)
        do { return try analysis.whatIf(scenario) } catch {
            throw CLIError.usage(OptionNames.message(error, in: analysis.graph, scenario: scenario), cause: error)
        }
    }

    /// `--items` or `--commodity` without a country, group or supplier cut-off: a usage error
    /// that says so (`allowAlone`: where the restriction applies to a default scenario).
    func validateRestriction(allowAlone: Bool = false) throws {
        let s = scenario
        if s.restrictsItems && s.isEmpty && !allowAlone {
            let given = [s.itemPatterns.isEmpty ? nil : "--items", s.commodities.isEmpty ? nil : "--commodity"].compactMap { $0 }
            throw ValidationError("\(given.joined(separator: " and ")) restrict\(given.count == 1 ? "s" : "") a cut-off to chosen items: give --without-country, --without-group, --only-group, --without-supplier or --without-sanctioned too")
        }
    }

    /// The scenario with the names the data defines (`cn` as `CN`, `eu` as `EU`), for titles and JSON.
    func scenario(in graph: SupplyGraph) -> Scenario { scenario.normalized(in: graph) }

    /// The scenario resolved against `graph`, or a usage error for names the data does not know.
    func disruption(in graph: SupplyGraph) throws -> Disruption {
        let scenario = try scenario(for: graph)
        do { return try scenario.disruption(in: graph) } catch {
            throw CLIError.usage(OptionNames.message(error, in: graph, scenario: scenario), cause: error)
        }
    }

    /// Per item, whether `--items` names it (`nil` without it), or a usage error.
    func embargoedItems(in graph: SupplyGraph) throws -> IDArray<ItemID, Bool>? {
        do { return try scenario.embargoedItems(in: graph) } catch {
            throw CLIError.usage(OptionNames.message(error, in: graph, scenario: scenario), cause: error)
        }
    }
}

/// An option value that is a comma-separated list (`CN,RU`); repeated options add up.
/// Empty parts (`CN,,RU`) are dropped; a value with no part at all (`''`) is a usage error.
struct CommaSeparated: ExpressibleByArgument, Sendable {
    let values: [String]

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        if parts.isEmpty { return nil }
        values = parts
    }
}

extension Array where Element == CommaSeparated {
    /// Every value of every occurrence, in order.
    var flattened: [String] { flatMap(\.values) }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// `--critical X`: the threshold of the crippled state.
struct CriticalOptions: ParsableArguments {
    @Option(name: .customLong("critical"), parsing: .unconditional,
            help: ArgumentHelp("A system below this fraction of normal production (φ) is crippled: a number > 0 and at most 1 (default 0.1, 10 %).", valueName: "x"))
    var critical: Double = SupplyState.defaultCritical

    func validate() throws {
        if !SupplyState.isValidCritical(critical) {
            throw ValidationError("--critical must be a number > 0 and at most 1, not \(DisplayNumber.human(critical))")
        }
    }
}

/// `--home CC`: the analyst's home country.
struct HomeOptions: ParsableArguments {
    @Option(name: .customLong("home"),
            help: ArgumentHelp("Your own country (ISO code, any case): left out of the country rankings, marked \"home\" among single points of failure (default: the data's `home`).", valueName: "CC"))
    var home: String?

    /// `--home` as a country, or a usage error that suggests the code.
    func homeCountry() throws -> Country? {
        guard let home else { return nil }
        do { return try Scenario.country(home) } catch {
            if OptionNames.isName(home), let named = CountryTable.country(named: home) {
                throw CLIError.usage("--home: '\(home)' is a name, not a code: \(named.name) is '\(named.code)' (did you mean '\(named.code)'?)", cause: error)
            }
            throw CLIError.usage("--home: " + error.message, cause: error)
        }
    }
}

/// `--trusted GROUP[,GROUP]`.
struct PerimeterOptions: ParsableArguments {
    @Option(name: .customLong("trusted"), parsing: .singleValue,
            help: ArgumentHelp("Treat these country groups as friendly beside the EU for the non-EU figures (e.g. NATO, or a data set's own group; any case).", valueName: "group,group"))
    var trusted: [CommaSeparated] = []

    func perimeter(for graph: SupplyGraph) throws -> Perimeter {
        do { return Perimeter(trusting: try trusted.flattened.map { (id: String) throws(RiskAnalysisError) in try Scenario.group(id, in: graph) }) }
        catch { throw CLIError.usage(OptionNames.message(error, in: graph), cause: error) }
    }
}

/// `--format`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, json, csv
}

/// Resolves `--system ID` to a system of the graph: an unknown id lists the nearest system ids,
/// an id that is not a system says what it is. Both are usage errors (exit 2).
func resolveSystem(_ key: String?, in graph: SupplyGraph, option: String = "--system") throws -> ItemID? {
    guard let key else { return nil }
    if let item = graph.item(withKey: key) {
        if graph.itemKinds[item] == .system { return item }
        throw CLIError.usage("\(option) '\(key)' is a \(graph.itemKinds[item]), not a system\(suggestion(for: key, in: graph))")
    }
    throw CLIError.usage("\(option) '\(key)': no such system\(suggestion(for: key, in: graph))")
}

/// ` (did you mean 'mmr'?)` or ` (systems: a, b, c)`: the nearest system ids to `key`.
func suggestion(for key: String, in graph: SupplyGraph) -> String {
    let systems = graph.keys(of: graph.items(ofKind: .system), by: .natural)
    if systems.isEmpty { return " (the data has no systems)" }
    let near = Nearest.names(to: key, among: systems)
    if !near.isEmpty { return " (did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?)" }
    let shown = systems.prefix(12).joined(separator: ", ")
    return " (systems: \(shown)\(systems.count > 12 ? ", +\(systems.count - 12) more" : ""))"
}

/// The `--fail-on` values as policies of `P` (case-insensitive), or a usage error that lists the
/// policies and the nearest one to a misspelling.
func failOnPolicies<P: RawRepresentable & CaseIterable & Hashable>(_ kinds: [String]) throws -> Set<P> where P.RawValue == String {
    var result = Set<P>()
    for kind in kinds {
        guard let policy = P(rawValue: kind.lowercased()) else {
            let names = P.allCases.map(\.rawValue)
            let near = Nearest.names(to: kind, among: names)
            throw ValidationError("--fail-on takes \(names.joined(separator: ", ")), not '\(kind)'"
                                  + (near.isEmpty ? "" : " (did you mean '\(near[0])'?)"))
        }
        result.insert(policy)
    }
    return result
}
