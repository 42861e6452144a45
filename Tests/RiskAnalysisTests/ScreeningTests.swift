import Testing
import SupplyGraph
import SupplyXML
import ChokepointTestSupport
@testable import RiskAnalysis

/// The 50 % rule and the matching, worked by hand.
@Suite struct ScreeningTests {
    /// A list of two enterprises (`Listed One`, `Listed Two`, the second also by a
    /// registration number) and one person.
    static let list = SanctionsList(file: "list.xml", generationDate: "2026-01-01", entityCount: 4, entries: [
        .init(reference: "EU.1", subjectType: .enterprise, names: ["Listed One S.A."], identifiers: [], programmes: ["FICT"]),
        .init(reference: "EU.2", subjectType: .enterprise, names: ["Listed Two"], identifiers: ["HRB 99-001"], programmes: ["FICT"]),
        .init(reference: "EU.3", subjectType: .person, names: ["Ivan Inventedov"], identifiers: [], programmes: ["FICT"]),
    ])

    /// A map: item m from supplier p (0.7) and q (0.3); system s uses m. Owners of p as given.
    func screen(owners: String, extra: String = "") throws -> (SupplyGraph, Screening) {
        let g = try graph("""
            <system id="s"><uses item="m" quantity="1"/></system>
            <material id="m"/>
            <supplier id="p" name="Plain Works" country="DE"><supplies item="m" share="0.7"/></supplier>
            <supplier id="q" name="Other Works" country="FR"><supplies item="m" share="0.3"/></supplier>
            <entity id="one" name="LISTED ONE SA"/>
            <entity id="two" name="Second Holding" registration="hrb99001"/>
            <entity id="clean" name="Clean Holding"/>
            \(extra)
            \(owners)
            """)
        return (g, Screening(g, lists: [Self.list]))
    }

    func evidence(_ s: Screening, _ g: SupplyGraph, _ key: String) -> Screening.Evidence? {
        s.sanctioned.first { g.key(of: $0.party) == key }
    }

    @Test func listedByNameAndByIdentifier() throws {
        let (g, s) = try screen(owners: "")
        let one = try #require(evidence(s, g, "one")), two = try #require(evidence(s, g, "two"))
        #expect(one.how == .name && one.listReference == "EU.1" && one.matchedName == "Listed One S.A.")
        #expect(two.how == .identifier && two.listReference == "EU.2" && two.matchedName == "HRB 99-001")
        #expect(evidence(s, g, "p") == nil && evidence(s, g, "clean") == nil)
        #expect(s.items.isEmpty && s.systems.isEmpty)
    }

    /// share of p held by listed owners, and whether p is sanctioned.
    static let rule: [(String, Bool, Screening.How?)] = [
        // 30 % + 30 % by two listed owners: 0.6 >= 0.5.
        (#"<owner of="p" by="one" share="0.3"/><owner of="p" by="two" share="0.3"/>"#, true, .ownership),
        // 25 % + 25 %: exactly 0.5 counts.
        (#"<owner of="p" by="one" share="0.25"/><owner of="p" by="two" share="0.25"/>"#, true, .ownership),
        // 25 % + 20 %: 0.45 does not.
        (#"<owner of="p" by="one" share="0.25"/><owner of="p" by="two" share="0.2"/>"#, false, nil),
        // Control without a majority.
        (#"<owner of="p" by="one" share="0.1" control="true"/>"#, true, .control),
        // A clean owner's share does not count: 0.3 listed + 0.6 clean.
        (#"<owner of="p" by="one" share="0.3"/><owner of="p" by="clean" share="0.6"/>"#, false, nil),
    ]

    @Test(arguments: rule)
    func theFiftyPercentRule(_ owners: String, _ sanctioned: Bool, _ how: Screening.How?) throws {
        let (g, s) = try screen(owners: owners)
        let found = evidence(s, g, "p")
        #expect((found != nil) == sanctioned)
        #expect(found?.how == how)
        if sanctioned {
            // ŵ(p → m) = 0.7; s fails with p: φ(s) = 0.3.
            #expect(s.items.count == 1 && abs(s.items[0].sanctionedShare - 0.7) < 1e-12)
            #expect(s.systems.count == 1 && abs(s.systems[0].supplyFractionWithout - 0.3) < 1e-12)
            #expect(s.systems[0].sanctionedSuppliers.map { g.supplierKeys[$0] } == ["p"])
        }
    }

    /// Two levels: one holds 60 % of mid, mid holds 50 % of p: p by ownership through mid.
    /// The path takes the sanctioned owner with the largest share (mid 0.5 over two's 0.1).
    @Test func twoLevels() throws {
        let (g, s) = try screen(owners: #"<owner of="mid" by="one" share="0.6"/><owner of="p" by="mid" share="0.5"/><owner of="p" by="two" share="0.1"/>"#,
                                extra: #"<entity id="mid" name="Middle Holding"/>"#)
        let p = try #require(evidence(s, g, "p"))
        #expect(p.how == .ownership)
        #expect(p.path.map { g.key(of: $0) } == ["p", "mid", "one"])
        #expect(p.listReference == "EU.1" && p.matchedName == "Listed One S.A.")
        #expect(evidence(s, g, "mid")?.how == .ownership)
    }

    @Test func anOwnershipCycleIsAnError() {
        #expect(throws: SupplyXMLError.self) {
            _ = try screen(owners: #"<owner of="clean" by="p" share="0.1"/><owner of="p" by="clean" share="0.1"/>"#)
        }
    }

    @Test func personsMatchOnlyPersons() throws {
        let (g, s) = try screen(owners: "", extra: #"<entity id="ivan" name="Ivan Inventedov" person="true"/><entity id="ivan-co" name="Ivan Inventedov"/>"#)
        #expect(evidence(s, g, "ivan")?.how == .name)
        #expect(evidence(s, g, "ivan-co") == nil, "a company named like a listed person is not that person")
    }

    @Test func possibleMatchesAreListedNotCounted() throws {
        // "listed one trading" against "listed one": all of the alias's words are in the name: 1.
        // "listed tow" against "listed two": I = listed (6), A = tow, B = two; indel(tow, two) = 2;
        // 1 − 2/(10 + 10) = 0.9.
        let (g, s) = try screen(owners: "", extra: #"<entity id="near" name="Listed Tow"/><entity id="far" name="Unrelated Name"/>"#)
        let near = try #require(s.possible.first { g.key(of: $0.party) == "near" })
        #expect(near.listReference == "EU.2" && near.listName == "Listed Two" && abs(near.similarity - 0.9) < 1e-12)
        #expect(!s.possible.contains { g.key(of: $0.party) == "far" })
        #expect(evidence(s, g, "near") == nil)
    }

    @Test func anEntryInTwoListsCountsOnce() throws {
        let g = try graph(#"<material id="m"/><supplier id="p" name="Listed Two"><supplies item="m"/></supplier>"#)
        let s = Screening(g, lists: [Self.list, Self.list])
        #expect(s.sanctioned.count == 1 && s.lists.count == 2)
    }
}
