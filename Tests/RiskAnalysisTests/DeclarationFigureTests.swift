import ChokepointTestSupport
import Foundation
import RiskAnalysis
import SupplyGraph
import SupplyXML
import Testing

/// Hand-worked figures before and after a supplier's declaration (the map is
/// `declarationTestMap`: sys ← part (acme, DE) ← w; w-at (AT) has 0.5 of w, the rest
/// unattributed).
@Suite struct DeclarationFigureTests {
    func phi(_ g: SupplyGraph, _ key: String, without countries: [String]) throws -> Double {
        let scenario = Scenario(withoutCountries: countries)
        let outcome = ScenarioOutcome(g, shares: ShareTable(g), disruption: try scenario.disruption(in: g))
        return outcome.supplyFraction(of: g.item(withKey: key)!)
    }

    var cmrt: RMITemplateWriter {
        var w = RMITemplateWriter()
        w.company = "ACME PARTS GMBH"
        w.rows = [
            .init(metal: "Tungsten", lookUp: "Fictional Tungsten Smelter A", country: "CHINA", identification: "CID900001", countryCode: "CN"),
            .init(metal: "Tungsten", lookUp: "Smelter not listed", name: "Fictional Tungsten Works B", country: "RUSSIAN FEDERATION"),
        ]
        return w
    }

    @Test func beforeTheDeclarationCuttingOffChinaCostsNothing() throws {
        let g = try importWithDeclarations(map: declarationTestMap, []).graph
        // φ(w) = ŵ(w-at)·1 + u(w) = 0.5 + 0.5; the part and the system follow.
        #expect(abs(try phi(g, "w", without: ["CN"]) - 1) < 1e-12)
        #expect(abs(try phi(g, "sys", without: ["CN"]) - 1) < 1e-12)
        #expect(abs(try phi(g, "sys", without: ["CN", "RU"]) - 1) < 1e-12)
    }

    @Test func afterItThePartsTungstenComesOnlyThroughChinaAndRussia() throws {
        let g = try importWithDeclarations(map: declarationTestMap, [("acme-cmrt.xlsx", cmrt)]).graph
        // w: w-at 0.5 given; the two smelters split the rest, 0.25 each; u(w) = 0.
        // Without CN: φ(w) = 0.5 + 0 + 0.25 = 0.75.
        #expect(abs(try phi(g, "w", without: ["CN"]) - 0.75) < 1e-12)
        // acme's part is sourced from the smelters only: (0.25·0 + 0.25·1) / 0.5 = 0.5.
        #expect(abs(try phi(g, "part", without: ["CN"]) - 0.5) < 1e-12)
        #expect(abs(try phi(g, "sys", without: ["CN"]) - 0.5) < 1e-12)
        // Without CN and RU nothing is left for acme: the system falls.
        #expect(try phi(g, "sys", without: ["CN", "RU"]) < 1e-12)
        // Austria alone does not touch it.
        #expect(abs(try phi(g, "sys", without: ["AT"]) - 1) < 1e-12)
    }

    @Test func declarationCoverageCountsTheSuppliersOfItemsWithADeclarableInput() throws {
        let map = declarationTestMap
            + "\n<component id=\"part2\" name=\"Second part\"><uses item=\"w\" quantity=\"1\"/></component>"
            + "\n<supplier id=\"beta\" name=\"Beta Works\" country=\"FR\"><supplies item=\"part2\"/></supplier>"
            + "\n<system id=\"sys2\" name=\"Second\"><uses item=\"part\" quantity=\"1\"/><uses item=\"part2\" quantity=\"1\"/></system>"
        let result = try importWithDeclarations(map: map, [("acme-cmrt.xlsx", cmrt)])
        let g = result.graph
        let declarants = Set(result.declarations.compactMap { g.supplier(withKey: $0.declarant) })
        let declarable = DeclarationSummary.declarableCommodities
        let coverage = DeclarationCoverage(g, declarants: declarants) { item in
            g.itemCommodity[item].map(declarable.contains) ?? false
        }
        // sys: acme supplies part (input w, tungsten) and has declared: 1 of 1.
        #expect(coverage.figure(ofSystem: g.item(withKey: "sys")!).fraction == 1)
        // sys2: acme and beta are expected, acme declared: 1 of 2.
        #expect(coverage.figure(ofSystem: g.item(withKey: "sys2")!).fraction == 0.5)
    }
}
