import Foundation
import Testing
import ChokepointTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `chokepoint validate` as a user runs it: the built tool, its exit status and what it prints.
@Suite("validate, end to end")
struct ValidateToolTests {
    static let tool = builtChokepointTool

    /// Runs the tool with raw argument bytes (so that a file name need not be UTF-8).
    static func run(_ arguments: [[UInt8]]) throws -> (status: Int32, out: String, err: String) {
        let tool = try #require(Self.tool)
        var argv: [UnsafeMutablePointer<CChar>?] = ([Array(tool.utf8)] + arguments).map { bytes in
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (k, b) in bytes.enumerated() { p[k] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            return p
        } + [nil]
        defer { for p in argv { p?.deallocate() } }
        var out: [Int32] = [0, 0], err: [Int32] = [0, 0]
        #expect(pipe(&out) == 0 && pipe(&err) == 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        posix_spawn_file_actions_addclose(&actions, out[0])
        posix_spawn_file_actions_addclose(&actions, err[0])
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, &argv, environ)
        posix_spawn_file_actions_destroy(&actions)
        close(out[1]); close(err[1])
        #expect(spawned == 0)
        let outText = FileHandle(fileDescriptor: out[0], closeOnDealloc: true).readDataToEndOfFile()
        let errText = FileHandle(fileDescriptor: err[0], closeOnDealloc: true).readDataToEndOfFile()
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return ((status >> 8) & 0xFF, String(decoding: outText, as: UTF8.self), String(decoding: errText, as: UTF8.self))
    }

    static func run(_ arguments: String...) throws -> (status: Int32, out: String, err: String) {
        try run(arguments.map { Array($0.utf8) })
    }

    /// A data set with `unused` materials nothing uses (two warnings each) and one system.
    static func manyWarnings(_ unused: Int, in dir: String) -> String {
        var text = "<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\">\n"
        for i in 0..<unused { text += "  <material id=\"m\(i)\"/>\n" }
        text += "  <system id=\"s\"/>\n</supplyChain>\n"
        let path = dir + "many.xml"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test(.enabled(if: tool != nil)) func warningsAreSummarisedByKind() throws {
        try HostileInputTests.withTemporaryFolder { dir in
            let path = Self.manyWarnings(12, in: dir)
            let r = try Self.run("validate", path)
            #expect(r.status == 0)
            let lines = r.err.split(separator: "\n").map(String.init)
            #expect(lines.count == 12, "5 + 1 of each of the two kinds, and the system: \(lines)")
            #expect(lines.filter { $0.hasSuffix("is used by nothing") }.count == 5)
            #expect(lines.contains("chokepoint: 7 more unused-material warnings not shown (--max-warnings N or --all-warnings with validate)"))
            #expect(lines.contains("chokepoint: 8 more no-supplier warnings not shown (--max-warnings N or --all-warnings with validate)"))
            #expect(r.out.contains("valid, 25 warnings\nwarnings by kind: 13 no-supplier, 12 unused-material\n"))
        }
    }

    @Test(.enabled(if: tool != nil)) func allWarningsOrAsManyAsAsked() throws {
        try HostileInputTests.withTemporaryFolder { dir in
            let path = Self.manyWarnings(12, in: dir)
            let all = try Self.run("validate", path, "--all-warnings")
            #expect(all.err.split(separator: "\n").count == 25 && !all.err.contains("more"))
            let two = try Self.run("validate", path, "--max-warnings", "2")
            #expect(two.err.split(separator: "\n").count == 6)
            #expect(try Self.run("validate", path, "--max-warnings", "-1").status == 2)
        }
    }

    @Test(.enabled(if: tool != nil)) func aMissingFileIsInvalidData() throws {
        let r = try Self.run("validate", "/nonexistent/chokepoint.xml")
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("/nonexistent/chokepoint.xml: error: cannot read the file: no such file or directory\n"))
    }

    @Test(.enabled(if: tool != nil)) func aFileNameThatIsNotUTF8IsOpenedByItsBytes() throws {
        try HostileInputTests.withTemporaryFolder { dir in
            // "café.xml" in Latin-1: the é is the single byte 0xE9.
            let name = Array(dir.utf8) + [0x63, 0x61, 0x66, 0xE9] + Array(".xml".utf8)
            let text = "<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\"><supplier id=\"s\" country=\"XX\"/></supplyChain>"
            let fd = (name + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
            #expect(fd >= 0)
            _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
            close(fd)
            let r = try Self.run([Array("validate".utf8), name])
            #expect(r.status == 1)
            #expect(r.err.hasPrefix(dir + "caf\u{FFFD}.xml:1:52: error: unknown country code 'XX'"), "\(r.err)")
        }
    }
}
