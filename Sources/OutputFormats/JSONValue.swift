#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON document, written with keys in the order given and numbers as plain JSON numbers.
///
/// Kept small on purpose: the report's JSON is a contract (the article "The JSON contracts"), so its layout is spelled
/// out where it is built rather than derived from `Codable` types.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Whether two values are the same, field by field.
    /// - Complexity: O(fields).
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// A number, or `null` when it is not finite (JSON has no infinity).
    /// - Complexity: O(1).
    public static func finite(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }

    /// The text, pretty-printed with two spaces when `pretty`, and a final newline.
    /// - Complexity: O(size of the document).
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: pretty ? 0 : -1)
        out += "\n"
        return out
    }

    /// Appends the text at `indent` (`-1`: not pretty), without a final newline: a member of a
    /// document that is written piece by piece (the graph JSON writer).
    /// - Complexity: O(size of the value).
    public func write(to out: inout String, indent: Int) {
        let pretty = indent >= 0
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONValue.format(x)
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let values):
            if values.isEmpty { out += "[]"; return }
            // Arrays of scalars stay on one line: id lists read better that way.
            let scalar = values.allSatisfy { if case .array = $0 { false } else if case .object = $0 { false } else { true } }
            out += "["
            for (k, value) in values.enumerated() {
                if k > 0 { out += pretty && scalar ? ", " : "," }
                if pretty && !scalar { out += "\n" + String(repeating: " ", count: indent + 2) }
                value.write(to: &out, indent: pretty ? indent + 2 : -1)
            }
            if pretty && !scalar { out += "\n" + String(repeating: " ", count: indent) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (k, (key, value)) in members.enumerated() {
                if k > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: " ", count: indent + 2) }
                JSONValue.escape(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, indent: pretty ? indent + 2 : -1)
            }
            if pretty { out += "\n" + String(repeating: " ", count: indent) }
            out += "}"
        }
    }

    /// A finite double as a JSON number without binary noise: at most 12 significant digits
    /// (`1`, not `0.9999999999999999`; `306.4455584`, not `306.44555840000004`), integers
    /// without a fraction, `null` when not finite (the article "The JSON contracts").
    /// - Complexity: O(1).
    public static func format(_ x: Double) -> String {
        var out = ""
        append(x, to: &out)
        return out
    }

    /// Appends ``format(_:)`` of `x` to `out`, without an intermediate string (a national map
    /// writes 10^7 numbers): `x` rounded to 12 significant digits by an exact power of ten, then
    /// written in its shortest round-trip form — which for a value rounded that way has at most
    /// 12 digits.
    /// - Complexity: O(1).
    public static func append(_ x: Double, to out: inout String) {
        guard x.isFinite else { out += "null"; return }
        if x == 0 { out += "0"; return }
        if x == x.rounded(), abs(x) < 1e15 { out += String(Int64(x)); return }
        let digits = 11 - Int(log10(abs(x)).rounded(.down))
        var rounded = x
        if digits > 0 && digits <= 22 {
            let scale = exactPowersOfTen[digits]
            rounded = (x * scale).rounded() / scale
        } else if digits < 0 && digits >= -22 {
            let scale = exactPowersOfTen[-digits]
            rounded = (x / scale).rounded() * scale
        }
        else {
            out += roundedDecimal(x.description)
            return
        }
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { out += String(Int64(rounded)); return }
        out += rounded.description
    }

    /// A shortest-form decimal (`2.220446049250313e-16`) rounded to 12 significant digits in
    /// the text itself (`2.22044604925e-16`), for the magnitudes where no exact power of ten
    /// scales the value.
    static func roundedDecimal(_ text: String) -> String {
        var mantissa = Substring(text), exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = Array(mantissa.filter(\.isNumber).utf8).map { Int($0) - 48 }
        // Leading zeros do not count: 0.000123 has digits 000123 and the point after the first.
        var leading = 0
        while leading < digits.count - 1 && digits[leading] == 0 { leading += 1 }
        digits.removeFirst(leading)
        var power = exponent + point - 1 - leading // the power of ten of the first digit
        if digits.count > 12 {
            let up = digits[12] >= 5
            digits.removeLast(digits.count - 12)
            if up {
                var k = 11
                while k >= 0 { digits[k] += 1; if digits[k] < 10 { break }; digits[k] = 0; k -= 1 }
                if k < 0 { digits.insert(1, at: 0); digits.removeLast(); power += 1 }
            }
        }
        while digits.count > 1 && digits.last == 0 { digits.removeLast() }
        var body = String(digits[0])
        if digits.count > 1 { body += "." + digits.dropFirst().map(String.init).joined() }
        return (negative ? "-" : "") + body + (power == 0 ? "" : "e\(power)")
    }

    /// 10^0 ... 10^22, every one exact in a `Double`.
    static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { v, _ in v * 10 } }

    /// Appends `s` as a JSON string literal.
    /// - Complexity: O(length of `s`).
    /// Whether `s` holds a byte JSON must escape: a control character, `"` or `\\`. Scans the
    /// UTF-8 bytes in place.
    @inline(__always) static func needsEscaping(_ s: String) -> Bool {
        let fast = s.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C { return true }
            return false
        }
        return fast ?? s.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    }

    /// Appends `s` as a JSON string literal, quotes included, with `"`, `\\` and control
    /// characters escaped.
    /// - Complexity: O(length of `s`).
    public static func escape(_ s: String, into out: inout String) {
        // Most strings (ids, names, codes) need no escape: append them whole.
        if !needsEscaping(s) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
