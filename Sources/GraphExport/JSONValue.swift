#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON document, written with keys in the order given and numbers as plain JSON numbers.
///
/// Kept small on purpose: the report's JSON is a contract (DESIGN §4), so its layout is spelled
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

    private func write(to out: inout String, indent: Int) {
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
    /// without a fraction, `null` when not finite (DESIGN §4).
    /// - Complexity: O(1).
    public static func format(_ x: Double) -> String {
        var out = ""
        append(x, to: &out)
        return out
    }

    /// Appends ``format(_:)`` of `x` to `out`, without an intermediate string (a national map
    /// writes 10^7 numbers).
    /// - Complexity: O(1).
    public static func append(_ x: Double, to out: inout String) {
        guard x.isFinite else { out += "null"; return }
        if x == 0 { out += "0"; return }
        if x == x.rounded(), abs(x) < 1e15 { out += String(Int64(x)); return }
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            let written = withVaList([x]) { vsnprintf(buffer.baseAddress, 32, "%.12g", $0) }
            guard written > 0 && written < 32 else { out += x.description; return }
            let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(written)).bindMemory(to: UInt8.self)
            out += String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Appends `s` as a JSON string literal.
    /// - Complexity: O(length of `s`).
    public static func escape(_ s: String, into out: inout String) {
        // Most strings (ids, names, codes) need no escape: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
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
