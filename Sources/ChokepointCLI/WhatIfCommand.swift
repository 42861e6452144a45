import ArgumentParser
import GraphExport
import RiskAnalysis
import SupplyGraph

/// `chokepoint whatif`: a disruption scenario.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "A scenario: which systems fall, which items block, what share of supply is lost.",
        discussion: "Example: chokepoint whatif Graphs/nl-defence.xml --without-country CN,RU")

    @OptionGroup var input: InputOptions
    @OptionGroup var scenarioOptions: ScenarioOptions

    @Option(help: "Output format: table, markdown, json, csv (one row per item).")
    var format: OutputFormat = .table

    @Flag(name: .customLong("all"), help: "List every item in the table, not only those that lose supply.")
    var all = false

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal.")
    var noColor = false

    func run() throws {
        let (graph, _) = try input.load()
        let failed = try scenarioOptions.failedSuppliers(in: graph)
        let outcome = ScenarioOutcome(graph: graph, failed: failed)
        let console = Console.current
        switch format {
        case .json: console.out(outcome.json(scenario: scenarioOptions.json).serialized())
        case .csv: console.out(outcome.csv())
        case .table, .markdown:
            console.out(outcome.text(summary: scenarioOptions.summary, markdown: format == .markdown,
                                     color: format == .table && console.stdoutIsTerminal && !noColor, all: all))
        }
    }
}
