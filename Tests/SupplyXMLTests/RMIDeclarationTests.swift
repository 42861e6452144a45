import ChokepointTestSupport
import Foundation
import SupplyGraph
import Testing
@testable import SupplyXML

/// A CMRT 6.5 of "ACME PARTS GMBH" declaring one Chinese and one Russian tungsten smelter.
func acmeCMRT(_ rows: [RMITemplateWriter.Row]? = nil) -> RMITemplateWriter {
    var w = RMITemplateWriter()
    w.company = "ACME PARTS GMBH"
    w.rows = rows ?? [
        .init(metal: "Tungsten", lookUp: "Fictional Tungsten Smelter A", country: "CHINA", identification: "CID900001",
              standardName: "Fictional Tungsten Smelter A", countryCode: "CN"),
        .init(metal: "Tungsten", lookUp: "Smelter not listed", name: "Fictional Tungsten Works B", country: "RUSSIAN FEDERATION"),
        .init(metal: "Tungsten", lookUp: "Smelter not yet identified", standardName: "Unknown"),
    ]
    return w
}

func failure(_ body: () throws -> SupplyChainImporter.Result, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    do {
        let result = try body()
        Issue.record("accepted: \(result.graph.supplierCount) suppliers", sourceLocation: sourceLocation)
        return []
    } catch let error as SupplyXMLError {
        return error.errors.map(\.description)
    } catch {
        Issue.record("\(error)", sourceLocation: sourceLocation)
        return []
    }
}

@Suite struct RMITemplateTests {
    @Test(arguments: [
        ("Revision 6.5", "6.5"), ("Revision 6.31 — April 2023", "6.31"), ("Version 2.1", "2.1"),
        ("Rev. 1.3", "1.3"), ("Link to Terms & Conditions", nil), ("Revision", nil),
    ] as [(String, String?)])
    func versionIsReadFromTheRevisionText(text: String, version: String?) {
        #expect(RMITemplate.version(in: text) == version)
    }

    @Test(arguments: [
        (RMITemplate.Kind.cmrt, "6.5", true, UInt32(2)), (.cmrt, "6.01", true, 2), (.emrt, "2.1", true, 2), (.emrt, "1.11", true, 2),
        (.amrt, "1.3", true, 2), (.amrt, "1.2", true, 1), (.amrt, "1.1", true, 1),
        (.cmrt, "5.12", false, 0), (.cmrt, "7.0", false, 0), (.emrt, "3.0", false, 0), (.amrt, "2.0", false, 0),
    ])
    func knownVersionsHaveTheirColumns(kind: RMITemplate.Kind, version: String, known: Bool, metalColumn: UInt32) {
        let layout = RMITemplate.layout(kind, version: version)
        #expect((layout != nil) == known)
        if let layout { #expect(layout.columns.metal == metalColumn) }
    }

    @Test(arguments: [
        ("Tungsten", "tungsten"), ("TIN", "tin"), (" Natural Graphite ", "natural-graphite"), ("Graphite", "natural-graphite"),
        ("Aluminum", "aluminium"), ("Rare Earth Elements", "rare-earths"), ("Mica", "mica"), ("Cobalt", "cobalt"),
        ("Gold", "gold"), ("Tantalum", "tantalum"), ("Lithium", "lithium"), ("Nickel", "nickel"), ("Copper", "copper"),
    ])
    func metalsMapToCommodities(metal: String, commodity: String) {
        #expect(RMIMetals.commodity(of: metal) == commodity)
    }

    @Test(arguments: [
        ("RUSSIAN FEDERATION", "RU"), ("CONGO, DEMOCRATIC REPUBLIC OF THE", "CD"), ("TAIWAN, PROVINCE OF CHINA", "TW"),
        ("VIET NAM", "VN"), ("china", "CN"), ("GERMANY", "DE"), ("KOREA, REPUBLIC OF", "KR"),
    ])
    func countryNamesMapToISO(name: String, code: String) {
        #expect(RMICountries.lookUp(name) == .country(Country(code: code)!))
    }

    @Test func unknownIsUnknownOriginAndOtherNamesAreNot() {
        #expect(RMICountries.lookUp("Unknown") == .unknownOrigin)
        #expect(RMICountries.lookUp("UNKNOWN") == .unknownOrigin)
        guard case .notACountry(let suggestions) = RMICountries.lookUp("RUSIAN FEDERATION") else {
            Issue.record("accepted"); return
        }
        #expect(suggestions.contains { $0.contains("(RU)") })
    }

    @Test func aTemplateIsToldByItsSheets() {
        #expect(RMIWorkbookReader.isTemplate(sheets: ["Instructions", "Declaration", "Smelter List", "Checker"]))
        #expect(RMIWorkbookReader.isTemplate(sheets: ["declaration", " Smelter list "]))
        #expect(!RMIWorkbookReader.isTemplate(sheets: ["items", "bom", "suppliers", "supplies"]))
        #expect(!RMIWorkbookReader.isTemplate(sheets: ["Declaration"]))
    }
}

@Suite struct RMIDeclarationTests {
    @Test func declaredSmeltersBecomeSuppliersOfTheNearestTungstenItem() throws {
        let result = try importWithDeclarations(map: declarationTestMap, [("acme-cmrt.xlsx", acmeCMRT())])
        let g = result.graph
        let w = try #require(g.item(withKey: "w"))
        let cn = try #require(g.supplier(withKey: "CID900001"))
        #expect(g.supplierCountries[cn.index] == Country(code: "CN"))
        #expect(g.supplierNames[cn.index] == "Fictional Tungsten Smelter A")
        // "Smelter not listed": no identification, so the slug.
        let ru = try #require(g.supplier(withKey: "smelter:fictional-tungsten-works-b:RU"))
        #expect(g.supplierCountries[ru.index] == Country(code: "RU"))
        let suppliers = Set(g.supplyEdges(of: w).map { g.supplierKeys[g.edgeSupplier[$0].index] })
        #expect(suppliers == ["w-at", "CID900001", "smelter:fictional-tungsten-works-b:RU"])
        // The declarant's edge to the part is sourced from the smelters for w.
        let acme = try #require(g.supplier(withKey: "acme"))
        let edge = try #require(g.supplyEdges(from: acme).first)
        let sourcing = g.sourcing(of: edge)
        #expect(sourcing.count == 1)
        // One "not yet identified" row: counted in a warning.
        let warnings = Array(result.warnings).filter { $0.code == .rmiNotYetIdentified }
        #expect(warnings.count == 1)
        #expect(warnings.first?.description.contains("1 Tungsten smelter row says 'Smelter not yet identified'") == true)
        // Provenance: the smelter comes from its row of the Smelter List.
        let origin = try #require(g.origin(of: cn))
        #expect(g.location(of: origin).description.hasSuffix("acme-cmrt.xlsx:Smelter List!D5"))
    }

