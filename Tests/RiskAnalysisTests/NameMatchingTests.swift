import Testing
@testable import RiskAnalysis

@Suite struct NameMatchingTests {
    static let names: [(String, String)] = [
        ("S.A.", ""),
        ("Acme S.A.", "acme"),
        ("ACME SA", "acme"),
        ("SA Acme", "acme"),                              // a legal form in another position
        ("Acme Holding GmbH & Co. KG", "acme holding"),
        ("Société Générale d'Études", "societe generale detudes"),
        ("Straße Werke AG", "strasse werke"),              // full case folding: ß is ss
        ("ＡＣＭＥ Ｌｔｄ", "acme"),                          // NFKC: full-width letters
        ("ООО Ромашка", "ромашка"),                        // Cyrillic legal form, no transliteration
        ("ПАО «Северный Завод»", "северныи завод"),          // й loses its breve
        ("Romashka LLC", "romashka"),
        ("O’Neil & Sons, Inc.", "oneil sons"),
        ("  Nordic   ASA  ", "nordic"),
        ("Costa Ltd.-Limited", "costa"),
        ("Co-Op Company", "op"),
    ]

    @Test(arguments: names)
    func normalisesNames(_ name: String, _ expected: String) {
        #expect(NameMatching.normalise(name) == expected)
    }

    @Test(arguments: [
        ("DE 123-456/7", "de1234567"),
        ("5299 00AB CD12 3456 7890", "529900abcd1234567890"),
        ("  hrb-4711 ", "hrb4711"),
        ("--", ""),
    ])
    func normalisesIdentifiers(_ identifier: String, _ expected: String) {
        #expect(NameMatching.normaliseIdentifier(identifier) == expected)
    }

    /// Worked by hand from rapidfuzz's definition.
    /// - "acme trading" / "acme trading": equal sets, 1.
    /// - "acme" / "acme steel": shared {acme}, one side has nothing else: 1.
    /// - "nordic arms" / "nordic armz": I = "nordic" (6), A = "arms", B = "armz" (4 each);
    ///   |I+A| = |I+B| = 6 + 1 + 4 = 11; indel(arms, armz) = 2 → 1 − 2/22 = 0.9090…;
    ///   1 − (1+4)/(6+11) = 0.7058…; the largest 0.909090….
    /// - "abc" / "abd": I empty, indel = 2, total 3 + 3 → 0.6667.
    /// - "severo zavod" / "severny zavod": I = "zavod" (5), A = "severo" (6), B = "severny" (7);
    ///   |I+A| = 12, |I+B| = 13; LCS = "sever" (5), indel = 6 + 7 − 10 = 3 → 1 − 3/25 = 0.88
    ///   (the others: 1 − 7/17, 1 − 8/18).
    static let similarities: [(String, String, Double)] = [
        ("acme trading", "trading acme", 1.0),
        ("acme", "acme steel", 1.0),
        ("nordic arms", "nordic armz", 1 - 2.0 / 22),
        ("abc", "abd", 1 - 2.0 / 6),
        ("", "acme", 0.0),
        ("severo zavod", "severny zavod", 1 - 3.0 / 25),
    ]

    @Test(arguments: similarities)
    func tokenSetSimilarity(_ a: String, _ b: String, _ expected: Double) {
        #expect(abs(NameMatching.tokenSetSimilarity(a, b) - expected) < 1e-12)
        #expect(abs(NameMatching.tokenSetSimilarity(b, a) - expected) < 1e-12)
    }

    @Test func aCutoffSkipsWhatCannotReachIt() {
        #expect(NameMatching.tokenSetSimilarity("abc", "abd", cutoff: 0.9) == 0)
        #expect(abs(NameMatching.tokenSetSimilarity("abc", "abd", cutoff: 0.6) - (1 - 2.0 / 6)) < 1e-12)
        // "a" against "abcdefghij": the bound 1 − 9/11 is below 0.85, so no LCS and 0.
        #expect(NameMatching.tokenSetSimilarity("a", "abcdefghij", cutoff: 0.85) == 0)
    }

    @Test func sAMatchesSA() {
        #expect(NameMatching.normalise("Ferro S.A.") == NameMatching.normalise("FERRO SA"))
        #expect(NameMatching.normalise("ООО Ромашка") != NameMatching.normalise("Romashka LLC"))
    }
}
