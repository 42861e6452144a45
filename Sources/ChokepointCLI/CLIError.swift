/// Why a command ended without its result: what kind of failure (and so the exit status), the
/// message for stderr and the error underneath.
///
/// Commands throw it; ``Chokepoint/run(arguments:)`` prints it once, as
/// `chokepoint: MESSAGE` on stderr (after ``details``, what a program it ran wrote there), and
/// exits with ``Code/status``: 1 when the data is invalid, a risk policy failed or a file could
/// not be read or written, 2 when the command line asks for something the data does not have.
/// Errors of the command line's form (an unknown option, a bad number) are the argument
/// parser's own and are printed with the usage.
struct CLIError: Error, CustomStringConvertible {
    /// The kind of failure: a struct over a private enum, so that kinds can be added.
    struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable {
            case invalidData, policyFailed, io, usage, graphvizNotInstalled, graphvizFailed, graphvizTimedOut, solverFailed
        }
        private let kind: Kind

        /// The input has errors (they were printed as diagnostics); nothing was loaded.
        static let invalidData = Code(kind: .invalidData)
        /// A `--fail-on` policy found what it checks for (the output was written).
        static let policyFailed = Code(kind: .policyFailed)
        /// A file could not be read or written, or a program could not be started.
        static let io = Code(kind: .io)
        /// A name the data does not know (a system, a country, a group, an item pattern).
        static let usage = Code(kind: .usage)
        /// Graphviz's engine is not on `PATH`.
        static let graphvizNotInstalled = Code(kind: .graphvizNotInstalled)
        /// Graphviz exited with a status other than 0, or wrote no image.
        static let graphvizFailed = Code(kind: .graphvizFailed)
        /// Graphviz did not finish within the timeout and its process group was stopped.
        static let graphvizTimedOut = Code(kind: .graphvizTimedOut)

        /// The budget plan's solver failed, or found the programme infeasible or unbounded.
        static let solverFailed = Code(kind: .solverFailed)

        /// The exit status: 2 for a usage error, 1 for every other failure.
        var status: Int32 { kind == .usage ? 2 : 1 }
    }

    /// The kind of failure.
    let code: Code
    /// What happened, in words, without the `chokepoint: ` prefix.
    var message: String
    /// The error underneath (an `Errno`, the import's error list, ...), if any.
    var cause: (any Error)? = nil
    /// What a program the command ran wrote on stderr (Graphviz's own messages), printed before
    /// the message; empty for most errors.
    var details: String = ""

    /// A usage error (exit 2) about a name the data does not know.
    static func usage(_ message: String, cause: (any Error)? = nil) -> CLIError {
        CLIError(code: .usage, message: message, cause: cause)
    }

    /// The line stderr shows: `chokepoint: MESSAGE`.
    var description: String { "chokepoint: \(message)" }

    /// Writes the error to stderr: ``details`` (ending in a newline), then ``description``.
    func print(to console: Console) {
        if !details.isEmpty { console.err(details.hasSuffix("\n") ? details : details + "\n") }
        console.errLine(description)
    }
}
