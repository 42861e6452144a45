import Foundation
import Testing
import ChokepointTestSupport
@testable import ChokepointCLI

/// The text, Markdown and CSV outputs of the bundled map, compared byte for byte with expected
/// files in `Expected/` (set `UPDATE_EXPECTED=1` to rewrite them after a deliberate change, then
/// read the diff).
@Suite struct ExpectedOutputTests {
    static let cases: [(name: String, arguments: [String])] = [
        ("report.txt", ["report", nlDefence, "--no-color"]),
        ("report-all.md", ["report", nlDefence, "--format", "markdown", "--all"]),
        ("report-mmr.txt", ["report", nlDefence, "--system", "mmr"]),
        ("report-trusted-nato.txt", ["report", nlDefence, "--trusted", "NATO"]),
        ("report.csv", ["report", nlDefence, "--format", "csv"]),
        ("whatif-cn.txt", ["whatif", nlDefence, "--without-country", "CN"]),
        ("whatif-gallium-germanium.md", ["whatif", nlDefence, "--without-country", "CN", "--items", "gallium*,germanium*", "--format", "markdown"]),
        ("whatif-cn.csv", ["whatif", nlDefence, "--without-country", "CN", "--format", "csv"]),
        ("impact.txt", ["impact", nlDefence]),
        ("impact.csv", ["impact", nlDefence, "--format", "csv"]),
        ("stockpile-graphite.txt", ["stockpile", nlDefence, "--without-supplier", "natural-graphite-cn,spherical-graphite-cn,anode-material-cn"]),
        ("stockpile-worst.md", ["stockpile", nlDefence, "--format", "markdown"]),
        ("stockpile-cn.csv", ["stockpile", nlDefence, "--without-country", "CN", "--format", "csv"]),
        ("report.json", ["report", nlDefence, "--format", "json"]),
        ("report-trusted-nato.json", ["report", nlDefence, "--format", "json", "--trusted", "NATO"]),
        ("diff-crm-to-nl.txt", ["diff", euCRM, "--against", nlDefence]),
        ("diff-nl-to-crm.json", ["diff", nlDefence, "--against", euCRM, "--format", "json"]),
        ("diff-nl-to-crm-nato.md", ["diff", nlDefence, "--against", euCRM, "--format", "markdown", "--trusted", "NATO"]),
        ("diff-nl-itself.txt", ["diff", nlDefence, "--against", nlDefence]),
    ]

    /// What varies between clones and releases, made constant: the repository's folder (the
    /// diff names its input files), the tool's version, the input files' sizes and SHA-256 (the
    /// bundled map is data and may be corrected), and the diagrams Graphviz draws (its version
    /// decides their bytes).
    static func normalised(_ text: String) -> String {
        var text = text.replacingOccurrences(of: repository + "/", with: "")
        text = text.replacingOccurrences(of: Chokepoint.version, with: "VERSION")
        for (pattern, replacement) in [
            (#"<code>[0-9a-f]{64}</code>"#, "<code>SHA-256</code>"),
            (#"<td class="num">[0-9]+</td><td><code>"#, #"<td class="num">BYTES</td><td><code>"#),
            (#""sha256":"[0-9a-f]{64}""#, #""sha256":"SHA-256""#),
            (#""bytes":[0-9]+"#, #""bytes":0"#),
            (#"(?s)<svg[ >].*?</svg>"#, "<svg/>"),
        ] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    static func compare(_ output: String, with name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_EXPECTED"] != nil {
            try output.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(output == expected, "output differs from Expected/\(name) (UPDATE_EXPECTED=1 rewrites it)", sourceLocation: sourceLocation)
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected")

    @Test(arguments: cases.indices)
    func matchesExpectedFile(_ index: Int) async throws {
        let (name, arguments) = Self.cases[index]
        let r = await run(arguments)
        #expect(r.status == 0, "\(arguments): \(r.err)")
        try Self.compare(Self.normalised(r.out), with: name)
    }

    /// The briefing of the bundled map, without and with diagrams (their SVG normalised away:
    /// the tests of `brief` check what they hold).
    @Test(arguments: [("brief.html", ["--no-diagrams"]), ("brief-diagrams.html", [])])
    func briefingMatchesExpectedFile(_ name: String, _ options: [String]) async throws {
        if options.isEmpty, !FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") { return }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("brief-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = await run(["brief", nlDefence, "-o", out] + options)
        #expect(r.status == 0, "\(r.err)")
        try Self.compare(Self.normalised(try String(contentsOfFile: out, encoding: .utf8)), with: name)
    }
}

/// The Markdown outputs render as meant in a CommonMark + GFM renderer (markdown-it-py, through
/// `Tools/check_markdown.py`): every table keeps its rows, no text line becomes a row, lists are
/// lists.
@Suite struct MarkdownRenderTests {
    static let renderer: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import markdown_it"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: renderer, "python3 with markdown-it-py is not installed (Tools/setup installs it)"),
          arguments: [["report", nlDefence, "--format", "markdown", "--all"], ["report", nlDefence, "--format", "markdown", "--top", "3"],
                      ["whatif", nlDefence, "--without-country", "CN", "--format", "markdown"],
                      ["stockpile", nlDefence, "--format", "markdown"], ["impact", nlDefence, "--format", "markdown", "--top", "5"],
                      ["report", euCRM, "--format", "markdown"]])
    func rendersAsMeant(_ arguments: [String]) async throws {
        let r = await run(arguments)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-\(UUID().uuidString).md")
        try r.out.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try runProcess("/usr/bin/env", ["python3", repository + "/Tools/check_markdown.py", file.path])
        #expect(check.status == 0, "\(arguments): \(check.out)")
    }
}
