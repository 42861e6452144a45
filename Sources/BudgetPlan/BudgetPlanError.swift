/// Why a budget plan could not be made: the solver failed, or the programme was infeasible or
/// unbounded (which the formulation rules out: see the article "The budget plan"), or the
/// request cannot be planned.
public struct BudgetPlanError: Error, Sendable, CustomStringConvertible {
    /// A stable code: a struct over a private enum, so that codes can be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable { case solverFailed = "solver-failed", infeasible, unbounded, noEndItem = "no-end-item" }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// The solver stopped without a proven optimum.
        public static let solverFailed = Code(.solverFailed)
        /// The solver proved the programme infeasible.
        public static let infeasible = Code(.infeasible)
        /// The solver proved the programme unbounded.
        public static let unbounded = Code(.unbounded)
        /// No item in scope has a demand > 0: there is no production to keep.
        public static let noEndItem = Code(.noEndItem)
        /// The spelling, such as `solver-failed`.
        /// - Complexity: O(1).
        public var description: String { value.rawValue }
    }

    /// What went wrong, as a code.
    public let code: Code
    /// One sentence, lower case.
    public let message: String

    /// Creates an error.
    /// - Complexity: O(1).
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }

    /// `budget plan: <message>`.
    /// - Complexity: O(length of the message).
    public var description: String { "budget plan: \(message)" }
}
