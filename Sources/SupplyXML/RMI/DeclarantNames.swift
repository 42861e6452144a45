import Foundation

/// The normalised form of a company name, to match a declaration's declarant with a supplier.
///
/// INTERIM, marked as such: these are the rules of the owner screening's name normalisation
/// (RiskAnalysis), which SupplyXML cannot import (it depends on SupplyGraph alone). They belong
/// in SupplyGraph, shared by both; until then they are repeated here, step for step:
/// Unicode NFKC; full case folding; combining marks dropped; `.`, `'` and `’` deleted; every
/// other run of characters that are not letters or digits one space; the legal-form words
/// dropped wherever they stand as words; trimmed. A name that normalises to nothing never
/// matches. Nothing is transliterated.
enum DeclarantNames {
    static let legalForms: Set<String> = [
        "ltd", "limited", "llc", "inc", "corp", "corporation", "co", "company", "plc", "gmbh",
        "ag", "se", "sa", "sas", "sarl", "spa", "srl", "sro", "doo", "kft", "bv", "nv", "ab", "as",
        "asa", "oy", "oyj", "kg", "jsc", "pjsc", "ojsc", "oao", "pao", "ooo", "ao", "zao", "tov",
        "llp", "lp",
        "ооо", "ао", "пао", "зао", "оао", "тов",
    ]

    /// The normalised words of `name`, joined by one space (empty: matches nothing).
    static func normalise(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
        var stripped = String.UnicodeScalarView()
        for scalar in folded.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: stripped.append(scalar)
            }
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
            if scalar == "." || scalar == "'" || scalar == "\u{2019}" { continue }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                word.append(scalar)
            default: endWord()
            }
        }
        endWord()
        return words.joined(separator: " ")
    }
}