    @Test func twoDeclarationsNamingOneSmelterMakeOneSupplier() throws {
        var other = acmeCMRT()
        other.company = "Tungsten works, Austria"
        let map = declarationTestMap + "\n<component id=\"part2\" name=\"Second part\"><uses item=\"w\" quantity=\"1\"/></component>"
            + "\n<supplier id=\"acme2\" name=\"Acme Two\" country=\"DE\"><supplies item=\"part2\"/></supplier>"
            + "\n<system id=\"sys2\" name=\"Second system\"><uses item=\"part2\" quantity=\"1\"/></system>"
        var second = acmeCMRT()
        second.company = "Acme Two"
        let result = try importWithDeclarations(map: map, [("acme-cmrt.xlsx", acmeCMRT()), ("acme2-cmrt.xlsx", second)])
        let g = result.graph
        #expect(g.suppliers.filter { g.supplierKeys[$0.index] == "CID900001" }.count == 1)
        let w = try #require(g.item(withKey: "w"))
        #expect(g.supplyEdges(of: w).count == 3)
    }

    @Test func hiddenRowsAndMergedCellsAreReadAsTheyStand() throws {
        var rows = acmeCMRT().rows
        var hidden = RMITemplateWriter.Row(metal: "Tungsten", lookUp: "Smelter not listed", name: "Fictional Hidden Works", country: "VIET NAM")
        hidden.hidden = true
        rows.append(hidden)
        // The Declaration's D8:I8 and the Smelter List's A1:Q1 are merged cells in every written workbook.
        let result = try importWithDeclarations(map: declarationTestMap, [("acme-cmrt.xlsx", acmeCMRT(rows))])
        #expect(result.graph.supplier(withKey: "smelter:fictional-hidden-works:VN") != nil)
    }

