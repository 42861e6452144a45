import GraphExport
import OutputFormats
import RiskAnalysis

/// The verdict line every text leads with: the systems that fall or are crippled first.
enum VerdictLine {
    /// "3 of 9 systems fall or are crippled (below 10 % of normal production), 5 degraded, 1
    /// unaffected".
    static func counts(_ states: [SupplyState], critical: Double) -> String {
        let bad = states.filter(\.fallsOrCrippled).count
        let degraded = states.filter { $0 == .degraded }.count
        let unaffected = states.filter { $0 == .unaffected }.count
        return "\(bad) of \(DisplayNumber.count(states.count, "system")) \(bad == 1 ? "falls or is" : "fall or are") crippled "
            + "(below \(DisplayNumber.percent(critical)) of normal production), \(degraded) degraded, \(unaffected) unaffected"
    }

    /// The colour of a state in a terminal table.
    static func tone(_ state: SupplyState) -> TextTable.Tone {
        switch state {
        case .falls, .crippled: .bad
        case .degraded: .warn
        case .unaffected: .good
        }
    }
}
