import ArgumentParser
import SupplyGraph
import SupplyXML
import Synchronization

/// The files every command reads, and how to read them.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Supply-chain XML files; several are merged into one graph.", valueName: "file"))
    var files: [String]

    @Flag(name: .customLong("no-validate"), help: "Skip XML Schema validation (references, ranges and cycles are still checked).")
    var noValidate = false

    @Option(help: ArgumentHelp("How far above 1 one item's shares may sum before it is an error.", valueName: "x"))
    var shareTolerance: Double = 0.05

    @Flag(name: .customLong("show-warnings"), help: "Print every data warning on stderr (validate always does).")
    var showWarnings = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one XML file") }
        if !(shareTolerance >= 0 && shareTolerance.isFinite) { throw ValidationError("--share-tolerance must be a number >= 0") }
    }

    /// Imports the files, printing errors (and a count of warnings) on stderr.
    /// - Throws: `ExitCode(1)` when the data is invalid.
    func load(printWarnings: Bool = false) throws -> (graph: SupplyGraph, warnings: [Diagnostic]) {
        let console = Console.current
        var options = SupplyChainImporter.Options()
        options.validate = !noValidate
        options.shareTolerance = shareTolerance
        let progress = ProgressLine(console: console)
        do {
            let result = try SupplyChainImporter(options: options).importFiles(files, progress: progress.report)
            progress.finish()
            if printWarnings || showWarnings {
                for warning in result.warnings { console.err("\(warning)\n") }
            } else if !result.warnings.isEmpty {
                console.err("chokepoint: \(result.warnings.count) data warning\(result.warnings.count == 1 ? "" : "s") (see `chokepoint validate` or --show-warnings)\n")
            }
            return (result.graph, result.warnings)
        } catch {
            progress.finish()
            for diagnostic in error.diagnostics { console.err("\(diagnostic)\n") }
            let errors = error.errors.count
            console.err("chokepoint: \(errors) error\(errors == 1 ? "" : "s"), no graph loaded\n")
            throw ExitCode(1)
        }
    }
}

/// A progress line on stderr for long imports (over 16 MiB), only when stderr is a terminal.
///
/// It is rewritten when the percentage changes (not on every 256 KiB chunk), and once all
/// bytes are read it says that the graph is being built, the part after the parse.
final class ProgressLine: Sendable {
    let console: Console
    let active: Bool
    private let shown = Atomic<Int>(-1)

    init(console: Console) {
        self.console = console
        self.active = console.stderrIsTerminal
    }

    var report: (@Sendable (UInt64, UInt64) -> Void)? {
        guard active else { return nil }
        return { [console, self] done, total in
            guard total > 16 << 20 else { return }
            let percent = total > 0 ? min(100, Int(Double(done) / Double(total) * 100)) : 0
            guard shown.exchange(percent, ordering: .relaxed) != percent else { return }
            if done >= total {
                console.err("\rread \(total >> 20) MiB, checking and building the graph\u{1B}[K")
            } else {
                console.err("\rreading \(percent)% (\(done >> 20) of \(total >> 20) MiB)\u{1B}[K")
            }
        }
    }

    func finish() {
        if active { console.err("\r\u{1B}[K") }
    }
}
