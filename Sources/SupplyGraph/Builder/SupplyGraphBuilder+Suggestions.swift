/// Suggestions for the messages about references that do not resolve: "did you mean" the
/// nearest id, and the usual slips in country codes. Made only for an error that is reported
/// (at most ``SupplyGraphBuilder/Options/maxErrors`` of them), at a bounded cost each.
extension SupplyGraphBuilder {
    enum Kind { case item, supplier }

    /// Codes people write that ISO 3166-1 does not have, with the one it has.
    static let countryAliases: [String: String] = [
        "UK": "GB",   // the United Kingdom (the EU's and everyday spelling)
        "EL": "GR",   // Greece, as the EU institutions write it
    ]

    /// The message for a country code that is not in the table.
    /// - Complexity: O(1).
    func unknownCountryMessage(_ code: String, _ place: String) -> String {
        if let iso = Self.countryAliases[code], let country = Country(code: iso) {
            return "unknown country code '\(code)' in \(place) (ISO 3166-1 writes \(country.name) '\(iso)': did you mean '\(iso)'?)"
        }
        let upper = code.uppercased()
        if upper != code, let fixed = Country(code: upper) {
            return "unknown country code '\(code)' in \(place) (codes are upper case: did you mean '\(fixed.code)'?)"
        }
        if upper != code, let iso = Self.countryAliases[upper] {
            return "unknown country code '\(code)' in \(place) (codes are upper case, and ISO 3166-1 writes it '\(iso)': did you mean '\(iso)'?)"
        }
        if let named = CountryTable.country(named: code) {
            return "unknown country code '\(code)' in \(place) (a name, not a code: \(named.name) is '\(named.code)' in ISO 3166-1 alpha-2: did you mean '\(named.code)'?)"
        }
        return "unknown country code '\(code)' in \(place) (expected an ISO 3166-1 alpha-2 code such as 'DE')"
    }

    /// ` (did you mean 'x'?)`, a note on Unicode normalisation, or nothing.
    ///
    /// In order: an id that differs from `key` only by Unicode normalisation; one that differs
    /// only by case; one at edit distance 1 (found by looking up each deletion, transposition,
    /// substitution and insertion of a common id character: O(length · 70) look-ups, whatever
    /// the number of ids); and, when there are at most 20,000 ids, the nearest within distance
    /// 2 by ``Suggestion/distance(_:_:atMost:)`` over all of them. Only ids of the wanted `kind` count.
    /// - Complexity: O(length of `key` · 70) expected, plus O(ids · length) when there are at
    ///   most 20,000 ids.
    func suggestion(for key: String, kind: Kind, index: KeyIndex, canonical: [String: Int32]) -> String {
        func wanted(_ code: Int32) -> Bool {
            switch entity(ofCode: code) {
            case .item: kind == .item
            case .supplier: kind == .supplier
            case .group: false
            }
        }
        func find(_ candidate: String) -> String? {
            guard let code = index.find(candidate, in: self), wanted(code) else { return nil }
            return self.key(ofCode: code)
        }
        if !key.utf8.allSatisfy({ $0 < 0x80 }), let twin = canonical[key], wanted(twin) {
            return " ('\(self.key(ofCode: twin))' differs from it only by Unicode normalisation: one is written composed, NFC, the other decomposed, NFD; write both the same way)"
        }
        let length = key.utf8.count
        if let same = find(key.lowercased()) ?? find(key.uppercased()) { return " (did you mean '\(same)'?)" }
        guard length >= 3 else { return "" }
        let bytes = Array(key.utf8)
        func variant(_ b: [UInt8]) -> String? { find(String(decoding: b, as: UTF8.self)) }
        // Distance 1.
        for k in 0..<bytes.count {
            var b = bytes; b.remove(at: k)
            if let hit = variant(b) { return " (did you mean '\(hit)'?)" }
        }
        for k in 0..<(bytes.count - 1) where bytes[k] != bytes[k + 1] {
            var b = bytes; b.swapAt(k, k + 1)
            if let hit = variant(b) { return " (did you mean '\(hit)'?)" }
        }
        for k in 0..<bytes.count {
            for c in Self.idCharacters where c != bytes[k] {
                var b = bytes; b[k] = c
                if let hit = variant(b) { return " (did you mean '\(hit)'?)" }
            }
        }
        for k in 0...bytes.count {
            for c in Self.idCharacters {
                var b = bytes; b.insert(c, at: k)
                if let hit = variant(b) { return " (did you mean '\(hit)'?)" }
            }
        }
        // Distance 2, over a small table only.
        let keys: [String] = kind == .item ? itemRecords.map(\.key) : supplierRecords.map(\.key)
        guard length >= 6, keys.count <= 20_000 else { return "" }
        var best: (distance: Int, key: String)? = nil
        for candidate in keys {
            let other = Array(candidate.utf8)
            guard abs(other.count - bytes.count) <= 2, let d = Suggestion.distance(bytes, other, atMost: 2) else { continue }
            if best == nil || d < best!.distance { best = (d, candidate) }
        }
        return best.map { " (did you mean '\($0.key)'?)" } ?? ""
    }

    /// The characters ids are usually made of, for the variants at distance 1.
    static let idCharacters: [UInt8] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/ ".utf8)
}
