import ArgumentParser
import SupplyGraph
import SupplyXML

/// `chokepoint validate`: checks the data and prints what it holds.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check supply-chain data: counts, then warnings and errors with file:line:column.",
        discussion: "Exit status: 0 when the data is valid (warnings allowed), 1 when it is not, 2 on a usage error.")

    @OptionGroup var input: InputOptions

    func run() throws {
        let (graph, warnings) = try input.load(printWarnings: true)
        let console = Console.current
        let kinds = Dictionary(grouping: graph.itemKinds, by: { $0 }).mapValues(\.count)
        let knownCountries = graph.countries.filter(\.isKnown).count
        let unknownOrigin = graph.supplierCountries.filter { !$0.isKnown }.count
        var lines = [
            "files       \(input.files.count)",
            "systems     \(kinds[.system] ?? 0)",
            "components  \(kinds[.component] ?? 0)",
            "materials   \(kinds[.material] ?? 0)",
            "suppliers   \(graph.supplierCount)" + (unknownOrigin > 0 ? " (\(unknownOrigin) of unknown origin)" : ""),
            "BOM edges   \(graph.usesEdgeCount)",
            "supply edges \(graph.supplyEdgeCount)",
            "countries   \(knownCountries)",
        ]
        if !graph.userGroups.isEmpty { lines.append("groups      \(graph.userGroups.map(\.id).joined(separator: ", "))") }
        lines.append("valid, \(warnings.count) warning\(warnings.count == 1 ? "" : "s")")
        if warnings.count > 1 {
            // A long list reads better with its tally by kind (most frequent first).
            let tally = Dictionary(grouping: warnings, by: \.code).map { (code: $0.key, count: $0.value.count) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
            lines.append("warnings by kind: " + tally.map { "\($0.count) \($0.code)" }.joined(separator: ", "))
        }
        console.out(lines.joined(separator: "\n") + "\n")
    }
}
