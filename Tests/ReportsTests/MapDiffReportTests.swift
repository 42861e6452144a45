import Testing
import Reports
import RiskAnalysis
import SupplyGraph
import ChokepointTestSupport

/// The diff for people: a share that moved to a trusted country is no warning.
@Suite struct MapDiffReportTests {
    /// The old drop makes P half in DE and half in FR; the new one moves 0.4 of it to the US.
    static let old = """
        <system id="X" demand="1"><uses item="P" quantity="1"/></system>
        <component id="P"/>
        <supplier id="p-de" country="DE"><supplies item="P" share="0.5"/></supplier>
        <supplier id="p-fr" country="FR"><supplies item="P" share="0.5"/></supplier>
        """
    static let new = """
        <system id="X" demand="1"><uses item="P" quantity="1"/></system>
        <component id="P"/>
        <supplier id="p-de" country="DE"><supplies item="P" share="0.5"/></supplier>
        <supplier id="p-fr" country="FR"><supplies item="P" share="0.1"/></supplier>
        <supplier id="p-us" country="US"><supplies item="P" share="0.4"/></supplier>
        """

    /// The terminal line of the US share, with its colours.
    func usLine(trusting groups: [String]) throws -> String {
        let old = try supplyGraph(body: Self.old), new = try supplyGraph(body: Self.new)
        let perimeter = Perimeter(trusting: try groups.map { try Scenario.group($0, in: new) })
        let diff = MapDiff(old: SupplyChainAnalysis(old, perimeter: perimeter), new: SupplyChainAnalysis(new, perimeter: perimeter))
        let context = ReportContext(toolVersion: "test", inputFiles: [])
        let text = MapDiffReport(diff, old: old, new: new, oldContext: context, newContext: context).text(markdown: false, color: true)
        return try #require(text.split(separator: "\n").first { $0.contains(" US ") }.map(String.init))
    }

    /// The new drop lost its BOM: X needs nothing, so its single source "resolves" — the
    /// warning comes first, before any resolved line.
    @Test func aDropThatLostItsBOMSaysSoFirst() throws {
        let old = try supplyGraph(body: """
            <system id="X" demand="1"><uses item="P" quantity="1"/></system>
            <system id="Y" demand="1"><uses item="P" quantity="1"/></system>
            <component id="P"/>
            <supplier id="p-cn" country="CN"><supplies item="P" share="1"/></supplier>
            """)
        let new = try supplyGraph(body: """
            <system id="X" demand="1"/>
            <system id="Y" demand="1"/>
            <component id="P"/>
            <supplier id="p-cn" country="CN"><supplies item="P" share="1"/></supplier>
            """)
        let diff = MapDiff(old: SupplyChainAnalysis(old), new: SupplyChainAnalysis(new))
        #expect(diff.dataLoss.newlyWithoutBOM == ["X", "Y"])
        #expect(diff.dataLoss.lostMostBOMLines && !diff.dataLoss.lostMostSupplyLines)
        let context = ReportContext(toolVersion: "test", inputFiles: [])
        let text = MapDiffReport(diff, old: old, new: new, oldContext: context, newContext: context).text(markdown: false, color: false)
        let warning = try #require(text.range(of: "WARNING: THE NEW DROP LOST DATA"))
        #expect(text.contains("2 systems had BOM lines and now have none (the new map has no BOM line at all): X, Y"), "\(text)")
        #expect(text.contains("BOM lines: 2 → 0 (more than half lost)"))
        let resolved = try #require(text.range(of: "RESOLVED SINGLE POINTS OF FAILURE"))
        #expect(warning.lowerBound < resolved.lowerBound)
        // A drop compared with itself warns of nothing.
        let same = MapDiff(old: SupplyChainAnalysis(old), new: SupplyChainAnalysis(old))
        #expect(same.dataLoss.isEmpty && same.isEmpty)
    }

    @Test func aShiftToTheUSIsAWarningUnlessNATOIsTrusted() throws {
        #expect(try usLine(trusting: []).contains("\u{1B}[33m+40 pt"))
        #expect(try !usLine(trusting: ["NATO"]).contains("\u{1B}[33m"))
    }

    /// X's supply on EU supply alone falls from 100 % to 60 % (the US share is lost); with NATO
    /// trusted it stays at 100 %: no shift, no section.
    @Test(arguments: [([String](), true), (["NATO"], false)])
    func theSupplyFractionSectionFollowsTheDiffsOwnPerimeter(groups: [String], listed: Bool) throws {
        let old = try supplyGraph(body: Self.old), new = try supplyGraph(body: Self.new)
        let perimeter = Perimeter(trusting: try groups.map { try Scenario.group($0, in: new) })
        let diff = MapDiff(old: SupplyChainAnalysis(old, perimeter: perimeter), new: SupplyChainAnalysis(new, perimeter: perimeter))
        let context = ReportContext(toolVersion: "test", inputFiles: [])
        let text = MapDiffReport(diff, old: old, new: new, oldContext: context, newContext: context).text(markdown: true, color: false)
        #expect(text.contains("## Supply on EU alone") == listed)
        #expect(text.contains("| X | 100 % | 60 % | −40 pt |") == listed)
        #expect(text.contains("| P | US | 0 % | 40 % | +40 pt |"))
    }
}
