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

    @Test func optionsAndMaxPurchaseAreRead() throws {
        let g = try importXML("""
            \(head)<material id="m" price="12.5" maxPurchase="40"/>
            <option id="eu-second-source" item="m" country="FR" share="0.3" cost="250000" leadTimeDays="120" name="A French line"/>
            <option id="o2" item="m" country="DE" share="1" cost="0"/></supplyChain>
            """).graph
        #expect(g.itemPrice == [12.5] && g.itemMaxPurchase == [40])
        #expect(g.options.count == 2)
        let o = try #require(g.options.first)
        #expect(o.id == "eu-second-source" && o.name == "A French line" && g.itemKeys[o.item] == "m")
        #expect(o.country.code == "FR" && o.share == 0.3 && o.cost == 250000 && o.leadTimeDays == 120)
        #expect(g.options[1].leadTimeDays == 0 && g.options[1].name == "o2")
    }

    @Test func optionsAndMaxPurchaseSurviveTheNativeWriter() throws {
        let g = try importXML("""
            \(head)<material id="m" price="12.5" maxPurchase="40"/>
            <option id="eu" item="m" country="FR" share="0.3" cost="250000" leadTimeDays="120" name="A French line"/></supplyChain>
            """).graph
        let back = try importXML(SupplyChainWriter().document(for: g)).graph
        #expect(back.itemMaxPurchase == g.itemMaxPurchase && back.itemPrice == g.itemPrice)
        #expect(back.options == g.options)
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
         "t.xml:2:3: error: price of 'm' must be a finite number > 0, not -1.0"),
        ("\(head)\n  <material id=\"m\" price=\"INF\"/>\n</supplyChain>",
         "t.xml:2:3: error: price of 'm' must be a finite number > 0, not inf"),
        ("\(head)\n  <material id=\"m\" price=\"0\"/>\n</supplyChain>",
         "t.xml:2:3: error: price of 'm' must be a finite number > 0, not 0.0: leave the price out when it is not known"),
        ("\(head)\n  <material id=\"m\" maxPurchase=\"-2\"/>\n</supplyChain>",
         "t.xml:2:3: error: maxPurchase of 'm' must be a finite number >= 0, not -2.0"),
        ("\(head)\n  <material id=\"m\"/>\n  <option id=\"o\" item=\"n\" country=\"DE\" share=\"0.5\" cost=\"10\"/>\n</supplyChain>",
         "t.xml:3:3: error: unknown item 'n' in option 'o'"),
        ("\(head)\n  <material id=\"m\"/>\n  <option id=\"o\" item=\"m\" country=\"XX\" share=\"0.5\" cost=\"10\"/>\n</supplyChain>",
         "t.xml:3:3: error: unknown country code 'XX' in country of option 'o' (expected an ISO 3166-1 alpha-2 code such as 'DE')"),
        ("\(head)\n  <material id=\"m\"/>\n  <option id=\"o\" item=\"m\" country=\"DE\" share=\"1.5\" cost=\"10\"/>\n</supplyChain>",
         "t.xml:3:3: error: share of option 'o' must be between 0 and 1, not 1.5"),
        ("\(head)\n  <material id=\"m\"/>\n  <option id=\"o\" item=\"m\" country=\"DE\" share=\"0.5\" cost=\"-1\"/>\n</supplyChain>",
         "t.xml:3:3: error: cost of option 'o' must be a finite number >= 0, not -1.0"),
        ("\(head)\n  <material id=\"m\"/>\n  <option id=\"o\" item=\"m\" country=\"DE\" share=\"0.5\" cost=\"1\"/>\n  <option id=\"o\" item=\"m\" country=\"FR\" share=\"0.5\" cost=\"1\"/>\n</supplyChain>",
         "t.xml:4:3: error: duplicate option id 'o' (first defined at t.xml:3:3)"),
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
