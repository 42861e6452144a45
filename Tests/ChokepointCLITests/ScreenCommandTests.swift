import Foundation
import Testing
@testable import ChokepointCLI

/// `chokepoint screen` on the bundled map with its fictional ownership layer and list.
@Suite struct ScreenCommandTests {
    static let owners = repository + "/Graphs/nl-defence-owners.xml"
    static let list = repository + "/Graphs/fictional-sanctions.xml"

    @Test func jsonOfTheBundledExample() async throws {
        let r = await run("screen", nlDefence, Self.owners, "--sanctions", Self.list, "--format", "json")
        #expect(r.status == 0, "\(r.err)")
        let json = try object(r.out)
        #expect(json["schemaVersion"] as? Int == 1)
        let lists = try #require(json["lists"] as? [[String: Any]])
        #expect(lists.first?["entities"] as? Int == 4 && lists.first?["generationDate"] as? String == "2026-01-01T00:00:00.000+01:00")
        let sanctioned = try #require(json["sanctioned"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: sanctioned.map { ($0["id"] as! String, $0) })
        // Each rule of the example, worked by hand from the two files.
        #expect(byID["fict-granite-holding"]?["how"] as? String == "identifier")
        #expect(byID["fict-granite-holding"]?["matchedName"] as? String == "fx000111")
        #expect(byID["fict-obsidian-trading"]?["how"] as? String == "name")
        #expect(byID["fict-person-a"]?["how"] as? String == "name")
        #expect(byID["fict-person-b"] == nil, "a company is not the listed person")
        #expect(byID["fict-sic-substrate-cn"]?["how"] as? String == "ownership")
        #expect(byID["fict-sic-substrate-cn"]?["path"] as? [String] == ["fict-sic-substrate-cn", "fict-granite-holding"])
        #expect(byID["fict-smco-maker-de"] == nil, "25 % + 20 % is not 50 %")
        #expect(byID["fict-epi-wafer-x-us"]?["how"] as? String == "control")
        #expect(byID["fict-seeker-us"]?["path"] as? [String] == ["fict-seeker-us", "fict-basalt-midco", "fict-person-a"])
        #expect(byID["fict-seeker-us"]?["kind"] as? String == "supplier" && byID["fict-basalt-midco"]?["kind"] as? String == "entity")
        let possible = try #require(json["possible"] as? [[String: Any]])
        #expect(possible.map { $0["id"] as? String } == ["fict-basalt-metals"])
        let systems = try #require(json["systems"] as? [[String: Any]])
        #expect(systems.map { $0["id"] as? String } == ["mmr", "patriot-gem-t"])
    }

    @Test func failOnSanctioned() async {
        let r = await run("screen", nlDefence, Self.owners, "--sanctions", Self.list, "--fail-on", "sanctioned", "--format", "csv")
        #expect(r.status == 1)
        #expect(r.err.contains("risk policy failed: 3 sanctioned suppliers"))
        #expect(r.out.hasPrefix("section,id,kind,how,listReference,matchedName,path,"))
        let clean = await run("screen", nlDefence, "--sanctions", Self.list, "--fail-on", "sanctioned")
        #expect(clean.status == 0, "without the ownership layer no supplier is sanctioned")
    }

    @Test func aBadListIsALocatedError() async throws {
        let path = try writeTemporary("<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">\n<sanctionEntity>\n</sanctionEntity></export>\n", name: "list.xml")
        let r = await run("screen", nlDefence, "--sanctions", path)
        #expect(r.status == 1)
        #expect(r.err.contains("list.xml:2:1: error: <sanctionEntity> needs the attribute 'euReferenceNumber'"), "\(r.err)")
    }

    @Test func screenNeedsAList() async {
        #expect(await run("screen", nlDefence).status == 2)
    }
}

/// `report` and `diff` with `--sanctions`.
@Suite struct SanctionsInOtherCommandsTests {
    @Test func reportJSONGainsTheSanctionedFigures() async throws {
        let r = await run("report", nlDefence, ScreenCommandTests.owners, "--sanctions", ScreenCommandTests.list, "--format", "json")
        #expect(r.status == 0, "\(r.err)")
        let json = try object(r.out)
        let items = try #require(json["items"] as? [[String: Any]])
        let shares = Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as! String, $0["sanctionedShare"] as? Double) })
        #expect(shares["sic-substrate"] == 0.5 && shares["seeker-gem-t"] == 0.7)
        #expect(items.allSatisfy { $0["sanctionedShare"] != nil })
        let systems = try #require(json["systems"] as? [[String: Any]])
        let mmr = try #require(systems.first { $0["id"] as? String == "mmr" })
        #expect(mmr["sanctionedSuppliers"] as? [String] == ["fict-epi-wafer-x-us", "fict-sic-substrate-cn"])
        let plain = await run("report", nlDefence, "--format", "json")
        #expect(!plain.out.contains("sanctioned"), "without --sanctions the report is unchanged")
    }

    @Test func diffNamesTheNewlySanctioned() async throws {
        let r = await run("diff", nlDefence, "--against", nlDefence, ScreenCommandTests.owners,
                          "--sanctions", ScreenCommandTests.list, "--format", "json", "--fail-on", "new-sanctioned")
        #expect(r.status == 1)
        let json = try object(r.out)
        #expect(json["newlySanctioned"] as? [String] == ["fict-epi-wafer-x-us", "fict-seeker-us", "fict-sic-substrate-cn"])
        #expect(r.err.contains("3 newly sanctioned suppliers"))
        let same = await run("diff", nlDefence, ScreenCommandTests.owners, "--against", nlDefence, ScreenCommandTests.owners,
                             "--sanctions", ScreenCommandTests.list, "--format", "json", "--fail-on", "new-sanctioned")
        #expect(same.status == 0)
        #expect(await run("diff", nlDefence, "--against", nlDefence, "--fail-on", "new-sanctioned").status == 2)
    }

    @Test func briefHasAScreeningPage() async {
        let r = await run("brief", nlDefence, ScreenCommandTests.owners, "--sanctions", ScreenCommandTests.list, "--no-diagrams")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("<section id=\"screening\"><h2>Owners and sanctions</h2>"))
        #expect(r.out.contains("fict-seeker-us → fict-basalt-midco → fict-person-a"))
        let plain = await run("brief", nlDefence, "--no-diagrams")
        #expect(!plain.out.contains("id=\"screening\""))
    }

    @Test func whatifWithoutSanctioned() async throws {
        let r = await run("whatif", nlDefence, ScreenCommandTests.owners, "--without-sanctioned", "--sanctions", ScreenCommandTests.list, "--format", "json")
        #expect(r.status == 0, "\(r.err)")
        let json = try object(r.out)
        let systems = try #require(json["systems"] as? [[String: Any]])
        let gemT = try #require(systems.first { $0["id"] as? String == "patriot-gem-t" })
        #expect(abs((gemT["supplyFraction"] as? Double ?? 0) - 0.3) < 1e-9, "as the screen's supplyFractionWithout")
        #expect((json["scenario"] as? [String: Any])?["withoutSanctioned"] as? Bool == true)
    }
}
