import Testing
import SupplyGraph
@testable import SupplyXML

/// The attributes of version 2 of the model (the article "The supply-chain XML format"): `weight` on systems, `price` on items, `currency` and `asOf`
/// on the root, `cage` on suppliers.
@Suite("Model attributes")
struct ModelAttributeTests {
    static let priced = """
        <supplyChain xmlns="urn:chokepoint:supply-chain:1" name="priced" asOf="2024-06-07" currency="EUR">
          <material id="m" unit="kg" price="12.5"/>
          <system id="s" weight="3" price="2000000">
            <uses item="m" quantity="4"/>
          </system>
          <system id="t"><uses item="m" quantity="1"/></system>
          <supplier id="p" country="DE" cage="D1234"><supplies item="m"/></supplier>
          <supplier id="q" country="FR"><supplies item="m"/></supplier>
        </supplyChain>
        """

    @Test(arguments: [true, false])
    func areKept(validate: Bool) throws {
        let g = try importXML(Self.priced, validate: validate).graph
        let m = try #require(g.item(withKey: "m")), s = try #require(g.item(withKey: "s")), t = try #require(g.item(withKey: "t"))
        #expect(g.itemWeight[s.index] == 3)
        #expect(g.itemWeight[t.index] == 1, "a system without weight weighs 1")
        #expect(g.itemWeight[m.index] == 1, "a material weighs 1")
        #expect(g.itemPrice[m.index] == 12.5 && g.itemPrice[s.index] == 2_000_000 && g.itemPrice[t.index] == nil)
        #expect(g.currency == "EUR")
        #expect(g.dataSetNames == ["priced"] && g.dataSetAsOf == ["2024-06-07"])
        let p = try #require(g.supplier(withKey: "p")), q = try #require(g.supplier(withKey: "q"))
        #expect(g.supplierCage[p.index] == "D1234" && g.supplierCage[q.index] == nil)
    }

    @Test func withoutThemTheDefaults() throws {
        let g = try importXML("\(head)<system id=\"s\"/></supplyChain>").graph
        #expect(g.itemWeight == [1] && g.itemPrice == [nil] && g.supplierCage.isEmpty)
        #expect(g.currency == nil && g.dataSetNames.isEmpty && g.dataSetAsOf.isEmpty)
    }

    @Test func aDateWithoutANameIsKeptBesideAnEmptyName() throws {
        let g = try importXML(#"<supplyChain xmlns="urn:chokepoint:supply-chain:1" asOf="2025-01-31"/>"#).graph
        #expect(g.dataSetNames == [""] && g.dataSetAsOf == ["2025-01-31"])
    }

    static let broken: [(xml: String, message: String)] = [
        (#"<supplyChain xmlns="urn:chokepoint:supply-chain:1" currency="euro"/>"#,
         "t.xml:1:1: error: currency 'euro' must be an ISO 4217 code of three upper-case letters, such as 'EUR'"),
        ("\(head)\n  <material id=\"m\" price=\"-1\"/>\n</supplyChain>",
         "t.xml:2:3: error: price of 'm' must be a finite number >= 0, not -1.0"),
        ("\(head)\n  <material id=\"m\" price=\"INF\"/>\n</supplyChain>",
         "t.xml:2:3: error: price of 'm' must be a finite number >= 0, not inf"),
        ("\(head)\n  <system id=\"s\" weight=\"0\"/>\n</supplyChain>",
         "t.xml:2:3: error: weight of 's' must be a finite number > 0, not 0.0"),
        ("\(head)\n  <system id=\"s\" weight=\"NaN\"/>\n</supplyChain>",
         "t.xml:2:3: error: weight of 's' must be a finite number > 0, not nan"),
        ("\(head)\n  <supplier id=\"p\" country=\"DE\" cage=\"d1234\"/>\n</supplyChain>",
         "t.xml:2:3: error: cage code 'd1234' of supplier 'p' is not valid (codes are upper case: did you mean 'D1234'?)"),
        ("\(head)\n  <supplier id=\"p\" country=\"DE\" cage=\"D12\"/>\n</supplyChain>",
         "t.xml:2:3: error: cage code 'D12' of supplier 'p' is not valid (an NCAGE/CAGE code is five letters or digits, such as 'D1234')"),
    ]

    @Test(arguments: [true, false])
    func outOfRangeValuesAreLocatedErrors(validate: Bool) {
        for c in Self.broken {
            #expect(errors(c.xml, validate: validate).map(\.description) == [c.message])
        }
    }

    @Test(arguments: [true, false])
    func aWeightOnAMaterialIsRefused(validate: Bool) {
        let found = errors("\(head)\n  <material id=\"m\" weight=\"2\"/>\n</supplyChain>", validate: validate)
        #expect(found.map(\.description) == ["t.xml:2:3: error: <material> has no attribute 'weight' (only a <system> has a weight)"])
    }

    @Test func twoCurrenciesAreAnErrorNamingBoth() {
        var b = SupplyGraphBuilder()
        b.addDataSet(name: "a", currency: "EUR")
        b.addDataSet(name: "b")
        b.addDataSet(name: "c", currency: "EUR")
        b.addDataSet(name: "d", currency: "USD")
        #expect(throws: SupplyGraphBuilder.BuildFailure.self) { try b.build() }
        do { _ = try b.build() } catch {
            #expect(error.problems.map(\.code) == [.currencyMismatch])
            #expect(error.problems.first?.subject == .dataSet(3) && error.problems.first?.related == .dataSet(0))
        }
    }
}
