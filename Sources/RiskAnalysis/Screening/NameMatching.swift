import Foundation

/// How names and identifiers of parties and of sanctions-list entries are compared.
///
/// A name is *normalised* in these steps, in this order:
/// 1. Unicode NFKC (compatibility composition: `ﬁ` is `fi`, a full-width `Ａ` is `A`);
/// 2. full case folding (`ß` is `ss`, `Σ` and `ς` are `σ`);
/// 3. canonical decomposition (NFD), every combining mark dropped (`é` is `e`, `ü` is `u`),
///    and composed again (NFC);
/// 4. `.`, `'` and `’` deleted (`S.A.` is `sa`, `O'Neil` is `oneil`);
/// 5. every other run of characters that are not letters or numbers (Unicode general
///    categories L and N) made one space;
/// 6. the legal-form words ``legalForms`` dropped wherever they stand as whole words;
/// 7. the words joined by single spaces, with none at either end.
///
/// A name that normalises to nothing (`S.A.`, `GmbH & Co. KG`) never matches anything.
/// Nothing is transliterated: `ООО Ромашка` normalises to `ромашка` and does not match
/// `Romashka LLC` (`romashka`).
///
/// An *identifier* (an LEI, a registration or tax number) is compared on its letters and
/// numbers alone, case-folded: `DE 123-456` and `de123456` are one identifier.
public enum NameMatching {
    /// The legal-form words dropped from names, Latin and Cyrillic.
    public static let legalForms: Set<String> = [
        "ltd", "limited", "llc", "inc", "corp", "corporation", "co", "company", "plc", "gmbh",
        "ag", "se", "sa", "sas", "sarl", "spa", "srl", "sro", "doo", "kft", "bv", "nv", "ab", "as",
        "asa", "oy", "oyj", "kg", "jsc", "pjsc", "ojsc", "oao", "pao", "ooo", "ao", "zao", "tov",
        "llp", "lp",
        "ооо", "ао", "пао", "зао", "оао", "тов",
    ]

    /// The normalised form of a name (see ``NameMatching``): its words, joined by one space.
    /// Empty when nothing is left, and an empty name never matches.
    /// - Complexity: O(length of `name`).
    public static func normalise(_ name: String) -> String {
        normalisedWords(name).joined(separator: " ")
    }

    /// The words of the normalised form of a name, in order (legal forms dropped).
    /// - Complexity: O(length of `name`).
    public static func normalisedWords(_ name: String) -> [String] {
        let compatible = name.precomposedStringWithCompatibilityMapping
        let folded = caseFolded(compatible)
        var stripped = String.UnicodeScalarView()
        for scalar in folded.decomposedStringWithCanonicalMapping.unicodeScalars
        where !isCombiningMark(scalar) {
            stripped.append(scalar)
        }
        let composed = String(stripped).precomposedStringWithCanonicalMapping
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty {
                let text = String(word)
                if !legalForms.contains(text) { words.append(text) }
                word = String.UnicodeScalarView()
            }
        }
        for scalar in composed.unicodeScalars {
            switch scalar {
            case ".", "'", "\u{2019}": continue
            default:
                if isLetterOrNumber(scalar) { word.append(scalar) } else { endWord() }
            }
        }
        endWord()
        return words
    }

    /// Full Unicode case folding (the `CaseFolding.txt` mappings of status C and F).
    static func caseFolded(_ text: String) -> String {
        // Foundation's case-insensitive folding applies the full case folding; lowercasing
        // would leave `ß` and the final sigma.
        text.folding(options: [.caseInsensitive], locale: nil)
    }

    /// Whether a scalar is a combining mark (general categories Mn, Mc, Me).
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Whether a scalar is a letter or a number (general categories L and N).
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    /// An identifier as compared: its letters and numbers alone, case-folded. Empty when it
    /// has none, and an empty identifier never matches.
    /// - Complexity: O(length of `identifier`).
    public static func normaliseIdentifier(_ identifier: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in caseFolded(identifier.precomposedStringWithCompatibilityMapping).unicodeScalars
        where isLetterOrNumber(scalar) {
            result.append(scalar)
        }
        return String(result)
    }

    /// The token-set similarity of two normalised names, 0...1: rapidfuzz's
    /// `token_set_ratio / 100`.
    ///
    /// The words of each name are taken as a set. If either set is empty, 0. If the sets
    /// share a word and one holds all of the other's words, 1. Otherwise, with `I` the shared
    /// words, `A` and `B` the words of each name only, each sorted and joined by one space
    /// (`|x|` the length in characters): the largest of
    /// - `1 − indel(A, B) / (|I+A| + |I+B|)`, where `|I+A| = |I| + [|I| > 0] + |A|` and `indel`
    ///   is the insertions and deletions that turn one string into the other
    ///   (`|A| + |B| − 2·LCS(A, B)`);
    /// - when `I` is not empty, `1 − (1 + |A|) / (|I| + |I+A|)` and `1 − (1 + |B|) / (|I| + |I+B|)`.
    ///
    /// With `cutoff`, a similarity that cannot reach it is returned as 0 without the longest
    /// common subsequence (its bound: `indel >= ||A| − |B||`).
    /// - Complexity: O(|A|·|B|) for the longest common subsequence, plus the sorting of the words.
    public static func tokenSetSimilarity(_ first: String, _ second: String, cutoff: Double = 0) -> Double {
        let a = Set(first.split(separator: " ").map(String.init))
        let b = Set(second.split(separator: " ").map(String.init))
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let shared = a.intersection(b), onlyA = a.subtracting(b), onlyB = b.subtracting(a)
        if !shared.isEmpty && (onlyA.isEmpty || onlyB.isEmpty) { return 1 }
        let joinedA = Array(onlyA.sorted().joined(separator: " ").unicodeScalars)
        let joinedB = Array(onlyB.sorted().joined(separator: " ").unicodeScalars)
        let sectLength = shared.reduce(0) { $0 + $1.unicodeScalars.count } + max(0, shared.count - 1)
        let gap = sectLength > 0 ? 1 : 0
        let sectALength = sectLength + gap + joinedA.count
        let sectBLength = sectLength + gap + joinedB.count
        func ratio(_ distance: Int, _ total: Int) -> Double { total == 0 ? 1 : 1 - Double(distance) / Double(total) }
        var result = 0.0
        if sectLength > 0 {
            result = max(ratio(gap + joinedA.count, sectLength + sectALength), ratio(gap + joinedB.count, sectLength + sectBLength))
        }
        let bound = ratio(abs(joinedA.count - joinedB.count), sectALength + sectBLength)
        if bound > result && bound >= cutoff {
            let indel = joinedA.count + joinedB.count - 2 * longestCommonSubsequence(joinedA, joinedB)
            result = max(result, ratio(indel, sectALength + sectBLength))
        }
        return result >= cutoff ? result : 0
    }

    /// The length of the longest common subsequence of two scalar sequences.
    static func longestCommonSubsequence(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
