import Testing
@testable import SupplyGraph

@Suite("Builder and model")
struct SupplyGraphBuilderTests {
    /// The example of the article "The supply-chain XML format", built by hand.
    static func example() throws -> (SupplyGraph, DiagnosticList) {
        var b = SupplyGraphBuilder()
        b.addGroup(id: "trusted", members: ["US", "GB", "NO", "CA"])
        b.addItem(key: "graphite", kind: .material, name: "Natural graphite", unit: "t", stock: 40)
        let anode = b.addItem(key: "anode", kind: .component, name: "Battery anode")
        b.addUses(parent: anode, child: "graphite", quantity: 0.002)
        let ugv = b.addItem(key: "ugv", kind: .system, name: "Unmanned ground vehicle", demand: 120)
        b.addUses(parent: ugv, child: "anode", quantity: 12)
        let maker = b.addSupplier(key: "anode-maker", name: "Anode maker", country: "DE")
        b.addSupply(supplier: maker, item: "anode", share: 1, leadTimeDays: 120,
                    sourcing: [(input: "graphite", suppliers: ["graphite-cn"])])
        let cn = b.addSupplier(key: "graphite-cn", country: "CN")
        b.addSupply(supplier: cn, item: "graphite", share: 0.77)
        b.addSupplier(key: "graphite-mz", country: "MZ")
        b.addSupply(supplierKey: "graphite-mz", item: "graphite", share: 0.05)
        let (graph, warnings) = try b.build()
        return (graph, warnings)
    }

    @Test func buildsItemsSuppliersAndEdges() throws {
        let (g, _) = try Self.example()
        #expect(g.itemCount == 3)
        #expect(g.supplierCount == 3)
        #expect(g.usesEdgeCount == 2)
        #expect(g.supplyEdgeCount == 3)
        let graphite = try #require(g.item(withKey: "graphite"))
        let anode = try #require(g.item(withKey: "anode"))
        let ugv = try #require(g.item(withKey: "ugv"))
        #expect(g.itemKinds[ugv.index] == .system)
        #expect(g.itemDemand[ugv.index] == 120)
        #expect(g.itemStock[graphite.index] == 40)
        #expect(g.itemUnits[graphite.index] == "t")
        #expect(g.itemUnits[anode.index] == "pcs")
        #expect(Array(g.children(of: ugv)) == [anode])
        #expect(g.usedBy(anode).map { g.usesParent[$0.index] } == [ugv])
        #expect(g.supplyEdges(of: graphite).count == 2)
        let edge = g.supplyEdges(of: anode).lowerBound
        #expect(g.edgeLeadTimeDays[edge] == 120)
        let sourcing = g.sourcing(of: edge)
        #expect(sourcing.count == 1)
        #expect(sourcing[0].input == graphite)
        #expect(sourcing[0].suppliers.map { g.supplierKeys[$0.index] } == ["graphite-cn"])
        #expect(sourcing[0].edges.count == 1)
        #expect(g.userGroups.map(\.id) == ["trusted"])
        #expect(g.group(withID: "trusted")?.contains(Country(code: "NO")!) == true)
        #expect(g.group(withID: "NATO")?.contains(Country(code: "NO")!) == true)
        #expect(g.group(withID: "EU")?.contains(Country(code: "NO")!) == false)
    }

