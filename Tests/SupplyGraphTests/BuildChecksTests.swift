import Testing
@testable import SupplyGraph

/// The checks of the article "The supply-chain XML format" as the builder makes them, without XML.
@Suite("Builder checks")
struct BuildChecksTests {
    func failure(_ make: (inout SupplyGraphBuilder) -> Void) -> SupplyGraphBuilder.BuildFailure? {
        var b = SupplyGraphBuilder()
        make(&b)
        do { _ = try b.build(); return nil } catch { return error }
    }

    /// graphite from cn (given twice) and mz, used by a system.
    func graphite(_ b: inout SupplyGraphBuilder, second: (share: Double?, lead: Double?), sourcing: Bool = false) {
        b.addItem(key: "ore", kind: .material)
        let g = b.addItem(key: "graphite", kind: .material)
        b.addUses(parent: g, child: "ore", quantity: 1)
        let s = b.addItem(key: "ugv", kind: .system)
        b.addUses(parent: s, child: "graphite", quantity: 1)
        let ore = b.addSupplier(key: "ore-a", country: "MZ"); b.addSupply(supplier: ore, item: "ore")
        let ore2 = b.addSupplier(key: "ore-b", country: "BR"); b.addSupply(supplier: ore2, item: "ore")
        let cn = b.addSupplier(key: "cn", country: "CN")
        b.addSupply(supplier: cn, item: "graphite", share: 0.5, sourcing: sourcing ? [(input: "ore", suppliers: ["ore-a"])] : [])
        let mz = b.addSupplier(key: "mz", country: "MZ"); b.addSupply(supplier: mz, item: "graphite", share: 0.5)
        b.addSupply(supplierKey: "cn", item: "graphite", share: second.share, leadTimeDays: second.lead,
                    sourcing: sourcing ? [(input: "ore", suppliers: ["ore-b"])] : [])
    }

