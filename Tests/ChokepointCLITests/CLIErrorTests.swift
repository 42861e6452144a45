import Testing
@testable import ChokepointCLI

/// The one CLI error: its exit status, how it is printed, and that it is printed once.
@Suite("CLI errors")
struct CLIErrorTests {
    @Test(arguments: [(CLIError.Code.usage, Int32(2)), (.invalidData, 1), (.policyFailed, 1), (.io, 1),
                      (.graphvizNotInstalled, 1), (.graphvizFailed, 1), (.graphvizTimedOut, 1)])
    func exitStatus(_ code: CLIError.Code, _ status: Int32) {
        #expect(code.status == status)
    }

    @Test func printsTheProgramsOwnWordsThenTheMessage() {
        let console = Console.capturing()
        CLIError(code: .graphvizFailed, message: "dot failed with exit status 1", details: "Error: syntax error in line 1").print(to: console)
        #expect(console.output.err == "Error: syntax error in line 1\nchokepoint: dot failed with exit status 1\n")
        #expect(console.output.out.isEmpty)
    }

    @Test(arguments: [
        (["report", nlDefence, "--fail-on", "spof"], Int32(1), "chokepoint: risk policy failed: "),
        (["report", nlDefence, "--system", "no-such-system"], 2, "chokepoint: --system 'no-such-system': no such system"),
        (["whatif", nlDefence, "--without-country", "XX"], 2, "chokepoint: "),
    ])
    func aFailureIsPrintedOnce(_ arguments: [String], _ status: Int32, _ message: String) async {
        let r = await run(arguments)
        #expect(r.status == status)
        let lines = r.err.split(separator: "\n").filter { $0.hasPrefix(message) && !$0.contains("data warning") }
        #expect(lines.count == 1, "\(r.err)")
    }
}
