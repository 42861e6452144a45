import GraphExport
import RiskAnalysis

extension Concentration {
    /// The CRMA benchmark as the outputs name it, derived from `Concentration.crmaBenchmark`: `CRMA 65 %`.
    /// - Complexity: O(1).
    public static var crmaLabel: String { "CRMA \(DisplayNumber.percent(crmaBenchmark))" }

    /// The benchmark's share alone: `65 %`.
    /// - Complexity: O(1).
    public static var crmaPercent: String { DisplayNumber.percent(crmaBenchmark) }
}
