import Foundation
import Testing
import ChokepointTestSupport
@testable import ChokepointCLI

/// `chokepoint brief`: what the page holds, that every data string is escaped and nothing is
/// loaded from the network, with and without Graphviz.
@Suite("brief", .serialized) struct BriefTests {
    /// Names and ids that would break the page if written unescaped.
    static let hostile = """
        <supplyChain xmlns="urn:chokepoint:supply-chain:1" name="Hostile &lt;b&gt;names&lt;/b&gt; &amp; co" asOf="2026-01-31">
          <system id="&lt;i&gt;x&amp;&quot;y'&lt;/i&gt;" name="&lt;script&gt;alert(1)&lt;/script&gt;" demand="3"><uses item="part" quantity="1"/></system>
          <component id="part" name="Part &quot;P&quot; &amp; &lt;Q&gt;"><uses item="ore" quantity="2"/></component>
          <material id="ore" name="Ore" unit="t"/>
          <supplier id="maker" name="&lt;img src=x onerror=alert(2)&gt;" country="DE"><supplies item="part" share="1"/></supplier>
          <supplier id="mine-cn" name="Mine, China" country="CN"><supplies item="ore" share="0.8"/></supplier>
          <supplier id="mine-x" name="Mine of unknown origin"><supplies item="ore" share="0.2"/></supplier>
        </supplyChain>
        """

    func brief(_ arguments: String...) async throws -> (status: Int32, html: String, err: String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("brief-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = await run(["brief"] + arguments + ["-o", out])
        return (r.status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", r.err)
    }

    /// The SHA-256 of a file by coreutils' `sha256sum`, an independent implementation.
    static func sha256sum(_ path: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return nil }
        return try runProcess("/usr/bin/sha256sum", [path]).out.split(separator: " ").first.map(String.init)
    }

    @Test func theBundledBriefingOpensWithTheVerdictsAndHoldsEverySection() async throws {
        let r = try await brief(nlDefence, "--no-diagrams")
        #expect(r.status == 0, "\(r.err)")
        let html = r.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let order = ["id=\"verdicts\"", "Hidden single points of failure", "CRMA 65 % breaches", "id=\"impact\"",
                     "id=\"systems\"", "id=\"stockpile\"", "id=\"gaps\"", "id=\"provenance\""]
        let positions = order.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "missing: \(zip(order, positions).filter { $0.1 == nil }.map(\.0))")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "sections out of order")
        #expect(html.components(separatedBy: "<section class=\"system\"").count - 1 == 9)
        #expect(html.contains("9 of 9 systems fall</strong> on EU supply alone"))
        #expect(html.contains("fict-epi-wafer-x-us") && html.contains("buy gan-on-sic-wafer only from it"))
        #expect(html.contains("<span class=\"route\">mmr → tr-module → gan-mmic</span>"))
        #expect(html.contains("class=\"heatmap\"") && html.contains("supply lost (1 − φ)") && html.contains("linearGradient"))
        #expect(html.contains("No diagram: left out (--no-diagrams)"))
        #expect(html.contains("@media print") && html.contains("break-before: page"))
        // Provenance: the data set, its date, the tool and the input's SHA-256.
        #expect(html.contains("Netherlands defence supply chains (illustrative)") && html.contains("2026-11-01"))
        #expect(html.contains("chokepoint \(Chokepoint.version)"))
        if let digest = try Self.sha256sum(nlDefence) { #expect(html.contains("<code>\(digest)</code>")) }
    }

    @Test func nothingIsLoadedFromTheNetwork() async throws {
        let html = try await brief(nlDefence, "--no-diagrams").html
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("@import") && !html.contains("url(http"))
        #expect(!html.contains("src=\""))
        // The only addresses are the SVG namespace names, which are never fetched.
        let addresses = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(addresses.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") || $0.hasPrefix("://www.w3.org/1999/xlink\"") }, "\(Set(addresses))")
    }

