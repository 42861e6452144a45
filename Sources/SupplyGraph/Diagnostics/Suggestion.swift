/// "Did you mean": the nearest of a few words to a misspelt one, for readers and the command
/// line (`<use>` → `<uses>`, `reprot` → `report`).
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance (insertions, deletions, substitutions
    /// of characters, a transposition counting two), if one is near enough: at most 1 edit for
    /// words of up to 4 characters, 2 for up to 8, 3 beyond (or `maxDistance`). Ties go to the
    /// earlier candidate; a candidate equal to `word` up to case wins outright.
    /// - Complexity: O(candidates · length²); meant for short lists (element names, commands,
    ///   a few hundred ids), not for a table of ids — the builder has its own bounded search.
    public static func nearest(to word: String, among candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let lower = Array(word.lowercased().unicodeScalars)
        let limit = maxDistance ?? (lower.count <= 4 ? 1 : lower.count <= 8 ? 2 : 3)
        var best: (distance: Int, word: String)? = nil
        for candidate in candidates where candidate != word {
            let other = Array(candidate.lowercased().unicodeScalars)
            if other == lower { return candidate }
            guard let d = distance(lower, other, atMost: limit) else { continue }
            if best == nil || d < best!.distance { best = (d, candidate) }
        }
        return best?.word
    }

    /// The Levenshtein distance of `a` and `b` if it is at most `limit`, else nil.
    /// - Complexity: O(length of `a` · length of `b`).
    public static func distance<T: Equatable>(_ a: [T], _ b: [T], atMost limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMin = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
