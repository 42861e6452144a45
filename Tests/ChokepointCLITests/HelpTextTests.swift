import Testing
@testable import ChokepointCLI

/// What `--help` prints is read by people: no source code leaks into it — no uninterpolated
/// `\(...)` (a `\\(` in a multi-line string literal) and no line-continuation backslash kept as
/// text (a `\\` at a line's end).
@Suite("Help texts")
struct HelpTextTests {
    static let commands = [[String]()] + Chokepoint.configuration.subcommands.map { [$0._commandName] }

    @Test(arguments: commands)
    func helpShowsNoSourceCode(_ command: [String]) async {
        let r = await run(command + ["--help"])
        #expect(r.status == 0)
        #expect(r.out.contains("USAGE: chokepoint"), "\(command): \(r.err)")
        #expect(!r.out.contains("\\("), "\(command) --help shows an uninterpolated \\(...)")
        #expect(!r.out.contains("\\"), "\(command) --help shows a backslash")
    }

    /// The help text with every run of spaces and line breaks as one space (it is wrapped).
    func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    @Test func theCSVColumnsAreListed() async {
        #expect(flat(await run("stockpile", "--help").out).contains("CSV columns: id, kind, name, unit, yearlyRequirement,"))
        #expect(flat(await run("whatif", "--help").out).contains("CSV columns: id, kind, name, available, state,"))
    }
}
