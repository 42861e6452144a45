import Foundation
import Testing
import SupplyGraph
@testable import SupplyXML

/// Entities, owner links, the checks on them, the ultimate controller and the derived
/// `controlledBy`.
@Suite("Ownership")
struct OwnershipTests {
    static let owned = """
        <supplyChain xmlns="urn:chokepoint:supply-chain:1">
          <system id="s"><uses item="m" quantity="1"/></system>
          <material id="m"/>
          <supplier id="p" country="DE" lei="5299 00AB CD12 3456 7890" registration="HRB 4711"><supplies item="m"/></supplier>
          <entity id="hold" name="Hold AG" country="CH"/>
          <entity id="top" name="Top Ltd" country="GB"/>
          <entity id="anna" name="Anna Example" person="true"/>
          <owner of="p" by="hold" share="0.6"/>
          <owner of="p" by="anna" share="0.2"/>
          <owner of="hold" by="top" share="0.3" control="true"/>
        </supplyChain>
        """

    @Test(arguments: [true, false])
    func readsEntitiesAndDerivesControl(validate: Bool) throws {
        let g = try importXML(Self.owned, validate: validate).graph
        let p = try #require(g.supplier(withKey: "p"))
        let o = g.ownership
        #expect(o.entityKeys == ["hold", "top", "anna"])
        #expect(o.entityIsPerson == [false, false, true])
        #expect(g.lei(of: .supplier(p)) == "5299 00AB CD12 3456 7890" && g.registration(of: .supplier(p)) == "HRB 4711")
        #expect(o.owners(of: .supplier(p)).count == 2)
        #expect(o.controller(of: .supplier(p)) == .entity(0))
        #expect(o.ultimateController(of: .supplier(p)) == .entity(1))
        #expect(g.supplierControlledBy[p].code == "GB")
        #expect(g.supplierControlledByDerived == [true])
    }

    @Test func aGivenControlledByIsKept() throws {
        let text = Self.owned.replacing(#"country="DE" lei"#, with: #"country="DE" controlledBy="DE" lei"#)
        let g = try importXML(text).graph
        #expect(g.supplierControlledBy[SupplierID(0)].code == "DE")
        #expect(g.supplierControlledByDerived.isEmpty)
    }

    @Test func exportRoundTrip() throws {
        let g = try importXML(Self.owned).graph
        let written = SupplyChainWriter().document(for: g)
        let again = try importXML(written).graph
        #expect(SupplyChainWriter().document(for: again) == written)
        #expect(!written.contains("controlledBy"), "a derived controlledBy is not written as given")
        #expect(written.contains(#"<owner of="hold" by="top" share="0.3" control="true"/>"#))
        #expect(again.supplierControlledByDerived == [true])
    }

    static let broken: [(body: String, message: String, line: Int)] = [
        // Owners' shares above 1 beyond the tolerance (0.05): at the owner that tips the sum.
        (#"<entity id="a" name="A"/><entity id="b" name="B"/>"# + "\n" + #"<owner of="p" by="a" share="0.5"/>"# + "\n" + #"<owner of="p" by="b" share="0.6"/>"#,
         "the owners' shares of 'p' sum to 1.1, above 1 by more than the tolerance 0.05", 3),
        // A cycle, named.
        (#"<entity id="a"/><entity id="b"/>"# + "\n" + #"<owner of="a" by="b" share="0.1"/>"# + "\n" + #"<owner of="b" by="a" share="0.1"/>"#,
         "ownership cycle: ", 0),
        // Two controlling owners: an error at the later one.
        (#"<entity id="a"/><entity id="b"/>"# + "\n" + #"<owner of="p" by="a" share="0.51"/>"# + "\n" + #"<owner of="p" by="b" share="0.1" control="true"/>"#,
         "'p' has two controlling owners, 'a' and 'b'", 3),
        // An unknown party.
        (#"<owner of="p" by="nobody" share="0.1"/>"#, "unknown party 'nobody' in <owner>", 1),
        // An entity with a supplier's id.
        (#"<entity id="p"/>"#, "duplicate id 'p'", 1),
    ]

    @Test(arguments: broken)
    func brokenOwnership(_ body: String, _ message: String, _ line: Int) {
        let text = "\(head)\n<material id=\"m\"/><supplier id=\"p\" country=\"DE\"><supplies item=\"m\"/></supplier>\n\(body)\n</supplyChain>"
        let found = errors(text)
        let hit = found.first { $0.message.contains(message) }
        #expect(hit != nil, "got \(found.map(\.description))")
        if line > 0 { #expect(hit?.location?.line == line + 2, "got \(found.map(\.description))") }
        #expect(hit?.location?.file == "t.xml")
    }

    @Test func aCycleIsNamed() {
        let text = "\(head)\n<entity id=\"a\"/><entity id=\"b\"/><entity id=\"c\"/>\n<owner of=\"a\" by=\"b\" share=\"0.1\"/><owner of=\"b\" by=\"c\" share=\"0.1\"/><owner of=\"c\" by=\"a\" share=\"0.1\"/>\n</supplyChain>"
        let messages = errors(text).map(\.message)
        #expect(messages.contains { $0.contains("ownership cycle: 'a' is owned by 'b' is owned by 'c' is owned by 'a'") }, "got \(messages)")
    }
}

/// The `entities` and `owners` tables of a CSV folder (the workbook's sheets are read by the
/// same table reader).
@Suite("Ownership tables")
struct OwnershipTableTests {
    @Test func csvFolderWithEntitiesAndOwners() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("owners-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "items.csv": "id,kind\nm,material\n",
            "bom.csv": "parent,item,quantity\n",
            "suppliers.csv": "id,name,country,lei\np,P Works,DE,5299 00AB\n",
            "supplies.csv": "supplier,item\np,m\n",
            "entities.csv": "id,name,country,person\nhold,Hold AG,CH,\nanna,Anna Example,,TRUE\n",
            "owners.csv": "of,by,share,control\np,hold,60%,\nhold,anna,10 %,true\n",
        ]
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let g = try SupplyChainImporter().importFiles([folder.path]).graph
        #expect(g.ownership.entityKeys == ["hold", "anna"] && g.ownership.entityIsPerson == [false, true])
        #expect(g.ownership.links.map(\.share) == [0.6, 0.1])
        #expect(g.ownership.ultimateController(of: .supplier(SupplierID(0))) == .entity(1))
        #expect(g.lei(of: .supplier(SupplierID(0))) == "5299 00AB")
    }

    @Test func aBadFlagIsAnErrorAtItsCell() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("owners-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id,name,person\nanna,Anna,maybe\n".write(to: folder.appendingPathComponent("entities.csv"), atomically: true, encoding: .utf8)
        do {
            _ = try SupplyChainImporter().importFiles([folder.path])
            Issue.record("loaded")
        } catch {
            #expect(error.errors.first?.description.hasSuffix("entities.csv:2:3: error: 'maybe' must be true or false") == true, "got \(error)")
        }
    }
}
