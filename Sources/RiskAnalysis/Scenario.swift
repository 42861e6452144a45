import SupplyGraph

/// A disruption: the set of suppliers that fail.
///
/// Built from the command line's `--without-supplier`, `--without-country`, `--without-group`
/// and `--only-group`; a supplier fails if any of them names it.
public struct Scenario: Sendable, Equatable {
    /// Supplier ids that fail.
    public var withoutSuppliers: [String] = []
    /// Country codes whose suppliers all fail; `unknown` names the suppliers of unknown origin.
    public var withoutCountries: [String] = []
    /// Groups whose suppliers all fail.
    public var withoutGroups: [String] = []
    /// Groups outside all of which every supplier fails (`EU`: the EU-only scenario).
    public var onlyGroups: [String] = []

    /// The empty scenario.
    public init() {}

    /// A scenario from its parts.
    public init(withoutSuppliers: [String] = [], withoutCountries: [String] = [], withoutGroups: [String] = [],
                onlyGroups: [String] = []) {
        self.withoutSuppliers = withoutSuppliers
        self.withoutCountries = withoutCountries
        self.withoutGroups = withoutGroups
        self.onlyGroups = onlyGroups
    }

    /// Whether nothing fails.
    public var isEmpty: Bool {
        withoutSuppliers.isEmpty && withoutCountries.isEmpty && withoutGroups.isEmpty && onlyGroups.isEmpty
    }

    /// The failed suppliers of `graph`.
    /// - Throws: ``RiskAnalysisError`` for an unknown supplier, country or group.
    /// - Complexity: O(suppliers · named groups).
    public func failedSuppliers(in graph: SupplyGraph) throws(RiskAnalysisError) -> [Bool] {
        var failed = [Bool](repeating: false, count: graph.supplierCount)
        if !withoutSuppliers.isEmpty {
            var index = [String: Int]()
            for (i, key) in graph.supplierKeys.enumerated() { index[key] = i }
            for key in withoutSuppliers {
                guard let s = index[key] else { throw RiskAnalysisError(.unknownSupplier, "unknown supplier '\(key)'") }
                failed[s] = true
            }
        }
        var countries = Set<Country>()
        for code in withoutCountries {
            if code == "unknown" { countries.insert(.unknown); continue }
            guard let country = Country(code: code) else {
                throw RiskAnalysisError(.unknownCountry, "unknown country code '\(code)'")
            }
            countries.insert(country)
        }
        let without = try withoutGroups.map { (id: String) throws(RiskAnalysisError) in try group(id, graph) }
        let only = try onlyGroups.map { (id: String) throws(RiskAnalysisError) in try group(id, graph) }
        for s in 0..<graph.supplierCount where !failed[s] {
            let country = graph.supplierCountries[s]
            if countries.contains(country) || without.contains(where: { $0.contains(country) }) {
                failed[s] = true
            } else if !only.isEmpty && !only.contains(where: { $0.contains(country) }) {
                failed[s] = true
            }
        }
        return failed
    }

    private func group(_ id: String, _ graph: SupplyGraph) throws(RiskAnalysisError) -> CountryGroup {
        guard let group = graph.group(withID: id) else {
            let known = (CountryGroup.builtIn + graph.userGroups).map(\.id).joined(separator: ", ")
            throw RiskAnalysisError(.unknownGroup, "unknown country group '\(id)' (known: \(known))")
        }
        return group
    }
}

/// The error of the analysis layer: a scenario or a question that does not fit the data.
public struct RiskAnalysisError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case unknownSupplier, unknownCountry, unknownGroup, unknownItem, notASystem }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        public static let unknownSupplier = Code(.unknownSupplier)
        public static let unknownCountry = Code(.unknownCountry)
        public static let unknownGroup = Code(.unknownGroup)
        public static let unknownItem = Code(.unknownItem)
        public static let notASystem = Code(.notASystem)
        public var description: String { value.rawValue }
    }
    /// The code.
    public let code: Code
    /// One sentence.
    public let message: String
    /// Creates an error.
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }
    public var description: String { "error: \(message)" }
}
