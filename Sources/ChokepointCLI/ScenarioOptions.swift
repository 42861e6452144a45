import ArgumentParser
import GraphExport
import RiskAnalysis
import SupplyGraph

/// The scenario options shared by `whatif`, `dot` and `stockpile`.
struct ScenarioOptions: ParsableArguments {
    @Option(name: .customLong("without-country"), parsing: .singleValue,
            help: ArgumentHelp("Countries whose suppliers all fail (comma-separated ISO codes; `unknown` for suppliers of unknown origin).", valueName: "CC,CC"))
    var withoutCountry: [String] = []

    @Option(name: .customLong("without-supplier"), parsing: .singleValue,
            help: ArgumentHelp("Suppliers that fail (comma-separated ids).", valueName: "id,id"))
    var withoutSupplier: [String] = []

    @Option(name: .customLong("without-group"), parsing: .singleValue,
            help: ArgumentHelp("Country groups whose suppliers all fail (EU, EEA, NATO or a data set's own).", valueName: "group"))
    var withoutGroup: [String] = []

    @Option(name: .customLong("only-group"), parsing: .singleValue,
            help: ArgumentHelp("Keep only suppliers inside these groups: every other supplier fails (`--only-group EU`).", valueName: "group"))
    var onlyGroup: [String] = []

    var scenario: Scenario {
        Scenario(withoutSuppliers: split(withoutSupplier), withoutCountries: split(withoutCountry),
                 withoutGroups: split(withoutGroup), onlyGroups: split(onlyGroup))
    }

    /// The scenario as given, for the JSON output.
    var json: JSONValue {
        let s = scenario
        var members: [(String, JSONValue)] = []
        if !s.withoutCountries.isEmpty { members.append(("withoutCountry", .array(s.withoutCountries.map(JSONValue.string)))) }
        if !s.withoutSuppliers.isEmpty { members.append(("withoutSupplier", .array(s.withoutSuppliers.map(JSONValue.string)))) }
        if !s.withoutGroups.isEmpty { members.append(("withoutGroup", .array(s.withoutGroups.map(JSONValue.string)))) }
        if !s.onlyGroups.isEmpty { members.append(("onlyGroup", .array(s.onlyGroups.map(JSONValue.string)))) }
        return .object(members)
    }

    /// The scenario in words.
    var summary: String {
        let s = scenario
        var parts: [String] = []
        if !s.withoutCountries.isEmpty { parts.append("without \(s.withoutCountries.joined(separator: ", "))") }
        if !s.withoutSuppliers.isEmpty { parts.append("without supplier \(s.withoutSuppliers.joined(separator: ", "))") }
        if !s.withoutGroups.isEmpty { parts.append("without group \(s.withoutGroups.joined(separator: ", "))") }
        if !s.onlyGroups.isEmpty { parts.append("only \(s.onlyGroups.joined(separator: " + ")) suppliers") }
        return parts.isEmpty ? "nothing fails" : parts.joined(separator: "; ")
    }

    /// The failed suppliers, or a usage-style error for names the data does not know.
    func failedSuppliers(in graph: SupplyGraph) throws -> [Bool] {
        do { return try scenario.failedSuppliers(in: graph) } catch {
            Console.current.err("chokepoint: \(error.message)\n")
            throw ExitCode(2)
        }
    }
}

/// Splits repeated, comma-separated option values.
func split(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces() } }.filter { !$0.isEmpty }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// `--trusted GROUP[,GROUP]`.
struct PerimeterOptions: ParsableArguments {
    @Option(name: .customLong("trusted"), parsing: .singleValue,
            help: ArgumentHelp("Treat these country groups as friendly beside the EU for the non-EU figures (e.g. NATO, or a data set's own group).", valueName: "group,group"))
    var trusted: [String] = []

    func perimeter(for graph: SupplyGraph) throws -> Perimeter {
        var groups: [CountryGroup] = []
        for id in split(trusted) {
            guard let group = graph.group(withID: id) else {
                let known = (CountryGroup.builtIn + graph.userGroups).map(\.id).joined(separator: ", ")
                Console.current.err("chokepoint: unknown country group '\(id)' (known: \(known))\n")
                throw ExitCode(2)
            }
            groups.append(group)
        }
        return Perimeter(trusting: groups)
    }
}

/// `--format`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, json, csv
}

/// Resolves `--system ID` to a system of the graph.
func resolveSystem(_ key: String?, in graph: SupplyGraph) throws -> ItemID? {
    guard let key else { return nil }
    guard let item = graph.item(withKey: key) else {
        Console.current.err("chokepoint: unknown item '\(key)'\n")
        throw ExitCode(2)
    }
    return item
}
