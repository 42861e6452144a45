/// The error of the analysis layer: a scenario or a question that does not fit the data.
///
/// ```
/// error: unknown country code 'UK' (did you mean 'GB'?)
/// ```
public struct RiskAnalysisError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code (a struct over a private enum, so codes can be added).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case unknownSupplier, unknownCountry, unknownGroup, unknownItem, notASystem, noItemMatches, unknownCommodity }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// A supplier id the data does not have.
        public static let unknownSupplier = Code(.unknownSupplier)
        /// A country code that is not ISO 3166-1 alpha-2.
        public static let unknownCountry = Code(.unknownCountry)
        /// A group that is neither built in nor defined by the data.
        public static let unknownGroup = Code(.unknownGroup)
        /// An item id the data does not have.
        public static let unknownItem = Code(.unknownItem)
        /// An item that exists but is not a system where a system is asked for.
        public static let notASystem = Code(.notASystem)
        /// An `--items` pattern that matches no item.
        public static let noItemMatches = Code(.noItemMatches)
        /// A `--commodity` that no item of the data carries.
        public static let unknownCommodity = Code(.unknownCommodity)
        /// The code's name, e.g. `unknownCountry`.
        /// - Complexity: O(1).
        public var description: String { value.rawValue }
    }
    /// The code.
    public let code: Code
    /// One sentence, without the `error:` prefix.
    public let message: String
    /// Creates an error.
    /// - Complexity: O(1).
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }
    /// `error: message`.
    /// - Complexity: O(1).
    public var description: String { "error: \(message)" }
}
