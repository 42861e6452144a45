/// The commodity of an item: the raw material family of all its stages and grades (`gallium`
/// for the ore's by-product, the metal and the high-purity grade alike).
///
/// Items carry the canonical word. What is typed or read is normalised by ``canonical(_:)``:
/// trimmed of spaces, case-folded, and mapped through the shipped alias table
/// (``aliases``: `aluminum` → `aluminium`; the Critical Raw Materials Act's "bauxite, alumina,
/// aluminium" is one commodity, `aluminium`). The table is generated from
/// `Data/commodity-aliases.csv` by `Tools/crma_to_swift.py`.
public enum Commodity {
    /// The canonical word for `text`: trimmed, case-folded, an alias replaced by its commodity;
    /// `nil` for blank text.
    ///
    /// ```swift
    /// Commodity.canonical(" Aluminum ")  // "aluminium"
    /// Commodity.canonical("Gallium")     // "gallium"
    /// ```
    /// - Complexity: O(length of `text`).
    public static func canonical(_ text: String) -> String? {
        var s = Substring(text)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        if s.isEmpty { return nil }
        let folded = s.lowercased()
        return aliases[folded] ?? folded
    }
}
