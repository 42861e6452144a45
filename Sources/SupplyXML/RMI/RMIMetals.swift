import SupplyGraph

/// The metals the templates name, in English as RMI writes them, and the commodity each is:
/// the one table of the article "Suppliers' declarations". Matched case-insensitively after
/// trimming; the commodity word then goes through the item commodity's alias table like any
/// commodity read (so `natural-graphite` lands where the items' graphite is).
enum RMIMetals {
    /// (metal as the templates write it, commodity word).
    static let table: [(metal: String, commodity: String)] = [
        // CMRT: the 3TG.
        ("Tin", "tin"), ("Tantalum", "tantalum"), ("Tungsten", "tungsten"), ("Gold", "gold"),
        // EMRT 1.x: cobalt and mica; from 2.0 also copper, natural graphite, lithium, nickel.
        ("Cobalt", "cobalt"), ("Mica", "mica"), ("Natural Mica", "mica"), ("Copper", "copper"),
        ("Natural Graphite", "natural-graphite"), ("Graphite", "natural-graphite"),
        ("Lithium", "lithium"), ("Nickel", "nickel"),
        // AMRT 1.x: aluminium and others.
        ("Aluminum", "aluminium"), ("Aluminium", "aluminium"), ("Rare Earth Elements", "rare-earths"),
        ("Rare Earths", "rare-earths"), ("Iridium", "platinum-group-metals"), ("Palladium", "platinum-group-metals"),
        ("Platinum", "platinum-group-metals"), ("Rhodium", "platinum-group-metals"),
        ("Ruthenium", "platinum-group-metals"), ("Silver", "silver"), ("Zinc", "zinc"),
        ("Manganese", "manganese"), ("Lime", "lime"), ("Soda Ash", "soda-ash"),
    ]

    private static let byKey: [String: String] = {
        var result: [String: String] = [:]
        for (metal, commodity) in table { result[key(metal)] = commodity }
        return result
    }()

    /// The lookup key: trimmed, lower case, runs of spaces as one.
    static func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The commodity word of a metal name, nil when the table does not have it.
    static func commodity(of metal: String) -> String? { byKey[key(metal)] }

    /// Every commodity some template covers (a *declarable* commodity).
    static var commodities: Set<String> { Set(table.map(\.commodity)) }

    /// The metal names nearest to `text` (for "did you mean").
    static func nearest(_ text: String) -> [String] {
        let k = key(text)
        let scored = table.map { ($0.metal, editDistance(Array(k), Array(key($0.metal)))) }
        let best = scored.map(\.1).min() ?? 0
        return scored.filter { $0.1 == best && best <= 3 }.map(\.0)
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
