import SupplyGraph

/// The error of the XML layer: the input could not be turned into a graph.
///
/// It carries every error found (up to the importer's cap, then one `too-many-errors`) and the
/// warnings met on the way; no graph comes back, so nothing is half-loaded.
public struct SupplyXMLError: Error, Sendable, CustomStringConvertible {
    /// Errors first, in file and line order, then the kept warnings.
    public let diagnostics: [Diagnostic]
    /// The warnings: a count per code and the first few of each.
    public let warningList: DiagnosticList

    /// Creates the error from its errors and warnings.
    /// - Complexity: O(errors + kept warnings).
    public init(errors: [Diagnostic], warnings: DiagnosticList = DiagnosticList()) {
        diagnostics = errors + Array(warnings)
        warningList = warnings
    }

    /// The errors alone.
    /// - Complexity: O(diagnostics).
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The kept warnings alone.
    /// - Complexity: O(kept warnings).
    public var warnings: [Diagnostic] { Array(warningList) }
    /// Every diagnostic, one per line.
    /// - Complexity: O(length of the text).
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
