import Foundation
import Testing
import ChokepointTestSupport
import Reports
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
        let order = ["id=\"verdicts\"", "Hidden single points of failure", "CRMA 65 % benchmark", "id=\"impact\"",
                     "id=\"systems\"", "id=\"stockpile\"", "id=\"gaps\"", "id=\"provenance\""]
        let positions = order.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "missing: \(zip(order, positions).filter { $0.1 == nil }.map(\.0))")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "sections out of order")
        #expect(html.components(separatedBy: "<section class=\"system\"").count - 1 == 9)
        #expect(html.contains("9 of 9 systems fall or are crippled</strong> (below 10 % of normal production) on EU supply alone"))
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

/// The briefing for a director: a scenario, a classification marking and the analyst's notes.
@Suite("brief for a director", .serialized) struct BriefDirectorTests {
    /// S uses part P (made in DE) and ore O: 0.6 from CN, 0.4 from AU. On EU supply alone O
    /// has no supplier left, so S falls; without CN, O keeps 40 % and so does S (φ = 0.4).
    static let chain = """
        <system id="S" name="System S"><uses item="P" quantity="1"/></system>
        <component id="P" name="Part P"><uses item="O" quantity="2"/></component>
        <material id="O" name="Ore O" unit="t"/>
        <supplier id="p-de" name="Part maker" country="DE"><supplies item="P" share="1"/></supplier>
        <supplier id="o-cn" name="Ore mine, China" country="CN"><supplies item="O" share="0.6"/></supplier>
        <supplier id="o-au" name="Ore mine, Australia" country="AU"><supplies item="O" share="0.4"/></supplier>
        """

    func brief(_ arguments: [String]) async throws -> (status: Int32, html: String, err: String, written: Bool) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("brief-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let console = Console.capturing()
        let status = await Console.$current.withValue(console) { await Chokepoint.run(arguments: ["brief"] + arguments + ["--no-diagrams", "-o", out]) }
        let html = try? String(contentsOfFile: out, encoding: .utf8)
        return (status, html ?? "", console.output.err, html != nil)
    }

    func fixture() throws -> String {
        try writeTemporary("<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\" name=\"Chain\">\n\(Self.chain)\n</supplyChain>\n", name: "chain.xml")
    }

    @Test func theScenarioSetsTheTitleVerdictsPathsAndStockpile() async throws {
        let path = try fixture()
        let plain = try await brief([path])
        #expect(plain.status == 0, "\(plain.err)")
        #expect(plain.html.contains("<title>Supply-chain briefing: Chain</title>"))
        #expect(plain.html.contains("<strong>1 of 1 system falls or is crippled</strong> (below 10 % of normal production) on EU supply alone"))
        #expect(!plain.html.contains("Where the scenario reaches it"))
        #expect(plain.html.contains("Scenario: every stage loses its largest supplying country outside the EU, for 180 days."))

        let cut = try await brief([path, "--without-country", "CN"])
        #expect(cut.status == 0, "\(cut.err)")
        let html = cut.html
        #expect(html.contains("<title>Supply-chain briefing: Chain — without CN</title>"))
        #expect(html.contains("<h1>Supply-chain briefing: Chain — without CN</h1>"))
        #expect(html.contains("is degraded</strong> in the scenario without CN"), "the verdict follows the scenario")
        #expect(html.contains("(φ 40 %)") && !html.contains("falls</strong>"))
        #expect(html.contains("<th>in the scenario without CN</th>"))
        #expect(html.contains("Degraded in the scenario without CN: 40 % of normal production (φ) could go on."))
        // The path: where the scenario reaches S, with the route down its BOM.
        #expect(html.contains("<h3>Where the scenario reaches it</h3>"))
        #expect(html.contains("<td>O</td><td>Ore O</td><td class=\"num warn\">60 %</td><td class=\"num warn\">40 %</td><td><span class=\"route\">S → P → O</span></td>"), "\(html)")
        #expect(html.contains("Scenario: without CN, for 180 days."))
        // A scenario that names an unknown country is a usage error, as in whatif.
        #expect(try await brief([path, "--without-country", "XX"]).status == 2)
    }