    @Test func aDeeperItemGetsTheSmeltersButNoSourcedFromAndAWarning() throws {
        // part uses an insert that uses w: w lies two levels below what acme supplies.
        let map = declarationTestMap
            .replacingOccurrences(of: "<uses item=\"w\" quantity=\"1\"/></component>", with: "<uses item=\"insert\" quantity=\"1\"/></component>")
            + "\n<component id=\"insert\" name=\"Insert\"><uses item=\"w\" quantity=\"1\"/></component>"
        let result = try importWithDeclarations(map: map, [("acme-cmrt.xlsx", acmeCMRT())])
        let g = result.graph
        let w = try #require(g.item(withKey: "w"))
        #expect(g.supplyEdges(of: w).count == 3)
        let acme = try #require(g.supplier(withKey: "acme"))
        #expect(g.sourcing(of: try #require(g.supplyEdges(from: acme).first)).isEmpty)
        let warning = try #require(Array(result.warnings).first { $0.code == .rmiDeepSourcing })
        #expect(warning.description.contains("supply 'w', which lies below 'part' but is not a direct input of it"))
    }

    @Test func aMetalWithoutItsItemIsAWarningAndAddsNothing() throws {
        let rows: [RMITemplateWriter.Row] = [.init(metal: "Gold", lookUp: "Smelter not listed", name: "Fictional Gold Refinery", country: "SWITZERLAND")]
        let result = try importWithDeclarations(map: declarationTestMap, [("acme-cmrt.xlsx", acmeCMRT(rows))])
        #expect(result.graph.supplier(withKey: "smelter:fictional-gold-refinery:CH") == nil)
        let warning = try #require(Array(result.warnings).first { $0.code == .rmiMetalUnused })
        #expect(warning.description.contains("'acme' declares Gold"))
    }

    @Test func aDeclarantThatMatchesNothingIsAnErrorAtD8NamingTheNearest() {
        var w = acmeCMRT()
        w.company = "Acme Partz"
        let errors = failure { try importWithDeclarations(map: declarationTestMap, [("acme-cmrt.xlsx", w)]) }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("acme-cmrt.xlsx:Declaration!D8: error: the declarant 'Acme Partz' is no supplier of the map (nearest: 'acme' (Acme Parts GmbH)") == true)
    }

    @Test func theDeclarantAttributeMatchesTooNormalised() throws {
        var w = acmeCMRT()
        w.company = "ACME HOLDING EUROPE B.V."
        let map = declarationTestMap.replacingOccurrences(of: "name=\"Acme Parts GmbH\"", with: "name=\"Acme Parts GmbH\" declarant=\"Acme Holding Europe\"")
        let result = try importWithDeclarations(map: map, [("acme-cmrt.xlsx", w)])
        #expect(result.declarations.map(\.declarant) == ["acme"])
        #expect(result.graph.supplier(withKey: "CID900001") != nil)
    }

    @Test func aDeclarantMatchingTwoSuppliersIsAnError() {
        let map = declarationTestMap + "\n<supplier id=\"acme-2\" name=\"ACME Parts G.m.b.H.\" country=\"DE\"><supplies item=\"part\" share=\"0\"/></supplier>"
        let errors = failure { try importWithDeclarations(map: map, [("acme-cmrt.xlsx", acmeCMRT())]) }
        #expect(errors.first?.contains("Declaration!D8: error: the declarant 'ACME PARTS GMBH' matches several suppliers ('acme' (Acme Parts GmbH), 'acme-2' (ACME Parts G.m.b.H.))") == true)
    }

