import OutputFormats
import ArgumentParser
import GraphExport
import RiskAnalysis
import SupplyGraph
import SupplyXML

/// `chokepoint validate`: checks the data and prints what it holds.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check supply-chain data: counts, then warnings and errors with file:line:column.",
        discussion: """
            Warnings are summarised by kind: the first --max-warnings of each kind (default 5) and \
            how many more there are; --all-warnings prints every one, in file order. \
            Exit status: 0 when the data is valid (warnings allowed), 1 when it is not (also when an \
            input file cannot be read), 2 on a usage error.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("max-warnings"), parsing: .unconditional, help: ArgumentHelp("How many warnings of each kind to print.", valueName: "n"))
    var maxWarnings = 5

    @Flag(name: .customLong("all-warnings"), help: "Print every warning (memory grows with their number).")
    var allWarnings = false

    func validate() throws {
        if maxWarnings < 0 { throw ValidationError("--max-warnings must be a whole number >= 0") }
    }

    func run() throws {
        let result = try input.importResult(printWarnings: true, warningsPerKind: allWarnings ? nil : maxWarnings)
        let (graph, loadWarnings) = (result.graph, result.warnings)
        let console = Console.current
        var warnings = loadWarnings
        for warning in Self.sourcingWarnings(graph) {
            console.err("\(warning)\n")
            warnings.add(warning)
        }
        let kinds = Dictionary(grouping: graph.itemKinds, by: { $0 }).mapValues(\.count)
        let knownCountries = graph.countries.filter(\.isKnown).count
        let unknownOrigin = graph.supplierCountries.filter { !$0.isKnown }.count
        let inferred = graph.supplierCountryInferred.filter { $0 }.count
        var notes: [String] = []
        if unknownOrigin > 0 { notes.append("\(unknownOrigin) of unknown origin") }
        if inferred > 0 { notes.append("\(inferred) with the country inferred from the CAGE code") }
        var lines = [
            "files       \(input.files.count)",
            "systems     \(kinds[.system] ?? 0)",
            "components  \(kinds[.component] ?? 0)",
            "materials   \(kinds[.material] ?? 0)",
            "suppliers   \(graph.supplierCount)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"),
            "BOM edges   \(graph.usesEdgeCount)",
            "supply edges \(graph.supplyEdgeCount)",
            "countries   \(knownCountries)",
        ]
        if !graph.userGroups.isEmpty { lines.append("groups      \(graph.userGroups.map(\.id).joined(separator: ", "))") }
        lines += Self.tableLines(result.tables)
        lines.append("valid, \(warnings.totalCount) warning\(warnings.totalCount == 1 ? "" : "s")")
        if warnings.totalCount > 1 {
            // A long list reads better with its tally by kind (most frequent first).
            lines.append("warnings by kind: " + warnings.tally.map { "\($0.count) \($0.code)" }.joined(separator: ", "))
        }
        console.out(lines.map(TerminalText.escaped).joined(separator: "\n") + "\n")
    }

    /// Per sheet or CSV file: the data rows read, the empty rows skipped between the header
    /// and the last data row, and the columns ignored (`#` columns are not listed).
    static func tableLines(_ tables: [TableSummary]) -> [String] {
        tables.map { table in
            var line = "table       \(table.source): \(table.rows) row\(table.rows == 1 ? "" : "s") read"
            if table.emptyRowsSkipped > 0 {
                line += ", \(table.emptyRowsSkipped) empty row\(table.emptyRowsSkipped == 1 ? "" : "s") skipped"
            }
            if !table.ignoredColumns.isEmpty {
                line += "; columns ignored: " + table.ignoredColumns.map { "'\($0)'" }.joined(separator: ", ")
            }
            return line
        }
    }
}

extension ValidateCommand {
    /// The `sourcing-short` warnings: buyers restricted by `sourcedFrom` to named suppliers that
    /// need more of an input at normal production than those suppliers normally make (the
    /// normal flow `ŵ · req`), each located at the first buyer's supply edge.
    static func sourcingWarnings(_ graph: SupplyGraph) -> [Diagnostic] {
        let shares = ShareTable(graph)
        let requirement = Requirement.compute(graph)
        return SourcingConsistency.shortfalls(in: graph, shares: shares, requirement: requirement).map { short in
            let unit = graph.itemUnits[short.input]
            let buyers = short.buyers.map { "'\(graph.supplierKeys[graph.edgeSupplier[$0]])' (for '\(graph.itemKeys[graph.edgeItem[$0]])')" }
            let suppliers = short.suppliers.map { "'\(graph.supplierKeys[graph.edgeSupplier[$0]])'" }
            let message = "buyers restricted by sourcedFrom need more '\(graph.itemKeys[short.input])' at normal production than their named suppliers normally make: "
                + "\(buyers.joined(separator: ", ")) need \(DisplayNumber.human(short.need)) \(unit) a year from \(suppliers.joined(separator: ", ")), "
                + "whose normal flow (share × requirement) is \(DisplayNumber.human(short.normalFlow)) \(unit); the budget plan raises it in proportion to their shares"
            return Diagnostic(.warning, code: .sourcingShort, message: message,
                              location: graph.origin(of: short.buyers[0]).map(graph.location(of:)))
        }
    }
}
