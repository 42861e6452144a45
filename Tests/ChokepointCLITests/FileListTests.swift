import Foundation
import Testing
import ChokepointTestSupport
@testable import ChokepointCLI

/// `@LIST` and `--files-from LIST`: many inputs without the argument parser's quadratic cost.
@Suite("Lists of input files")
struct FileListTests {
    /// A folder with `count` small native files, each one supplier of its own item, and the list
    /// of their paths (one a line, CR LF every other line, a blank line at the end).
    static func manyFiles(_ count: Int) throws -> (folder: String, list: String) {
        let folder = try temporaryFolder("chokepoint-list")
        var list = ""
        for k in 0..<count {
            let path = "\(folder)/f\(k).xml"
            let xml = """
                <supplyChain xmlns="urn:chokepoint:supply-chain:1">
                  <material id="m\(k)" demand="1"/>
                  <supplier id="s\(k)" country="DE"><supplies item="m\(k)" share="1"/></supplier>
                  \(k > 0 ? "<component id=\"c\(k)\"><uses item=\"m\(k - 1)\" quantity=\"1\"/></component>" : "")
                </supplyChain>

                """
            FileManager.default.createFile(atPath: path, contents: Data(xml.utf8))
            list += path + (k % 2 == 0 ? "\r\n" : "\n")
        }
        let listPath = "\(folder)/list.txt"
        try (list + "\n").write(toFile: listPath, atomically: true, encoding: .utf8)
        return (folder, listPath)
    }

    @Test func anAtListAndFilesFromReadTheSameFiles() async throws {
        let (folder, list) = try Self.manyFiles(3)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let direct = await run(["validate", "\(folder)/f0.xml", "\(folder)/f1.xml", "\(folder)/f2.xml"])
        let atList = await run(["validate", "@" + list])
        let filesFrom = await run(["validate", "--files-from", list])
        #expect(direct.status == 0)
        #expect(direct.out.contains("files       3") && direct.out.contains("materials   3") && direct.out.contains("components  2"))
        #expect(atList.status == direct.status && atList.out == direct.out && atList.err == direct.err)
        #expect(filesFrom.status == direct.status && filesFrom.out == direct.out && filesFrom.err == direct.err)
    }

    @Test func listsMixWithFilesInOrder() async throws {
        let (folder, list) = try Self.manyFiles(2)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let extra = try writeTemporary("<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\"><material id=\"x\"/></supplyChain>\n")
        let options = try InputOptions.parse(["@" + list, extra, "--files-from", list])
        #expect(options.files == ["\(folder)/f0.xml", "\(folder)/f1.xml", extra, "\(folder)/f0.xml", "\(folder)/f1.xml"])
        // The second naming of each file is one error (each file is read once).
        let r = await run(["validate", "@" + list, "--files-from", list])
        #expect(r.status == 1)
        #expect(r.err.contains("\(folder)/f0.xml: error: the file is given twice"))
    }

    @Test func aListThatCannotBeReadIsAUsageError() async {
        let r = await run(["validate", "@/no/such/list.txt"])
        #expect(r.status == 2)
        #expect(r.err.contains("cannot read the list of inputs @/no/such/list.txt: no such file or directory"))
        let empty = await run(["validate", "--files-from", "/dev/null"])
        #expect(empty.status == 2)
        #expect(empty.err.contains("give at least one input"))
    }

    @Test func onlyAnArgumentThatStartsWithAnAtIsAList() async throws {
        let path = try writeTemporary("<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\"><material id=\"x\"/></supplyChain>\n", name: "@odd.xml")
        // A file whose name starts with '@' is named by a path that does not: ./@odd.xml, or in full.
        #expect(try InputOptions.parse(["./@odd.xml", path, "@"]).files == ["./@odd.xml", path, "@"])
        let r = await run(["validate", path])
        #expect(r.status == 0 && r.out.contains("materials   1"))
    }

    /// 20,000 small files through one list, read as they would be on the command line (the
    /// argument parser alone takes 6 s for 16,000 file arguments; the list is one argument).
    /// Its speed is measured by the benchmark, not here; the limit only stops a hang.
    @Test(.timeLimit(.minutes(3))) func manyFilesInOneList() async throws {
        let count = 20_000
        let (folder, list) = try Self.manyFiles(count)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = await run(["validate", "--no-validate", "--files-from", list])
        #expect(r.status == 0, "\(r.err.prefix(2000))")
        #expect(r.out.contains("files       \(count)") && r.out.contains("materials   \(count)") && r.out.contains("BOM edges   \(count - 1)"))
    }
}
