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
    func matchesExpectedFile(_ index: Int) throws {
        let (name, arguments) = Self.cases[index]
        let r = run(arguments)
        #expect(r.status == 0, "\(arguments): \(r.err)")
        let url = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_EXPECTED"] != nil {
            try r.out.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(r.out == expected, "output differs from Expected/\(name) (UPDATE_EXPECTED=1 rewrites it)")
    }
}
