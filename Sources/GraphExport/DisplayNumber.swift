import OutputFormats
import SupplyGraph

/// Numbers as people read them in tables, diagrams and briefings (not the JSON contract, which
/// writes full precision: ``JSONValue/format(_:)``).
public enum DisplayNumber {
    /// `0.773` as `77.3 %`: tenths of a percent, `100 %` and `0 %` without a decimal; a
    /// fraction that is not 0 but rounds to 0 is `<0.1 %` (and one short of 1 that rounds to
    /// 100 is `>99.9 %`), so that nothing real reads as nothing or as everything.
    /// - Complexity: O(1).
    public static func percent(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        let tenths = (x * 1000).rounded() / 10
        if tenths == 0 && Tolerance.isPositive(x) { return "<0.1 %" }
        if tenths == 100 && !Tolerance.reaches(x, 1) { return ">99.9 %" }
        return tenths == tenths.rounded() ? "\(Int(tenths)) %" : "\(tenths) %"
    }

    /// A range of fractions as percentages: `0–35 %`, `<0.1–2.6 %` (one figure when both ends
    /// print alike).
    /// - Complexity: O(1).
    public static func percentRange(_ low: Double, _ high: Double) -> String {
        let lo = percent(low), hi = percent(high)
        if lo == hi { return hi }
        return (lo.hasSuffix(" %") ? String(lo.dropLast(2)) : lo) + "–" + hi
    }

    /// A number for people: integers plain, others with up to 3 significant decimals; `∞`
    /// when infinite.
    /// - Complexity: O(1).
    public static func human(_ x: Double) -> String {
        guard x.isFinite else { return "∞" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        let magnitude = abs(x)
        if magnitude >= 1e15 { return x.description }
        let digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.01 ? 4 : 6
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (x * scale).rounded() / scale
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return rounded.description
    }

    /// A count with its noun in the right number: `1 system`, `3 systems`.
    /// - Complexity: O(1).
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}
