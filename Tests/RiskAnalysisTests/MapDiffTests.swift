import Foundation
import Testing
import SupplyGraph
@testable import RiskAnalysis

/// The comparisons of ``MapDiff``, worked by hand on small maps.
@Suite struct MapDiffTests {
    /// X needs P; P from p-de (DE) and p-fr (FR), half each.
    static let before = """
        <system id="X" demand="1"><uses item="P" quantity="1"/></system>
        <component id="P"/>
        <supplier id="p-de" country="DE"><supplies item="P" share="0.5"/></supplier>
        <supplier id="p-fr" country="FR"><supplies item="P" share="0.5"/></supplier>
        """

    func diff(_ old: String, _ new: String, threshold: Double = 0.05) throws -> MapDiff {
        MapDiff(old: SupplyChainAnalysis(try graph(old)), new: SupplyChainAnalysis(try graph(new)), threshold: threshold)
    }

    @Test func aMapAgainstItselfIsEmpty() throws {
        let d = try diff(Self.before, Self.before)
        #expect(d.isEmpty)
        #expect(d.threshold == 0.05)
    }

    @Test func losingTheSecondEuropeanSourceIsNewSingleSourceNewSPOFAndLostBuildability() throws {
        // p-fr is replaced by p-cn (CN): P still has two suppliers, but only one in the EU.
        let replaced = Self.before.replacingOccurrences(of: "<supplier id=\"p-fr\" country=\"FR\">", with: "<supplier id=\"p-cn\" country=\"CN\">")
        var d = try diff(Self.before, replaced)
        #expect(d.newSingleSources.isEmpty)
        #expect(d.lostEUBuildable.isEmpty)                  // p-de still makes P inside the EU
        #expect(d.addedSuppliers == ["p-cn"] && d.removedSuppliers == ["p-fr"])
        #expect(d.shareShifts == [MapDiff.ShareShift(item: "P", country: "CN", old: 0, new: 0.5),
                                  MapDiff.ShareShift(item: "P", country: "FR", old: 0.5, new: 0)])
        #expect(d.supplyFractionShifts == [MapDiff.SupplyFractionShift(system: "X", old: 1, new: 0.5)])
        // Now p-de goes too: P comes from p-cn alone.
        let alone = """
            <system id="X" demand="1"><uses item="P" quantity="1"/></system>
            <component id="P"/>
            <supplier id="p-cn" country="CN"><supplies item="P" share="1"/></supplier>
            """
        d = try diff(Self.before, alone)
        #expect(d.newSingleSources == ["P"] && d.resolvedSingleSources.isEmpty)
        #expect(d.newSinglePointsOfFailure == [MapDiff.SinglePoint(system: "X", supplier: "p-cn", country: nil),
                                               MapDiff.SinglePoint(system: "X", supplier: nil, country: "CN")])
        #expect(d.lostEUBuildable == ["X"] && d.gainedEUBuildable.isEmpty)
        #expect(d.removedSuppliers == ["p-de", "p-fr"])
        // And back: everything resolved or gained.
        let back = try diff(alone, Self.before)
        #expect(back.resolvedSingleSources == ["P"] && back.gainedEUBuildable == ["X"])
        #expect(back.resolvedSinglePointsOfFailure.count == 2 && back.newSinglePointsOfFailure.isEmpty)
    }

    @Test(arguments: [(0.54, false), (0.55, false), (0.5501, true), (0.44, true)])
    func theThresholdIsStrict(share: Double, listed: Bool) throws {
        // DE moves from 0.5 to `share`; FR takes the rest.
        let moved = """
            <system id="X" demand="1"><uses item="P" quantity="1"/></system>
            <component id="P"/>
            <supplier id="p-de" country="DE"><supplies item="P" share="\(share)"/></supplier>
            <supplier id="p-fr" country="FR"><supplies item="P" share="\(1 - share)"/></supplier>
            """
        let d = try diff(Self.before, moved)
        #expect(d.shareShifts.contains { $0.item == "P" && $0.country == "DE" } == listed, "DE 0.5 -> \(share)")
        #expect(d.newSingleSources.isEmpty && d.addedItems.isEmpty)
    }

    @Test func unattributedSupplyShiftsUnderUnknown() throws {
        // The new drop gives DE and FR 0.3 each: 0.4 of P is no longer attributed.
        let partial = Self.before.replacingOccurrences(of: "share=\"0.5\"", with: "share=\"0.3\"")
        let d = try diff(Self.before, partial)
        #expect(d.shareShifts.map(\.country) == ["DE", "FR", "unknown"])
        #expect(d.shareShifts.last == MapDiff.ShareShift(item: "P", country: "unknown", old: 0, new: 0.4))
    }

    @Test func addedAndRemovedItemsAreListedSorted() throws {
        let more = Self.before + """
            <material id="b-ore"/><material id="a-ore"/>
            """
        let d = try diff(Self.before, more)
        #expect(d.addedItems == ["a-ore", "b-ore"] && d.removedItems.isEmpty)
        #expect(try diff(more, Self.before).removedItems == ["a-ore", "b-ore"])
    }
}