    @Test func aSupplyEdgeGivenTwiceWithTheSameValuesIsOneEdge() throws {
        var b = SupplyGraphBuilder()
        graphite(&b, second: (0.5, 30), sourcing: true)
        let (g, warnings) = try b.build()
        let item = try #require(g.item(withKey: "graphite"))
        let edges = g.supplyEdges(of: item)
        #expect(edges.count == 2, "cn once, mz once")
        #expect(edges.map { g.supplierKeys[g.edgeSupplier[$0].index] } == ["cn", "mz"])
        let cn = edges.lowerBound
        #expect(g.edgeShare[cn] == 0.5 && g.edgeLeadTimeDays[cn] == 30, "the lead time of the copy fills in")
        #expect(g.sourcing(of: cn).first?.suppliers.map { g.supplierKeys[$0.index] } == ["ore-a", "ore-b"],
                "sourcedFrom entries united")
        let warning = try #require(warnings.first { $0.code == .duplicateSupply })
        #expect(warning.subject == .supply(4) && warning.related == .supply(2) && warning.relation == .firstGiven)
        #expect(warning.message == "supplier 'cn' supplies 'graphite' again (supplies or supply given twice): the two are one supply edge")
    }

    @Test func aSupplyEdgeGivenTwiceWithOtherValuesIsAnError() throws {
        let error = try #require(failure { graphite(&$0, second: (0.6, nil)) })
        #expect(error.errors.map(\.code) == [.conflictingSupply], "and no shares-above-one from counting it twice")
        #expect(error.errors[0].subject == .supply(4) && error.errors[0].related == .supply(2))
        #expect(error.errors[0].message.hasPrefix("supplier 'cn' supplies 'graphite' again, with share 0.6 where the first gives 0.5"))
    }

    @Test func anOverflowingRequirementIsAnErrorAtTheItem() throws {
        let error = try #require(failure { b in
            let s = b.addItem(key: "s", kind: .system, demand: 1e308)
            b.addUses(parent: s, child: "c", quantity: 10)
            let c = b.addItem(key: "c", kind: .component)
            b.addUses(parent: c, child: "m", quantity: 10)
            b.addItem(key: "m", kind: .material)
        })
        #expect(error.errors.map(\.code) == [.requirementOverflow], "once, where it starts, not again below")
        #expect(error.errors[0].subject == .item(1))
    }

    @Test func aLargeButFiniteRequirementIsFine() throws {
        var b = SupplyGraphBuilder()
        let s = b.addItem(key: "s", kind: .system, demand: 1e300)
        b.addUses(parent: s, child: "m", quantity: 1e7)
        b.addItem(key: "m", kind: .material)
        _ = try b.build()
    }

    @Test func idsThatDifferOnlyByNormalisationAreADuplicate() throws {
        let error = try #require(failure { b in
            b.addItem(key: "caf\u{E9}", kind: .material)
            b.addItem(key: "cafe\u{301}", kind: .material)
        })
        #expect(error.errors.map(\.code) == [.duplicateID] && error.errors[0].related == .item(0))
        #expect(error.errors[0].message.contains("only by Unicode normalisation"))
    }

    @Test func lookUpIsByteForByte() throws {
        var b = SupplyGraphBuilder()
        b.addItem(key: "caf\u{E9}", kind: .material)
        b.addSupplier(key: "s", country: "FR")
        b.addGroup(id: "trusted", members: ["FR"])
        let (g, _) = try b.build()
        #expect(g.item(withKey: "caf\u{E9}") == ItemID(0))
        #expect(g.item(withKey: "cafe\u{301}") == nil)
        #expect(g.supplier(withKey: "s") == SupplierID(0) && g.item(withKey: "s") == nil)
        #expect(g.item(withKey: "trusted") == nil && g.supplier(withKey: "trusted") == nil)
    }

    @Test func messagesUseTheModelsWordsUnlessAReaderGivesItsOwn() throws {
        let plain = try #require(failure { b in let p = b.addItem(key: "p", kind: .system); b.addUses(parent: p, child: "nope", quantity: 1) })
        #expect(plain.errors.map(\.message) == ["unknown item 'nope' in uses of 'p'"])
        var options = SupplyGraphBuilder.Options()
        options.names = .init(uses: "bom row", supplies: "supplies row", supply: "supplies row", sourcedFrom: "sourcedFrom row")
        var b = SupplyGraphBuilder(options: options)
        let p = b.addItem(key: "p", kind: .system); b.addUses(parent: p, child: "nope", quantity: 1)
        #expect(throws: SupplyGraphBuilder.BuildFailure.self) { try b.build() }
        do { _ = try b.build() } catch { #expect(error.errors.map(\.message) == ["unknown item 'nope' in bom row of 'p'"]) }
    }

    @Test func aDanglingReferenceAndACycleAreReportedTogether() throws {
        let error = try #require(failure { b in
            let a = b.addItem(key: "a", kind: .component), c = b.addItem(key: "b", kind: .component)
            b.addUses(parent: a, child: "b", quantity: 1); b.addUses(parent: c, child: "a", quantity: 1)
            b.addUses(parent: c, child: "nowhere", quantity: 1)
        })
        #expect(Set(error.errors.map(\.code)) == [.unknownItem, .bomCycle])
    }

    @Test func aGroupMayNotTakeACountryCode() throws {
        let error = try #require(failure { $0.addGroup(id: "DE", members: ["DE", "FR"]) })
        #expect(error.errors.map(\.code) == [.groupIsCountry])
    }

    @Test(arguments: [("UK", "GB"), ("EL", "GR"), ("de", "DE"), ("uk", "GB")])
    func commonCountrySlipsSuggestTheISOCode(written: String, iso: String) throws {
        let error = try #require(failure { $0.addSupplier(key: "s", country: written) })
        #expect(error.errors.first?.message.hasSuffix("did you mean '\(iso)'?)") == true, "\(error.errors)")
    }

    @Test func unknownIdsSuggestTheNearestOfTheirKind() throws {
        let error = try #require(failure { b in
            b.addItem(key: "titanium-sponge", kind: .material)
            b.addSupplier(key: "titanium-spunge", country: "KZ") // a supplier is no suggestion for an item
            let p = b.addItem(key: "frigate", kind: .system)
            b.addUses(parent: p, child: "titanium-spnge", quantity: 1)      // a deletion
            b.addUses(parent: p, child: "TITANIUM-SPONGE", quantity: 1)     // case
            b.addUses(parent: p, child: "titanuim-sponge", quantity: 1)     // a transposition
            b.addUses(parent: p, child: "titanium-sp0nge", quantity: 1)     // a substitution
            b.addUses(parent: p, child: "titaniumsponge", quantity: 1)      // an insertion
            b.addUses(parent: p, child: "titanum-spnge", quantity: 1)       // two edits, a small table
            b.addUses(parent: p, child: "unrelated-thing", quantity: 1)
        })
        #expect(error.errors.map { $0.message.contains("(did you mean 'titanium-sponge'?)") } == [true, true, true, true, true, true, false])
    }

    @Test func suggestionsStayCheapOnAMillionIds() throws {
        var b = SupplyGraphBuilder()
        for i in 0..<1_000_000 { b.addItem(key: "item-\(i)", kind: .component) }
        let p = b.addItem(key: "root", kind: .system)
        for i in 0..<100 { b.addUses(parent: p, child: "iten-\(i * 7919)", quantity: 1) }
        let start = ContinuousClock.now
        do { _ = try b.build(); Issue.record("accepted") } catch {
            #expect(error.errors.count == 100)
            #expect(error.errors.allSatisfy { $0.message.contains("(did you mean 'item-") })
        }
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    @Test func warningsAreCountedNotAllKept() throws {
        var options = SupplyGraphBuilder.Options()
        options.warningsKeptPerCode = 10
        var b = SupplyGraphBuilder(options: options)
        for i in 0..<50_000 { b.addItem(key: "m\(i)", kind: .material) }
        let (_, warnings) = try b.build()
        #expect(warnings.totalCount == 100_000)
        #expect(warnings.count(of: .unusedMaterial) == 50_000 && warnings.count(of: .noSupplier) == 50_000)
        #expect(warnings.count == 20 && warnings.omittedCount == 99_980)
        #expect(warnings.tally.map(\.code) == [.noSupplier, .unusedMaterial])
    }

    @Test func theErrorsAreCappedAndTheRestCounted() throws {
        let error = try #require(failure { b in
            let p = b.addItem(key: "p", kind: .system)
            for i in 0..<250 { b.addUses(parent: p, child: "x\(i)", quantity: 1) }
        })
        #expect(error.errors.count == 100 && error.omittedErrorCount == 150)
    }

    @Test func theIdTableHashesWithTheSeededHasher() {
        // Hasher is SipHash-1-3 with a seed drawn afresh in every process: ids crafted against
        // one run's table (as was possible with the unseeded FNV-1a) do not collide in the next.
        for key in ["titanium-sponge", "caf\u{E9}", "", String(repeating: "x", count: 100)] {
            var hasher = Hasher()
            Array(key.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
            #expect(KeyIndex.hash(key) == hasher.finalize())
        }
        #expect(KeyIndex.same("caf\u{E9}", "caf\u{E9}") && !KeyIndex.same("caf\u{E9}", "cafe\u{301}"), "bytes, not canonical equivalence")
    }

    @Test(arguments: [("use", "uses"), ("materiel", "material"), ("Supplier", "supplier"), ("quantiy", "quantity")])
    func theNearestWord(written: String, meant: String) {
        #expect(Suggestion.nearest(to: written, among: ["uses", "material", "supplier", "supplies", "quantity", "item"]) == meant)
    }

    @Test func noSuggestionWhenNothingIsNear() {
        #expect(Suggestion.nearest(to: "widget", among: ["uses", "material", "supplier"]) == nil)
        #expect(Suggestion.distance(Array("kitten"), Array("sitting"), atMost: 3) == 3)
        #expect(Suggestion.distance(Array("kitten"), Array("sitting"), atMost: 2) == nil)
    }
}
