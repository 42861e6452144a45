import ArgumentParser
import RiskAnalysis
import Reports
import SupplyGraph
import SupplyXML

/// `--sanctions FILE` (repeatable): the sanctions lists a command screens the map against.
struct SanctionsOptions: ParsableArguments {
    @Option(name: .customLong("sanctions"), help: ArgumentHelp(
        "An EU financial sanctions file (FSF XML 1.1) to screen the suppliers and their owners against; may be given several times (an entry in two files counts once).",
        valueName: "file"))
    var files: [String] = []

    /// Reads the lists, printing located errors on stderr.
    /// - Throws: ``CLIError`` (invalid data) when a list cannot be read.
    func load() throws -> [SanctionsList] {
        var lists: [SanctionsList] = []
        for file in files {
            do {
                lists.append(try SanctionsListReader().read(path: file))
            } catch {
                let console = Console.current
                for diagnostic in error.errors { console.err("\(diagnostic)\n") }
                throw CLIError(code: .invalidData, message: "\(error.errors.count) error\(error.errors.count == 1 ? "" : "s") in the sanctions list \(file)", cause: error)
            }
        }
        return lists
    }
}

/// `chokepoint screen`: the suppliers and their owners against sanctions lists.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen the suppliers and their owners against EU sanctions lists (the 50 % rule).",
        discussion: """
            A party (a supplier or an <entity> that owns one) is listed when its lei or registration \
            equals an identification number of a list entry (letters and digits compared, case-folded) \
            or its normalised name equals a normalised alias; person entries match only entities with \
            person="true". It is sanctioned when listed, when its sanctioned direct owners hold 50 % or \
            more in sum, or when a sanctioned owner controls it (control="true"), up the ownership chain. \
            Names are normalised (Unicode NFKC, case-folded, accents dropped, dots deleted, legal forms such \
            as GmbH, S.A., LLC, ООО dropped) but never transliterated. Possible matches (token-set \
            similarity 0.85 or more) are listed for review and never counted. Then the items with a \
            sanctioned share of supply and, per system, the sanctioned suppliers in its bill of materials \
            and its supply fraction with them failed. \
            Exit status: 1 with --fail-on sanctioned when any supplier is sanctioned, or when an input or \
            a list is invalid.
            """)

    /// The policies of `--fail-on`.
    enum Policy: String, CaseIterable { case sanctioned }

    @OptionGroup var input: InputOptions
    @OptionGroup var sanctions: SanctionsOptions

    @Option(help: "Output format: table (terminal), markdown, json (the contract), csv (one row per finding).")
    var format: OutputFormat = .table

    @Option(name: .customLong("fail-on"), parsing: .singleValue,
            help: ArgumentHelp("Exit 1 when a supplier is sanctioned (sanctioned).", valueName: "policy"))
    var failOn: [String] = []

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal.")
    var noColor = false

    func validate() throws {
        if sanctions.files.isEmpty { throw ValidationError("give at least one sanctions list with --sanctions FILE") }
        let _: Set<Policy> = try failOnPolicies(failOn.flatMap { $0.split(separator: ",").map(String.init) })
    }

    func run() throws {
        let (graph, _) = try input.load()
        let lists = try sanctions.load()
        let report = ScreeningReport(Screening(graph, lists: lists), graph: graph)
        let console = Console.current
        switch format {
        case .json: console.out(report.json().serialized())
        case .csv: console.out(report.csv())
        case .table, .markdown:
            console.out(report.text(markdown: format == .markdown, color: format == .table && console.stdoutIsTerminal && !noColor))
        }
        let policies: Set<Policy> = try failOnPolicies(failOn.flatMap { $0.split(separator: ",").map(String.init) })
        let suppliers = report.screening.sanctionedSuppliers.filter { $0 }.count
        if policies.contains(.sanctioned) && suppliers > 0 {
            throw CLIError(code: .policyFailed, message: "risk policy failed: \(suppliers) sanctioned supplier\(suppliers == 1 ? "" : "s")")
        }
    }
}
