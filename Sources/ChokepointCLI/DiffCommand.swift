import ArgumentParser
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint diff OLD... --against NEW...`: what changed between two data drops.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two data drops: new and resolved risks, buildability, shares.",
        discussion: """
            Compares the old map (the files before --against) with the new one (the files after), \
            by id: new and resolved single sources and single points of failure (an item or system \
            added with one counts as new, one removed as resolved), systems that lost or gained \
            buildability on EU supply alone (systems in both maps), systems whose EU-only supply \
            fraction moved, items and suppliers added or removed, and country shares (unknown \
            origin included) that moved by more than --threshold. A map against itself is an \
            empty diff.
            A system is newly crippled when it falls or is crippled (below --critical, default \
            10 % of normal production) on EU supply alone in the new map and did neither in the old.
            --fail-on exits 1 when the diff holds such a change: new-single-source, new-spof, \
            lost-eu-buildable, new-crippled, new-sanctioned (comma-separated; new-sanctioned with \
            --sanctions, whose lists also give the JSON's newlySanctioned: suppliers sanctioned in \
            the new map and not in the old). Data errors in either map exit 1, usage errors 2.
            Example:
              chokepoint diff maps/2025-q4.xml --against maps/2026-q1.xml --fail-on new-spof,lost-eu-buildable
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var perimeterOptions: PerimeterOptions
    @OptionGroup var criticalOptions: CriticalOptions
    @OptionGroup var sanctions: SanctionsOptions

    @Option(name: .customLong("against"), parsing: .upToNextOption,
            help: ArgumentHelp("The new map's files.", valueName: "file"))
    var against: [String] = []

    @Option(help: "Output format: table (terminal), markdown, json (the contract).")
    var format: DiffFormat = .table

    @Option(parsing: .unconditional, help: ArgumentHelp("List shares and EU-only supply fractions that moved by more than this (0..1).", valueName: "x"))
    var threshold: Double = MapDiff.defaultThreshold

    @Option(name: .customLong("fail-on"), parsing: .singleValue,
            help: ArgumentHelp("Exit 1 if the diff holds such a change: new-single-source, new-spof, lost-eu-buildable, new-sanctioned (comma-separated).", valueName: "kinds"))
    var failOn: [CommaSeparated] = []

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal.")
    var noColor = false

    enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case table, markdown, json }

    /// The policies given, or a usage error that names the nearest one.
    var policies: Set<DiffPolicy> {
        get throws { try failOnPolicies(failOn.flattened) }
    }

    mutating func validate() throws {
        against = try InputOptions.expandingLists(against, filesFrom: [])
        if against.isEmpty { throw ValidationError("give the new map's files after --against") }
        if !(threshold >= 0 && threshold <= 1) { throw ValidationError("--threshold must be a share between 0 and 1") }
        if try policies.contains(.newSanctioned) && sanctions.files.isEmpty {
            throw ValidationError("--fail-on new-sanctioned needs at least one --sanctions FILE")
        }
    }

    func run() throws {
        var newInput = input
        newInput.files = against
        let (old, _) = try input.load()
        let (new, _) = try newInput.load()
        let critical = criticalOptions.critical
        let oldAnalysis = SupplyChainAnalysis(old, perimeter: try perimeterOptions.perimeter(for: old), critical: critical)
        let newAnalysis = SupplyChainAnalysis(new, perimeter: try perimeterOptions.perimeter(for: new), critical: critical)
        var diff = MapDiff(old: oldAnalysis, new: newAnalysis, threshold: threshold)
        if !sanctions.files.isEmpty {
            let lists = try sanctions.load()
            diff.newlySanctioned = MapDiff.newlySanctioned(old: Screening(old, lists: lists), new: Screening(new, lists: lists),
                                                           oldGraph: old, newGraph: new)
        }
        let report = MapDiffReport(diff, old: old, new: new,
                                   oldContext: ReportContext(toolVersion: Chokepoint.version, inputFiles: input.files),
                                   newContext: ReportContext(toolVersion: Chokepoint.version, inputFiles: against))
        let console = Console.current
        switch format {
        case .json: console.out(report.json().serialized())
        case .table, .markdown:
            console.out(report.text(markdown: format == .markdown, color: format == .table && console.stdoutIsTerminal && !noColor,
                                    perimeter: newAnalysis.perimeter.label))
        }
        let failures = report.policyFailures(try policies)
        if !failures.isEmpty {
            throw CLIError(code: .policyFailed, message: "risk policy failed: \(failures.joined(separator: "; "))")
        }
    }
}
