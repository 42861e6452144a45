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

    /// A number for people: integers plain, others with up to 3 significant decimals (below
    /// 10^-4, as many decimals as two significant digits take, so that no number that is not 0
    /// reads as `0`), always in plain decimals (`0.0000002`, never `2e-07`); `∞` when infinite.
    /// - Complexity: O(1).
    public static func human(_ x: Double) -> String {
        guard x.isFinite else { return "∞" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        let magnitude = abs(x)
        if magnitude >= 1e15 { return x.description }
        var digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.01 ? 4 : 6
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        while digits < 17 && magnitude * scale < 10 && magnitude < 1e-4 { digits += 1; scale *= 10 }
        let units = (magnitude * scale).rounded()
        if units == 0 { return "0" }
        if units >= 9e18 { return x.description }
        var n = Int64(units)
        var power: Int64 = 1
        for _ in 0..<digits { power *= 10 }
        var fraction = String(n % power)
        n /= power
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return (x < 0 ? "-" : "") + String(n) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A quantity with its unit, in a smaller unit of mass where the number would need many
    /// decimals: a value below 0.01 of `t`, `kg` or `g` steps down to `kg`, `g`, `mg`
    /// (`0.0000002 t` is `0.2 g`); other units keep their number (``human(_:)``).
    /// - Complexity: O(1).
    public static func quantity(_ x: Double, unit: String) -> String {
        let masses: [(String, Double)] = [("t", 1e6), ("kg", 1e3), ("g", 1), ("mg", 1e-3)]
        guard x.isFinite, x != 0, var k = masses.firstIndex(where: { $0.0 == unit }) else {
            return human(x) + " " + unit
        }
        var value = x
        while abs(value) < 0.01 && k + 1 < masses.count {
            value *= masses[k].1 / masses[k + 1].1
            k += 1
        }
        return human(value) + " " + masses[k].0
    }

    /// A count with its noun in the right number: `1 system`, `3 systems`.
    /// - Complexity: O(1).
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}
