import Foundation
import Testing
@testable import ChokepointCLI

/// The options of the version-3 verdicts as an analyst types them: `--critical`,
/// `--commodity`, `--home`, `--include-aggregates`, `--fail-on crma65|concentrated65` and
/// `diff --fail-on new-crippled`.
@Suite struct VerdictOptionTests {
    @Test(arguments: ["0", "-0.1", "1.5", "nan"])
    func aCriticalOutsideZeroToOneIsAUsageError(_ value: String) async {
        let r = await run("whatif", nlDefence, "--without-country", "CN", "--critical", value)
        #expect(r.status == 2 && r.err.contains("--critical must be a number > 0 and at most 1"), "\(r.err)")
    }

    @Test func theCriticalThresholdDecidesCrippled() async throws {
        let r = await run("whatif", nlDefence, "--without-country", "CN", "--critical", "0.5", "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["critical"] as? Double == 0.5)
        let states = (json["systems"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["state"] as? String ?? "") }
        // f35-parts runs at 24.4 % without CN: crippled below 50 %, degraded below 10 %.
        #expect(states.contains { $0 == ("f35-parts", "crippled") })
        let text = await run("whatif", nlDefence, "--without-country", "CN")
        #expect(text.out.contains("Verdict: 6 of 9 systems fall or are crippled (below 10 % of normal production), 2 degraded, 1 unaffected"))
    }

    @Test func aCommodityWithoutACutOffOrUnknownIsAUsageError() async {
        let alone = await run("whatif", nlDefence, "--commodity", "gallium")
        #expect(alone.status == 2 && alone.err.contains("--commodity restricts a cut-off to chosen items"))
        let typo = await run("whatif", nlDefence, "--without-country", "CN", "--commodity", "galium")
        #expect(typo.status == 2 && typo.err.contains("did you mean 'gallium'"))
        #expect(await run("impact", nlDefence, "--commodity", "gallium").status == 0)   // restricts the sweep
        #expect(await run("stockpile", nlDefence, "--commodity", "gallium").status == 0) // the worst-country default
    }

    @Test func anEmbargoByCommodityCatchesHighPurityGallium() async {
        /// The `lostShare` column of high-purity-gallium: what its own stage loses.
        func ownLoss(_ options: String...) async -> String? {
            let r = await run(["whatif", nlDefence, "--without-country", "CN", "--format", "csv"] + options)
            let row = r.out.split(separator: "\n").first { $0.hasPrefix("high-purity-gallium,") }
            // id,kind,"name, with a comma",available,state,supplyFraction,lostShare,...
            return row.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[7]) }
        }
        #expect(await ownLoss("--items", "gallium*") == "0")           // the glob misses its stage
        #expect(await ownLoss("--commodity", "gallium") == "0.988")    // the commodity catches it
    }

    @Test func failOnCRMA65MeansStrategicAndConcentrated65Any() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fail-on-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("m.xml").path
        try """
            <supplyChain xmlns="urn:chokepoint:supply-chain:1">
              <system id="S"><uses item="fibre" quantity="1"/></system>
              <material id="fibre" commodity="carbon-fibre"/>
              <supplier id="jp" country="JP"><supplies item="fibre" share="0.7"/></supplier>
              <supplier id="de" country="DE"><supplies item="fibre" share="0.3"/></supplier>
            </supplyChain>
            """.write(toFile: map, atomically: true, encoding: .utf8)
        #expect(await run("report", map, "--fail-on", "crma65").status == 0)       // not a strategic raw material
        let any = await run("report", map, "--fail-on", "concentrated65")
        #expect(any.status == 1 && any.err.contains("1 material 65 % or more from one third country"))
        #expect(await run("report", nlDefence, "--fail-on", "crma65").status == 1) // gallium, graphite, ...
    }

    @Test func theHomeCountryOption() async {
        let bad = await run("report", nlDefence, "--home", "Netherlands")
        #expect(bad.status == 2 && bad.err.contains("--home"))
        let us = await run("impact", nlDefence, "--home", "us", "--format", "json")
        #expect(us.out.contains("\"home\":\"US\"") || us.out.contains("\"home\": \"US\""))
        let text = await run("report", nlDefence)
        #expect(text.out.contains("country NL (home)") && text.out.contains("Home country NL is left out of the country rankings"))
    }

    @Test func aggregatesAreLeftOutOfTheSupplierSweep() async {
        let firms = await run("impact", nlDefence, "--by", "supplier", "--format", "csv")
        let all = await run("impact", nlDefence, "--by", "supplier", "--include-aggregates", "--format", "csv")
        #expect(!firms.out.contains("\nndpr-oxide-cn,") && all.out.contains("\nndpr-oxide-cn,"))
        #expect(all.out.contains("country aggregate"))
        #expect(await run("impact", nlDefence, "--include-aggregates").status == 2) // country sweep
    }

    @Test func diffFailsOnANewlyCrippledSystem() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func map(_ de: String, _ cn: String) -> String {
            """
            <supplyChain xmlns="urn:chokepoint:supply-chain:1">
              <system id="S"><uses item="M" quantity="1"/></system><material id="M"/>
              <supplier id="cn" country="CN"><supplies item="M" share="\(cn)"/></supplier>
              <supplier id="de" country="DE"><supplies item="M" share="\(de)"/></supplier>
            </supplyChain>
            """
        }
        let old = dir.appendingPathComponent("old.xml").path, new = dir.appendingPathComponent("new.xml").path
        try map("0.3", "0.7").write(toFile: old, atomically: true, encoding: .utf8)
        try map("0.05", "0.95").write(toFile: new, atomically: true, encoding: .utf8)
        let r = await run("diff", old, "--against", new, "--fail-on", "new-crippled", "--format", "json")
        #expect(r.status == 1 && r.out.contains("\"newlyCrippled\"") && r.err.contains("newly falling or crippled"))
        #expect(await run("diff", old, "--against", new, "--fail-on", "new-crippled", "--critical", "0.05").status == 0)
    }
}
