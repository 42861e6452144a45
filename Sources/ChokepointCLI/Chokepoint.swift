import ArgumentParser

/// The `chokepoint` command: maps defence supply chains and finds where they can break.
public struct Chokepoint: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "chokepoint",
        abstract: "Map defence supply chains and find where they can break.",
        discussion: """
            Every command reads one or more supply-chain XML files (merged into one graph).
            Exit status: 0 fine, 1 data invalid or risk policy failed, 2 usage error.
            """,
        version: Chokepoint.version,
        subcommands: [ValidateCommand.self, ReportCommand.self, WhatIfCommand.self, ImpactCommand.self, StockpileCommand.self,
                      DotCommand.self, ExportCommand.self, SchemaCommand.self])

    /// The tool's version, written into every JSON output.
    public static let version = "0.2.0"

    public init() {}

    /// Runs the tool with `arguments` (without the program name) and returns its exit status:
    /// 0 fine, 1 invalid data or failed policy, 2 usage error. Output goes to ``Console/current``.
    public static func run(arguments: [String]) -> Int32 {
        let console = Console.current
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { console.out(message + "\n") }
                return 0
            }
            if code == .validationFailure {
                console.err(message + "\n")
                return 2
            }
            if !message.isEmpty { console.err(message + "\n") }
            return code.rawValue
        }
    }
}
