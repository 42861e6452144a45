/// A yes/no value as the data writes it: `true`, `1`, `yes` for yes; `false`, `0`, `no` for no
/// (any case, spaces trimmed); an empty value is no value. The XML attribute `aggregate` and the
/// workbook and CSV column of the same name read it alike.
enum FlagValue {
    /// The value of `text`, or `nil` when it is none of the words above.
    static func parse(_ text: String) -> Bool? {
        var s = Substring(text)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        switch s.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: return nil
        }
    }
}
