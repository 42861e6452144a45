import CSupplyXML

/// The attributes of one start tag, read on demand (values live until the callback returns).
struct Attributes {
    let start: cs_start_element

    func raw(_ code: cs_attribute) -> UnsafeRawBufferPointer? {
        for i in 0..<Int(start.attribute_count) {
            let attribute = start.attributes[i]
            if attribute.code == Int32(code.rawValue) {
                return UnsafeRawBufferPointer(start: attribute.value, count: Int(attribute.length))
            }
        }
        return nil
    }

    /// The value with surrounding white space removed (ids are `xs:token`).
    func string(_ code: cs_attribute) -> String? {
        guard let bytes = raw(code) else { return nil }
        return decode(trimmingSpaces(bytes))
    }

    /// libxml2 hands `&amp;` over as `&#38;` when it does not substitute entities (and it must
    /// not: see SECURITY.md); every other reference arrives decoded.
    private func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(0x26) else { return text }
        return text.replacing("&#38;", with: "&")
    }

    /// The value as written, for names.
    func text(_ code: cs_attribute) -> String? {
        raw(code).map(decode)
    }

    func list(_ code: cs_attribute) -> [String]? {
        string(code).map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init) }
    }

    /// The names of the attributes this element may not carry (`allowed`: bit `code` set for
    /// each allowed `cs_attribute`). Allocates nothing when all are allowed, the usual case.
    func unexpected(allowed: UInt64) -> [String] {
        var names: [String] = []
        for i in 0..<Int(start.attribute_count) {
            let attribute = start.attributes[i]
            let code = attribute.code
            if code == Int32(CS_AT_FOREIGN.rawValue) || (code >= 0 && code < 64 && allowed & (1 << UInt64(code)) != 0) { continue }
            names.append(String(cString: attribute.localname))
        }
        return names
    }
}

/// `bytes` without XML white space at either end.
func trimmingSpaces(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var lower = 0, upper = bytes.count
    while lower < upper, isSpace(bytes[lower]) { lower += 1 }
    while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
    return UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
}

@inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
