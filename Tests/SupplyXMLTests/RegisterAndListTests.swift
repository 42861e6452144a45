import Testing
import SupplyGraph
@testable import SupplyXML

/// GLEIF's LEI-CDF and RR-CDF files and the EU financial sanctions file, in their published
/// structure (the project's own invented records).
@Suite("GLEIF and sanctions lists")
struct RegisterAndListTests {
    static let map = """
        <supplyChain xmlns="urn:chokepoint:supply-chain:1">
          <system id="s"><uses item="m" quantity="1"/></system>
          <material id="m"/>
          <supplier id="p" country="DE" lei="FICT00000000000000P1"><supplies item="m"/></supplier>
        </supplyChain>
        """
    static let lei = """
        <?xml version="1.0" encoding="UTF-8"?>
        <lei:LEIData xmlns:lei="http://www.gleif.org/data/schema/leidata/2016">
          <lei:Header><lei:ContentDate>2026-01-01T00:00:00Z</lei:ContentDate><lei:RecordCount>3</lei:RecordCount></lei:Header>
          <lei:LEIRecords>
            <lei:LEIRecord>
              <lei:LEI>fict00000000000000p1</lei:LEI>
              <lei:Entity><lei:LegalName xml:lang="de">P GmbH</lei:LegalName>
                <lei:LegalAddress><lei:FirstAddressLine>1 Street</lei:FirstAddressLine><lei:Country>DE</lei:Country></lei:LegalAddress>
              </lei:Entity>
            </lei:LEIRecord>
            <lei:LEIRecord>
              <lei:LEI>FICT00000000000000H2</lei:LEI>
              <lei:Entity><lei:LegalName>Fictional Holding SE</lei:LegalName>
                <lei:LegalAddress><lei:Country>LU</lei:Country></lei:LegalAddress>
                <lei:HeadquartersAddress><lei:Country>CY</lei:Country></lei:HeadquartersAddress>
              </lei:Entity>
            </lei:LEIRecord>
            <lei:LEIRecord>
              <lei:LEI>FICT00000000000000U3</lei:LEI>
              <lei:Entity><lei:LegalName>Fictional Ultimate Plc</lei:LegalName>
                <lei:LegalAddress><lei:Country>GB</lei:Country></lei:LegalAddress>
              </lei:Entity>
            </lei:LEIRecord>
          </lei:LEIRecords>
        </lei:LEIData>
        """
    static func rr(ultimate: String) -> String { """
        <?xml version="1.0" encoding="UTF-8"?>
        <rr:RelationshipData xmlns:rr="http://www.gleif.org/data/schema/rr/2016">
          <rr:Header><rr:ContentDate>2026-01-01T00:00:00Z</rr:ContentDate></rr:Header>
          <rr:RelationshipRecords>
            \(relationship("FICT00000000000000P1", "FICT00000000000000H2", "IS_DIRECTLY_CONSOLIDATED_BY", "ACTIVE"))
            \(relationship("FICT00000000000000H2", "FICT00000000000000U3", "IS_DIRECTLY_CONSOLIDATED_BY", "ACTIVE"))
            \(relationship("FICT00000000000000P1", ultimate, "IS_ULTIMATELY_CONSOLIDATED_BY", "ACTIVE"))
            \(relationship("FICT00000000000000P1", "FICT00000000000000XX", "IS_DIRECTLY_CONSOLIDATED_BY", "INACTIVE"))
            \(relationship("FICT00000000000000P1", "FICT00000000000000U3", "IS_INTERNATIONAL_BRANCH_OF", "ACTIVE"))
          </rr:RelationshipRecords>
        </rr:RelationshipData>
        """ }
    static func relationship(_ start: String, _ end: String, _ type: String, _ status: String) -> String { """
        <rr:RelationshipRecord><rr:Relationship>
          <rr:StartNode><rr:NodeID>\(start)</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:StartNode>
          <rr:EndNode><rr:NodeID>\(end)</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:EndNode>
          <rr:RelationshipType>\(type)</rr:RelationshipType>
          <rr:RelationshipPeriods><rr:RelationshipPeriod><rr:StartDate>2020-01-01T00:00:00Z</rr:StartDate><rr:PeriodType>RELATIONSHIP_PERIOD</rr:PeriodType></rr:RelationshipPeriod></rr:RelationshipPeriods>
          <rr:RelationshipStatus>\(status)</rr:RelationshipStatus>
        </rr:Relationship>
        <rr:Registration><rr:RegistrationStatus>PUBLISHED</rr:RegistrationStatus></rr:Registration></rr:RelationshipRecord>
        """ }

    func load(_ documents: [(String, String)]) throws(SupplyXMLError) -> SupplyChainImporter.Result {
        try SupplyChainImporter().importDocuments(documents.map { (Array($0.1.utf8), $0.0) })
    }

