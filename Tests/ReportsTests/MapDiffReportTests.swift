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
