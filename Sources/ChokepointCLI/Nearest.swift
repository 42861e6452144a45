/// The names nearest to a mistyped one, for "did you mean" hints.
enum Nearest {
    /// Up to `limit` of `candidates` that `name` probably meant: the same in another case, a
    /// candidate that starts with or contains it (`patriot` → `patriot-gem-t`,
    /// `patriot-pac3-mse`), or within an edit distance of a third of its length.
    /// - Complexity: O(candidates · length²); meant for short lists (commands, systems, groups).
    static func names(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let lower = name.lowercased()
        let folded = candidates.filter { $0.lowercased() == lower }
        if !folded.isEmpty { return Array(folded.prefix(limit)) }
        let containing = candidates.filter { lower.count >= 2 && $0.lowercased().contains(lower) }
        if !containing.isEmpty { return Array(containing.prefix(limit)) }
        let budget = max(1, lower.count / 3)
        let scored = candidates.map { (name: $0, distance: distance(lower, $0.lowercased())) }
            .filter { $0.distance <= budget }
            .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map(\.name)
    }

    /// The Damerau–Levenshtein (optimal string alignment) distance: insertions, deletions,
    /// substitutions and swaps of neighbours each cost 1.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[y.count]
    }
}