    @Test func leiRecordsAndConsolidation() throws {
        let result = try load([("map.xml", Self.map), ("lei.xml", Self.lei), ("rr.xml", Self.rr(ultimate: "FICT00000000000000U3"))])
        let g = result.graph
        let p = try #require(g.supplier(withKey: "p"))
        #expect(g.ownership.entityKeys == ["FICT00000000000000H2", "FICT00000000000000U3"], "the record of p's LEI is p")
        #expect(g.ownership.entityNames == ["Fictional Holding SE", "Fictional Ultimate Plc"])
        #expect(g.ownership.entityCountries.map(\.code) == ["LU", "GB"], "the legal address, not the headquarters")
        #expect(g.ownership.links.count == 2)
        #expect(g.ownership.links.allSatisfy { $0.share == nil && $0.control })
        #expect(g.ownership.ultimateController(of: .supplier(p)) == .entity(1))
        #expect(g.supplierControlledBy[p].code == "GB" && g.supplierControlledByDerived == [true])
        #expect(!result.warnings.contains { $0.code == .consolidationDisagrees })
    }

    @Test func anUltimateParentThatDisagreesIsAWarning() throws {
        let result = try load([("map.xml", Self.map), ("lei.xml", Self.lei), ("rr.xml", Self.rr(ultimate: "FICT00000000000000H2"))])
        let warning = try #require(result.warnings.first { $0.code == .consolidationDisagrees })
        #expect(warning.location?.file == "rr.xml")
        #expect(warning.message.contains("'FICT00000000000000H2' as the ultimate parent of 'p'"))
    }

    static let fsf = """
        <?xml version="1.0" encoding="UTF-8"?>
        <export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-02T10:00:00.000+01:00" globalFileId="1">
          <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.9001.01" logicalId="1">
            <regulation regulationType="amendment" programme="FICT" logicalId="2"><publicationUrl>x</publicationUrl></regulation>
            <subjectType code="enterprise" classificationCode="E"/>
            <nameAlias firstName="" middleName="" lastName="" wholeName="Fictional Arms S.A." function="" gender="" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="3"/>
            <nameAlias wholeName="ООО Фиктивный Завод" regulationLanguage="ru" logicalId="4"/>
            <identification number="HRB 12-345" latinNumber="" identificationTypeCode="regnumber" logicalId="5"/>
          </sanctionEntity>
          <sanctionEntity euReferenceNumber="EU.9002.02" logicalId="6">
            <regulation programme="FICT" logicalId="7"/>
            <regulation programme="OTHER" logicalId="8"/>
            <subjectType code="person" classificationCode="P"/>
            <nameAlias firstName="Ivan" middleName="" lastName="Inventedov" wholeName="" logicalId="9"/>
          </sanctionEntity>
          <sanctionEntity euReferenceNumber="EU.9003.03" logicalId="10">
            <subjectType code="vessel"/>
            <nameAlias wholeName="Fictional Vessel" logicalId="11"/>
          </sanctionEntity>
        </export>
        """

    @Test func readsTheFinancialSanctionsFile() throws {
        let list = try SanctionsListReader().read(bytes: Array(Self.fsf.utf8), name: "fsf.xml")
        #expect(list.generationDate == "2026-01-02T10:00:00.000+01:00")
        #expect(list.entityCount == 3)
        #expect(list.entries.map(\.reference) == ["EU.9001.01", "EU.9002.02"], "an entry of another type is counted, not kept")
        #expect(list.entries[0].subjectType == .enterprise && list.entries[1].subjectType == .person)
        #expect(list.entries[0].names == ["Fictional Arms S.A.", "ООО Фиктивный Завод"])
        #expect(list.entries[1].names == ["Ivan Inventedov"], "first, middle and last name joined without the empty middle")
        #expect(list.entries[0].identifiers == ["HRB 12-345"])
        #expect(list.entries[1].programmes == ["FICT", "OTHER"])
    }

    static let badLists: [(String, String, Int)] = [
        (#"<export xmlns="http://example.org/x"/>"#, "not an EU financial sanctions file", 1),
        ("<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">\n<sanctionEntity>\n<subjectType code=\"person\"/></sanctionEntity></export>",
         "<sanctionEntity> needs the attribute 'euReferenceNumber'", 2),
        ("<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">\n<sanctionEntity euReferenceNumber=\"x\">\n</export>", "is closed", 3),
    ]

    @Test(arguments: badLists)
    func aBadListIsALocatedError(_ text: String, _ message: String, _ line: Int) {
        do {
            _ = try SanctionsListReader().read(bytes: Array(text.utf8), name: "list.xml")
            Issue.record("read a bad list")
        } catch {
            let first = error.errors.first
            #expect(first?.location?.file == "list.xml")
            #expect(first?.location?.line == line, "got \(error)")
            #expect(first?.message.contains(message) == true, "got \(error)")
        }
    }

    @Test func aMissingListFileSaysSo() {
        #expect(throws: SupplyXMLError.self) { try SanctionsListReader().read(path: "/nonexistent/list.xml") }
    }
}
