import ChokepointTestSupport
import Foundation
import SupplyXML
import Testing
@testable import ChokepointCLI

let fictionalCMRT = repository + "/Graphs/fict-penetrator-at-cmrt.xlsx"

@Suite("Suppliers' declarations (RMI templates), end to end")
struct DeclarationCLITests {
    /// `UPDATE_EXPECTED=1` writes the bundled fictional declaration afresh.
    @Test func theBundledDeclarationMergesIntoTheBundledMap() async throws {
        if ProcessInfo.processInfo.environment["UPDATE_EXPECTED"] != nil {
            try RMITemplateWriter.bundledFictionalCMRT.write(to: URL(fileURLWithPath: fictionalCMRT))
        }
        let r = await run("report", nlDefence, fictionalCMRT, "--format", "json")
        #expect(r.status == 0, "\(r.err)")
        let json = try object(r.out)
        let systems = try #require(json["systems"] as? [[String: Any]])
        // The systems whose closure holds the penetrator count its maker as declared.
        let declaredSomewhere = systems.filter { system in
            ((system["declarations"] as? [String: Any])?["declared"] as? [String])?.contains("fict-penetrator-at") == true
        }
        #expect(!declaredSomewhere.isEmpty)
        for system in systems {
            let coverage = system["declarationCoverage"]
            #expect(coverage is NSNull || (coverage as? Double).map { $0 >= 0 && $0 <= 1 } == true)
        }
    }

    @Test func theReportNamesTheDeclaredSmeltersAsSuppliersOfTheMetal() async {
        let r = await run("report", nlDefence, fictionalCMRT)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("fict-penetrator-at (\(fictionalCMRT), CMRT 6.5), Tungsten: 3 smelters supply tungsten-metal: Fictional Tungsten Refinery Alpha (CID990001, CN); Fictional Tungsten Refinery Beta (CID990002, CN); Fictional Tungsten Works Gamma (smelter:fictional-tungsten-works-gamma:RU, RU); 1 row not yet identified"), "\(r.out.suffix(600))")
        // Without declarations, no such section.
        #expect(!(await run("report", nlDefence)).out.contains("SUPPLIERS' DECLARATIONS"))
    }

    @Test func theDeclaredSmeltersSupplyThePenetratorsTungsten() throws {
        let result = try SupplyChainImporter().importFiles([nlDefence, fictionalCMRT])
        let g = result.graph
        let metal = try #require(g.item(withKey: "tungsten-metal"))
        let suppliers = Set(g.supplyEdges(of: metal).map { g.supplierKeys[g.edgeSupplier[$0].index] })
        #expect(suppliers.isSuperset(of: ["CID990001", "CID990002", "smelter:fictional-tungsten-works-gamma:RU"]))
        let maker = try #require(g.supplier(withKey: "fict-penetrator-at"))
        let edge = try #require(g.supplyEdges(from: maker).first)
        #expect(g.sourcing(of: edge).count == 1)
        #expect(result.declarations.map(\.declarant) == ["fict-penetrator-at"])
        #expect(result.declarations.first?.template == "CMRT 6.5")
        #expect(result.declarations.first?.metals.first?.notYetIdentified == 1)
    }

    @Test(arguments: [
        ("declarant", "Declaration!D8: error: the declarant 'NOBODY WE KNOW' is no supplier of the map"),
        ("country", "Smelter List!E5: error: 'CHINE' is not a country name of the RMI templates"),
        ("version", "Declaration!J3: error: the RMI template is CMRT revision 7.0, which this reader does not know"),
    ])
    func brokenDeclarationsAreLocatedErrorsAndExitOne(broken: String, message: String) async throws {
        var w = RMITemplateWriter.bundledFictionalCMRT
        switch broken {
        case "declarant": w.company = "NOBODY WE KNOW"
        case "country": w.rows[0].countryCode = nil; w.rows[0].country = "CHINE"
        default: w.revision = "Revision 7.0"
        }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/acme-cmrt.xlsx"
        try w.write(to: URL(fileURLWithPath: path))
        let r = await run("report", nlDefence, path)
        #expect(r.status == 1)
        #expect(r.err.contains(path + ":" + message), "\(r.err)")
        #expect(r.out.isEmpty)
    }
}