    @Test func everyDataStringIsEscaped() async throws {
        let path = try writeTemporary(Self.hostile, name: "hostile.xml")
        let r = try await brief(path, "--no-diagrams")
        #expect(r.status == 0, "\(r.err)")
        let html = r.html
        for raw in ["<script>alert(1)", "<img src=x", "<i>x&", "<b>names", "Part \"P\" & <Q>"] {
            #expect(!html.contains(raw), "unescaped: \(raw)")
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("&lt;i&gt;x&amp;&quot;y&#39;&lt;/i&gt;"))
        #expect(html.contains("Hostile &lt;b&gt;names&lt;/b&gt; &amp; co"))
        // Ids in anchors are slugs: letters, digits and _XX only.
        #expect(html.contains("id=\"system-_3Ci_3Ex_26_22y_27_3C_2Fi_3E\""))
        #expect(html.contains("Suppliers of unknown origin (counted as outside EU): mine-x"))
    }

    @Test func badInputAndUsage() async throws {
        #expect(await run(["brief"]).status == 2)
        #expect(await run(["brief", nlDefence, "--days", "-1"]).status == 2)
        #expect(await run(["brief", nlDefence, "--top", "0"]).status == 2)
        let bad = try writeTemporary("<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\">\n  <supplier id=\"s\" country=\"XX\"/>\n</supplyChain>\n")
        let r = await run(["brief", bad])
        #expect(r.status == 1 && r.err.contains("\(bad):2:3: error: unknown country code 'XX'"))
    }
}

/// The built tool: the briefing with Graphviz's diagrams, and without Graphviz.
@Suite("brief, end to end", .serialized) struct BriefEndToEndTests {
    static let tool = EndToEndTests.tool

    static func briefing(environment: [String: String]? = nil) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("brief-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try runBuiltTool(["brief", nlDefence, "-o", out], environment: environment)
        #expect(r.status == 0, "\(r.err)")
        return try String(contentsOfFile: out, encoding: .utf8)
    }

    @Test(.enabled(if: tool != nil && Graphviz.find("dot") != nil))
    func withGraphvizEverySystemHasItsDiagramInline() throws {
        let html = try Self.briefing()
        #expect(html.components(separatedBy: "<figure class=\"diagram\"><svg role=\"img\"").count - 1 == 9)
        #expect(!html.contains("<?xml") && !html.contains("<!DOCTYPE svg") && !html.contains("<!--"))
        // Several diagrams in one page: their ids are prefixed, so none repeats.
        var ids: [String: Int] = [:]
        for part in html.components(separatedBy: " id=\"").dropFirst() { ids[String(part.prefix { $0 != "\"" }), default: 0] += 1 }
        #expect(ids.filter { $0.value > 1 }.isEmpty, "repeated ids: \(ids.filter { $0.value > 1 }.keys.prefix(5))")
    }

    @Test(.enabled(if: tool != nil))
    func aFailedDiagramIsSaidInItsSectionAndOnStderr() throws {
        let bin = try fakeProgram("dot", script: "echo 'Error: layout failed' >&2\nexit 3\n")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("brief-\(UUID().uuidString).html").path
        let r = try runBuiltTool(["brief", nlDefence, "-o", out], environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(r.status == 0)
        #expect(r.err.contains("chokepoint: the diagram of mmr: dot failed with exit status 3"))
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.components(separatedBy: "No diagram: dot failed with exit status 3").count - 1 == 9)
    }

    @Test(.enabled(if: tool != nil))
    func withoutGraphvizTheBriefingSaysSoAndKeepsTheTables() throws {
        let empty = try temporaryFolder("no-graphviz")
        let html = try Self.briefing(environment: ["PATH": empty])
        #expect(html.contains("No diagram: Graphviz is not installed"))
        #expect(!html.contains("<figure class=\"diagram\"><svg"))
        #expect(html.contains("<h3>Blocking items on EU supply alone</h3>") && html.contains("id=\"stockpile\""))
    }
}
