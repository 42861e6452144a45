import GraphExport
import RiskAnalysis

extension RiskReport {
    /// The risk policies of `policies` that the report's findings break, each in words
    /// (`3 single-source items`), in `RiskPolicy` order; empty when every one holds.
    /// - Complexity: that of `SupplyChainAnalysis.violations(of:)`.
    public func policyFailures(_ policies: Set<RiskPolicy>) -> [String] {
        analysis.violations(of: policies).map { v in
            let n = v.count, s = n == 1 ? "" : "s"
            switch v.policy {
            case .singleSource: return "\(n) single-source item\(s)"
            case .spof: return "\(n) system\(s) with a single point of failure"
            case .nonEU: return "\(n) system\(s) not buildable inside \(perimeterName)"
            case .crma65: return "\(n) strategic raw material\(s) at or above the \(Concentration.crmaLabel) benchmark"
            case .concentrated65: return "\(n) material\(s) 65 % or more from one third country"
            }
        }
    }
}

extension MapDiffReport {
    /// The diff policies of `policies` that the diff breaks, each in words (`2 new single
    /// sources`), in `DiffPolicy` order; empty when every one holds.
    /// - Complexity: O(policies).
    public func policyFailures(_ policies: Set<DiffPolicy>) -> [String] {
        diff.violations(of: policies).map { v in
            switch v.policy {
            case .newSingleSource: DisplayNumber.count(v.count, "new single source")
            case .newSPOF: DisplayNumber.count(v.count, "new single point") + " of failure"
            case .lostEUBuildable: DisplayNumber.count(v.count, "system") + " no longer buildable on EU supply"
            case .newCrippled: DisplayNumber.count(v.count, "system") + " newly falling or crippled on EU supply alone"
            case .newSanctioned: DisplayNumber.count(v.count, "newly sanctioned supplier")
            }
        }
    }
}