    @Test func topologicalOrderPutsChildrenFirst() throws {
        let (g, _) = try Self.example()
        let position = Dictionary(uniqueKeysWithValues: g.topologicalOrder.enumerated().map { ($1, $0) })
        for parent in g.items { for child in g.children(of: parent) { #expect(position[child]! < position[parent]!) } }
    }

    @Test func warnsAboutSharesBelowOne() throws {
        let (_, warnings) = try Self.example()
        #expect(warnings.contains { $0.code == .sharesBelowOne && $0.subject == .item(0) })
    }

    @Test func countriesAndGroups() {
        #expect(CountryGroup.eu.members.count == 27)
        #expect(CountryGroup.nato.members.count == 32)
        #expect(CountryGroup.eea.members.count == 30)
        #expect(Country(code: "NA")?.name == "Namibia")
        #expect(Country(code: "cn") == nil)
        #expect(Country(code: "DE")?.isEU == true)
        #expect(Country(code: "NO")?.isEU == false)
        #expect(Country.unknown.isEU == false)
        #expect(CountryGroup.eu.contains(.unknown) == false)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        let name: String
        let build: @Sendable (inout SupplyGraphBuilder) -> Void
        let code: Diagnostic.Code
        let subject: SupplyGraphBuilder.Subject
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "duplicate item", build: { b in b.addItem(key: "a", kind: .material); b.addItem(key: "a", kind: .component) },
               code: .duplicateID, subject: .item(1)),
        Broken(name: "item and supplier share an id", build: { b in b.addItem(key: "a", kind: .material); b.addSupplier(key: "a", country: "DE") },
               code: .duplicateID, subject: .supplier(0)),
        Broken(name: "unknown child", build: { b in let p = b.addItem(key: "p", kind: .system); b.addUses(parent: p, child: "nope", quantity: 1) },
               code: .unknownItem, subject: .uses(0)),
        Broken(name: "unknown supplier in supply", build: { b in b.addItem(key: "a", kind: .material); b.addSupply(supplierKey: "nope", item: "a") },
               code: .unknownSupplier, subject: .supply(0)),
        Broken(name: "unknown country", build: { b in b.addSupplier(key: "s", country: "XX") },
               code: .unknownCountry, subject: .supplier(0)),
        Broken(name: "lower-case country", build: { b in b.addSupplier(key: "s", country: "de") },
               code: .unknownCountry, subject: .supplier(0)),
        Broken(name: "share above 1", build: { b in b.addItem(key: "a", kind: .material); let s = b.addSupplier(key: "s", country: "DE"); b.addSupply(supplier: s, item: "a", share: 1.5) },
               code: .shareOutOfRange, subject: .supply(0)),
        Broken(name: "shares sum above tolerance", build: { b in
            b.addItem(key: "a", kind: .material)
            let s = b.addSupplier(key: "s", country: "DE"); b.addSupply(supplier: s, item: "a", share: 0.6)
            let t = b.addSupplier(key: "t", country: "FR"); b.addSupply(supplier: t, item: "a", share: 0.5)
        }, code: .sharesAboveOne, subject: .item(0)),
        Broken(name: "negative quantity", build: { b in b.addItem(key: "a", kind: .material); let p = b.addItem(key: "p", kind: .system); b.addUses(parent: p, child: "a", quantity: -1) },
               code: .invalidQuantity, subject: .uses(0)),
        Broken(name: "NaN quantity", build: { b in b.addItem(key: "a", kind: .material); let p = b.addItem(key: "p", kind: .system); b.addUses(parent: p, child: "a", quantity: .nan) },
               code: .invalidQuantity, subject: .uses(0)),
        Broken(name: "self cycle", build: { b in let a = b.addItem(key: "a", kind: .component); b.addUses(parent: a, child: "a", quantity: 1) },
               code: .bomCycle, subject: .uses(0)),
        Broken(name: "sourcedFrom input not a child", build: { b in
            b.addItem(key: "m", kind: .material); b.addItem(key: "p", kind: .component)
            let s = b.addSupplier(key: "s", country: "DE"); b.addSupply(supplier: s, item: "m")
            let t = b.addSupplier(key: "t", country: "DE"); b.addSupply(supplier: t, item: "p", sourcing: [(input: "m", suppliers: ["s"])])
        }, code: .sourcingNotInput, subject: .sourcing(supply: 1, entry: 0)),
        Broken(name: "sourcedFrom supplier does not supply the input", build: { b in
            b.addItem(key: "m", kind: .material); let p = b.addItem(key: "p", kind: .component); b.addUses(parent: p, child: "m", quantity: 1)
            let s = b.addSupplier(key: "s", country: "DE"); b.addSupply(supplier: s, item: "m")
            let t = b.addSupplier(key: "t", country: "DE"); b.addSupply(supplier: t, item: "p", sourcing: [(input: "m", suppliers: ["t"])])
        }, code: .sourcingNotSupplier, subject: .sourcing(supply: 1, entry: 0)),
        Broken(name: "built-in group redefined", build: { b in b.addGroup(id: "EU", members: ["DE"]) },
               code: .reservedGroup, subject: .group(0)),
    ]

    @Test(arguments: broken)
    func rejects(_ broken: Broken) {
        var b = SupplyGraphBuilder()
        broken.build(&b)
        do {
            _ = try b.build()
            Issue.record("\(broken.name) was accepted")
        } catch {
            let errors = error.problems.filter { $0.severity == .error }
            #expect(errors.contains { $0.code == broken.code && $0.subject == broken.subject },
                    "got \(errors.map { "\($0.code) \($0.subject)" })")
        }
    }

    @Test func longCycleIsNamed() {
        var b = SupplyGraphBuilder()
        let a = b.addItem(key: "a", kind: .component), c = b.addItem(key: "b", kind: .component), d = b.addItem(key: "c", kind: .component)
        b.addUses(parent: a, child: "b", quantity: 1); b.addUses(parent: c, child: "c", quantity: 1); b.addUses(parent: d, child: "a", quantity: 1)
        #expect { try b.build() } throws: { error in
            let problem = (error as! SupplyGraphBuilder.BuildFailure).problems.first { $0.code == .bomCycle }
            return problem?.message == "BOM cycle: a -> b -> c -> a"
        }
    }

    @Test func duplicateNamesTheFirstPlace() {
        var b = SupplyGraphBuilder()
        b.addItem(key: "a", kind: .material)
        b.addSupplier(key: "a", country: "DE")
        #expect { try b.build() } throws: { error in
            let problem = (error as! SupplyGraphBuilder.BuildFailure).problems[0]
            return problem.subject == .supplier(0) && problem.related == .item(0)
        }
    }

    @Test func sharesWithinToleranceWarn() throws {
        var b = SupplyGraphBuilder()
        b.addItem(key: "a", kind: .material)
        let s = b.addSupplier(key: "s", country: "DE"); b.addSupply(supplier: s, item: "a", share: 0.6)
        let t = b.addSupplier(key: "t", country: "FR"); b.addSupply(supplier: t, item: "a", share: 0.43)
        let p = b.addItem(key: "p", kind: .system); b.addUses(parent: p, child: "a", quantity: 1)
        let (_, warnings) = try b.build()
        #expect(warnings.map(\.code).contains(.sharesNormalised))
    }

    @Test func warningsForShape() throws {
        var b = SupplyGraphBuilder()
        b.addItem(key: "orphan", kind: .material)
        b.addSupplier(key: "idle", country: "DE")
        b.addSupplier(key: "nowhere")
        let p = b.addItem(key: "p", kind: .system)
        b.addUses(parent: p, child: "orphan2", quantity: 1); b.addUses(parent: p, child: "orphan2", quantity: 2)
        b.addItem(key: "orphan2", kind: .component)
        let (graph, warnings) = try b.build()
        let codes = Set(warnings.map(\.code))
        #expect(codes == [.noSupplier, .unusedMaterial, .idleSupplier, .unknownOrigin, .duplicateUse] as Set<Diagnostic.Code>)
        #expect(graph.supplierCountries[1] == .unknown)
    }
}