    @Test func theMarkingIsAtTheTopAndBottomAndEscaped() async throws {
        let path = try fixture()
        let r = try await brief([path, "--marking", "SECRET <b>//</b> & \"NL\""])
        #expect(r.status == 0, "\(r.err)")
        let escaped = "SECRET &lt;b&gt;//&lt;/b&gt; &amp; &quot;NL&quot;"
        #expect(r.html.contains("<div class=\"marking top\" role=\"note\">\(escaped)</div>"))
        #expect(r.html.contains("<div class=\"marking bottom\" role=\"note\">\(escaped)</div>"))
        #expect(!r.html.contains("<b>//"))
        // The page sits in a table whose head and foot keep the marking's room on every page.
        #expect(r.html.contains("<table class=\"page\"><thead>") && r.html.contains(".marking { position: fixed"))
        let top = try #require(r.html.range(of: "marking top")), verdicts = try #require(r.html.range(of: "id=\"verdicts\""))
        let bottom = try #require(r.html.range(of: "marking bottom")), provenance = try #require(r.html.range(of: "id=\"provenance\""))
        #expect(top.lowerBound < verdicts.lowerBound && provenance.lowerBound < bottom.lowerBound)
        let none = try await brief([path])
        #expect(!none.html.contains("class=\"marking") && !none.html.contains("table class=\"page\""))
    }

    @Test func theNotesAreRenderedWithRawHTMLEscaped() async throws {
        let path = try fixture()
        let notes = try writeTemporary("""
            # Assessment
            The **ore** route is the risk. <script>alert(1)</script>
            <img src=x onerror=alert(2)>

            - [see the tables](javascript:alert(3))
            - `O` is *ore*
            """, name: "notes.md")
        let r = try await brief([path, "--notes", notes])
        #expect(r.status == 0, "\(r.err)")
        let html = r.html
        #expect(html.contains("<section id=\"notes\"><h2>Analyst&#39;s notes</h2>") || html.contains("<section id=\"notes\"><h2>Analyst's notes</h2>"))
        #expect(html.contains("<h3>Assessment</h3>"))
        #expect(html.contains("<p>The <strong>ore</strong> route is the risk. &lt;script&gt;alert(1)&lt;/script&gt;\n&lt;img src=x onerror=alert(2)&gt;</p>"))
        #expect(html.contains("<li>see the tables <span class=\"address\">(javascript:alert(3))</span></li>"))
        #expect(html.contains("<li><code>O</code> is <em>ore</em></li>"))
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("href=\"javascript"))
        // After the verdicts, before the heat map.
        let order = ["id=\"verdicts\"", "id=\"notes\"", "id=\"impact\""].map { html.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted())
    }

    @Test func aMissingNotesFileIsALocatedErrorAndNothingIsWritten() async throws {
        let path = try fixture()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-notes-\(UUID().uuidString).md").path
        let r = try await brief([path, "--notes", missing])
        #expect(r.status == 1)
        #expect(r.err.contains("\(missing): error: --notes: cannot read the file: no such file or directory"), "\(r.err)")
        #expect(!r.written)
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

    /// Each diagram is drawn for its printed page: placed in the page's diagram box (A4
    /// landscape), its smallest text prints at 8 pt or more, and no edge label lies under a node.
    @Test(.enabled(if: tool != nil && Graphviz.find("dot") != nil))
    func everyDiagramPrintsLegiblyWithNoLabelUnderANode() throws {
        let html = try Self.briefing()
        let figures = html.components(separatedBy: "<figure class=\"diagram\">").dropFirst()
        #expect(figures.count == 9)
        for figure in figures {
            let svg = String(figure[..<(try #require(figure.range(of: "</svg>"))).upperBound])
            let caption = figure.components(separatedBy: "<figcaption>").dropFirst().first?.prefix { $0 != ":" } ?? ""
            let text = try #require(Briefing.smallestPrintedText(ofDiagram: svg))
            #expect(text >= Briefing.smallestPrintedFont, "\(caption): its smallest text prints at \(text) pt")
            let check = hiddenEdgeLabels(inSVG: svg)
            #expect(check.nodes > 3 && check.hidden.isEmpty, "\(caption): \(check.hidden.prefix(5))")
        }
        // The arithmetic: a 10 pt label drawn at 0.5 in a 1592 pt wide drawing placed in the
        // 796 pt wide box (scale 0.5) prints at 2.5 pt.
        let small = "<svg width=\"1592pt\" height=\"964pt\"><g transform=\"scale(0.5 0.5) rotate(0)\"><text font-size=\"10.00\">x</text></g></svg>"
        #expect(Briefing.smallestPrintedText(ofDiagram: small) == 2.5)
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