    @Test func anUnknownCountryIsAnErrorAtItsCellWithASuggestion() {
        var rows = acmeCMRT().rows
        rows.append(.init(metal: "Tungsten", lookUp: "Smelter not listed", name: "Fictional Works C", country: "RUSIA"))
        let errors = failure { try importWithDeclarations(map: declarationTestMap, [("acme-cmrt.xlsx", acmeCMRT(rows))]) }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("acme-cmrt.xlsx:Smelter List!E8: error: 'RUSIA' is not a country name") == true)
        #expect(errors.first?.contains("(RU)") == true)
    }

    @Test func anUnknownTemplateVersionIsAnErrorNamingIt() {
        var w = acmeCMRT()
        w.revision = "Revision 5.12"
        let errors = failure { try importWithDeclarations(map: declarationTestMap, [("acme-cmrt.xlsx", w)]) }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("acme-cmrt.xlsx:Declaration!J3: error: the RMI template is CMRT revision 5.12, which this reader does not know") == true)
    }

    @Test func anUnknownMetalIsAnErrorAtItsCell() {
        let rows: [RMITemplateWriter.Row] = [.init(metal: "Tungstem", lookUp: "Smelter not listed", name: "X", country: "CHINA")]
        let errors = failure { try importWithDeclarations(map: declarationTestMap, [("acme-cmrt.xlsx", acmeCMRT(rows))]) }
        #expect(errors.first?.contains("Smelter List!B5: error: 'Tungstem' is not a metal of the RMI templates (did you mean 'Tungsten'?)") == true)
    }

    @Test func theProductListLimitsTheItemsCovered() throws {
        var w = acmeCMRT()
        w.scope = "B.  Product (or List of Products)"
        w.products = ["some-other-part"]
        let map = declarationTestMap.replacingOccurrences(of: "<supplies item=\"part\"/>", with: "<supplies item=\"part\"/><supplies item=\"part3\"/>")
            + "\n<component id=\"part3\" name=\"Third part\"><uses item=\"w\" quantity=\"1\"/></component>"
            + "\n<component id=\"some-other-part\" name=\"Other\"><uses item=\"w\" quantity=\"1\"/></component>"
            + "\n<supplier id=\"o\" name=\"Other maker\" country=\"DE\"><supplies item=\"some-other-part\"/></supplier>"
            + "\n<system id=\"sys3\" name=\"S3\"><uses item=\"part3\" quantity=\"1\"/><uses item=\"some-other-part\" quantity=\"1\"/></system>"
        let result = try importWithDeclarations(map: map, [("acme-cmrt.xlsx", w)])
        // acme does not supply "some-other-part": its declaration covers nothing.
        #expect(result.graph.supplier(withKey: "CID900001") == nil)
        #expect(Array(result.warnings).contains { $0.code == .rmiMetalUnused })
        w.products = ["PART3"]
        let covered = try importWithDeclarations(map: map, [("acme-cmrt.xlsx", w)])
        let g = covered.graph
        let acme = try #require(g.supplier(withKey: "acme"))
        let edges = g.supplyEdges(from: acme)
        let sourced = edges.filter { !g.sourcing(of: $0).isEmpty }.map { g.itemKeys[g.edgeItem[$0].index] }
        #expect(sourced == ["part3"])
    }

    @Test func anEMRTAndAnEarlyAMRTAreReadByTheirOwnColumns() throws {
        var emrt = RMITemplateWriter()
        emrt.title = "Extended Minerals Reporting Template (EMRT)"
        emrt.revision = "Revision 2.1"
        emrt.company = "Acme Parts"
        emrt.extraSheets = ["Mine List"]
        emrt.rows = [.init(metal: "Tungsten", lookUp: "Smelter not listed", name: "Fictional EMRT Smelter", country: "VIET NAM")]
        let fromEMRT = try importWithDeclarations(map: declarationTestMap, [("acme-emrt.xlsx", emrt)])
        #expect(fromEMRT.graph.supplier(withKey: "smelter:fictional-emrt-smelter:VN") != nil)

        var amrt = RMITemplateWriter()
        amrt.title = "Additional Minerals Reporting Template (AMRT)"
        amrt.revision = "Revision 1.2"
        amrt.layout = .amrtEarly
        amrt.company = "Acme Parts"
        amrt.extraSheets = ["Minerals Scope"]
        amrt.rows = [.init(metal: "Tungsten", name: "Fictional AMRT Smelter", country: "BOLIVIA, PLURINATIONAL STATE OF", identification: "CID900009")]
        let fromAMRT = try importWithDeclarations(map: declarationTestMap, [("acme-amrt.xlsx", amrt)])
        let s = try #require(fromAMRT.graph.supplier(withKey: "CID900009"))
        #expect(fromAMRT.graph.supplierCountries[s.index] == Country(code: "BO"))
    }

    @Test func aHundredThousandRowsAndThousandsOfEmptyFormulaRowsStayBounded() throws {
        var w = acmeCMRT([])
        let countries = ["CHINA", "RUSSIAN FEDERATION", "VIET NAM", "AUSTRIA", "Unknown"]
        w.rows = (0..<100_000).map { k in
            .init(metal: "Tungsten", lookUp: "Smelter not listed", name: "Fictional smelter \(k % 500)", country: countries[k % 5])
        }
        w.emptyFormulaRows = 5_000
        let clock = ContinuousClock()
        let start = clock.now
        let result = try importWithDeclarations(map: declarationTestMap, [("acme-cmrt.xlsx", w)])
        #expect(clock.now - start < .seconds(60))
        // 500 names × their countries: each (name, country) once.
        let w2 = try #require(result.graph.item(withKey: "w"))
        #expect(result.graph.supplyEdges(of: w2).count == 1 + 500)
        let unknown = try #require(result.graph.supplier(withKey: "smelter:fictional-smelter-4:unknown"))
        #expect(!result.graph.supplierCountries[unknown.index].isKnown)
    }
}
