import Foundation
import Testing
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
    ]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected")

    @Test(arguments: cases.indices)
    func matchesExpectedFile(_ index: Int) async throws {
        let (name, arguments) = Self.cases[index]
        let r = await run(arguments)
        #expect(r.status == 0, "\(arguments): \(r.err)")
        let url = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_EXPECTED"] != nil {
            try r.out.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(r.out == expected, "output differs from Expected/\(name) (UPDATE_EXPECTED=1 rewrites it)")
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ExpectedOutputTests.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tools/check_markdown.py").path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let problems = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments): \(problems)")
    }
}
