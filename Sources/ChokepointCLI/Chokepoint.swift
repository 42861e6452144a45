import ArgumentParser

extension String {
    /// `No space left on device` as `no space left on device`.
    func lowercasedFirst() -> String { prefix(1).lowercased() + dropFirst() }
}

/// The `chokepoint` command: maps defence supply chains and finds where they can break.
public struct Chokepoint: AsyncParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "chokepoint",
        abstract: "Map defence supply chains and find where they can break.",
        discussion: """
            Every command reads one or more inputs, merged into one graph: supply-chain XML files, \
            workbooks (xlsx, see `chokepoint template`), folders of CSV files and CycloneDX 1.5-1.7 BOMs.
            Exit status: 0 fine, 1 data invalid or risk policy failed, 2 usage error.
            """,
        version: Chokepoint.version,
        subcommands: [ValidateCommand.self, ReportCommand.self, WhatIfCommand.self, ImpactCommand.self, StockpileCommand.self,
                      PlanCommand.self, DotCommand.self, BriefCommand.self, DiffCommand.self, ExportCommand.self, SchemaCommand.self,
                      TemplateCommand.self, ScreenCommand.self])

    /// The tool's version, written into every JSON output.
    public static let version = "0.2.0"

    /// Creates the command (argument-parser fills in the options).
    /// - Complexity: O(1).
    public init() {}

    /// Runs the tool with `arguments` (without the program name) and returns its exit status:
    /// 0 fine, 1 invalid data or failed policy, 2 usage error. Output goes to ``Console/current``.
    ///
    /// Every failure is printed here, once: a ``CLIError`` a command throws as
    /// `chokepoint: MESSAGE`, the argument parser's own errors with the usage.
    /// - Complexity: that of the command run.
    public static func run(arguments: [String]) async -> Int32 {
        let console = Console.current
        if let first = arguments.first, !first.hasPrefix("-"), first != "help",
           !configuration.subcommands.contains(where: { $0._commandName == first }) {
            let names = configuration.subcommands.map { $0._commandName }
            let near = Nearest.names(to: first, among: names, limit: 1)
            CLIError.usage("unknown command '\(first)'" + (near.isEmpty ? "" : " (did you mean '\(near[0])'?)")
                           + "; the commands are \(names.joined(separator: ", ")) (chokepoint --help)").print(to: console)
            return 2
        }
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            return outputStatus(console)
        } catch let error as CLIError {
            error.print(to: console)
            guard error.code.status == 1 else { return error.code.status }
            // A command that ended on its own (failed policy, invalid data): its output must
            // still have been written, or stderr says why not.
            _ = outputStatus(console)
            return 1
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

    /// 0 when everything meant for stdout was written, else 1 with a message that says why.
    static func outputStatus(_ console: Console) -> Int32 {
        guard let failure = console.outputFailure else { return 0 }
        let reason = failure == .badFileDescriptor ? "stdout is closed" : failure.description.lowercasedFirst()
        console.err("chokepoint: cannot write the output: \(reason)\n")
        return 1
    }
}
