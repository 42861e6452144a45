import OutputFormats
import RiskAnalysis

/// How a figure reads to the person looking at it: plain, good news, a warning or bad news.
/// Decided once, in the rows of the presentation model (``SystemRow``,
/// ``HiddenSinglePointRow``, ``StockpileLine``); the terminal, Markdown and HTML formatters
/// only map it to their colours.
public enum Tone: String, Sendable, Equatable {
    /// Nothing to say.
    case plain
    /// Good news (green).
    case ok
    /// A warning (orange).
    case warn
    /// Bad news (red).
    case bad

    /// The terminal table's tone.
    /// - Complexity: O(1).
    public var table: TextTable.Tone {
        switch self {
        case .plain: .plain
        case .ok: .good
        case .warn: .warn
        case .bad: .bad
        }
    }

    /// The briefing's CSS class (`good`, `warn`, `bad`), `nil` for plain.
    /// - Complexity: O(1).
    public var htmlClass: String? {
        switch self {
        case .plain: nil
        case .ok: "good"
        case .warn: "warn"
        case .bad: "bad"
        }
    }
}

/// `names` joined by `separator`, the first `limit` of them and `+N more` after: a list for one
/// cell that stays readable on a big map.
/// - Complexity: O(names shown).
func capped(_ names: [String], limit: Int, separator: String = ", ") -> String {
    if names.count <= limit { return names.joined(separator: separator) }
    return names.prefix(limit).joined(separator: separator) + "\(separator)+\(names.count - limit) more"
}

extension SupplyState {
    /// How the state reads: unaffected ok, degraded warn, crippled and falls bad — for a
    /// system's verdict in the report, the briefing and `whatif` alike.
    /// - Complexity: O(1).
    public var tone: Tone {
        switch self {
        case .unaffected: .ok
        case .degraded: .warn
        case .crippled, .falls: .bad
        }
    }
}
