import Foundation
import Testing
import ChokepointTestSupport
@testable import ChokepointCLI

#if canImport(Glibc)
import Glibc
#endif

/// Linux's `makedev` (a C macro Swift does not import), for small numbers.
func device(_ major: UInt64, _ minor: UInt64) -> dev_t { dev_t((major << 8) | minor) }


/// The file type of `path` (not following a link): "file", "link", "char", "fifo", "dir".
func fileType(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0 else { return "none" }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return "file"
    case S_IFLNK: return "link"
    case S_IFCHR: return "char"
    case S_IFIFO: return "fifo"
    case S_IFDIR: return "dir"
    default: return "other"
    }
}

@Suite("Output files: never replaced unless they are regular files")
struct OutputFileTests {
    @Test func aDirectoryIsSaidToBeOne() async throws {
        let dir = try temporaryFolder("chokepoint-out")
        let r = await run("dot", nlDefence, "-o", dir)
        #expect(r.status == 1 && r.err.contains("cannot write \(dir): it is a directory"))
    }

    @Test func aMissingDirectoryIsSaid() async {
        let r = await run("export", "json", nlDefence, "-o", "/nonexistent-dir-\(UUID().uuidString)/x.json")
        #expect(r.status == 1 && r.err.contains("its directory does not exist"))
    }

    @Test func aRegularFileIsReplacedAndALinkStaysALink() async throws {
        let dir = try temporaryFolder("chokepoint-out")
        let target = dir + "/real.dot", link = dir + "/link.dot"
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(symlink("real.dot", link) == 0)
        #expect(await run("dot", nlDefence, "-o", link).status == 0)
        #expect(fileType(link) == "link" && fileType(target) == "file")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("digraph"))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["link.dot", "real.dot"])
    }

    @Test func aFIFOIsWrittenInto() async throws {
        let dir = try temporaryFolder("chokepoint-out")
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = [UInt8]()
        let reader = Thread {
            // Read until the writer closes (opening blocks until the writer opens).
            let fd = open(fifo, O_RDONLY)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while fd >= 0 {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                received += buffer[0..<n]
            }
            close(fd)
        }
        reader.start()
        #expect(await run("export", "json", nlDefence, "-o", fifo).status == 0)
        while !reader.isFinished { usleep(10_000) }
        #expect(fileType(fifo) == "fifo")
        #expect(String(decoding: received, as: UTF8.self).contains("\"nodes\""))
    }

    /// A device node of our own (root only): `c 1 3` is a null device, `c 1 7` a full one.
    @Test(.enabled(if: getuid() == 0, "creating device nodes needs root"))
    func devicesAreWrittenIntoNeverReplaced() async throws {
        let dir = try temporaryFolder("chokepoint-out")
        let null = dir + "/null", full = dir + "/full"
        #expect(mknod(null, S_IFCHR | 0o666, device(1, 3)) == 0 && mknod(full, S_IFCHR | 0o666, device(1, 7)) == 0)
        #expect(await run("dot", nlDefence, "-o", null).status == 0)
        #expect(fileType(null) == "char")
        let r = await run("dot", nlDefence, "-o", full)
        #expect(r.status == 1 && r.err.contains("cannot write \(full): no space left on device"))
        #expect(fileType(full) == "char")
    }
}

@Suite("Standard output: a failed write is an error")
struct StandardOutputTests {
    func execute(_ arguments: [String], stdout: FileHandle?) throws -> (status: Int32, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(builtChokepointTool, "build the chokepoint executable first"))
        process.arguments = arguments
        let err = Pipe()
        process.standardOutput = stdout
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: builtChokepointTool != nil && getuid() == 0, "needs the built tool and root (a device node)"))
    func aFullDiskIsAnError() throws {
        let dir = try temporaryFolder("chokepoint-out")
        let full = dir + "/full"
        #expect(mknod(full, S_IFCHR | 0o666, device(1, 7)) == 0)
        let handle = try #require(FileHandle(forWritingAtPath: full))
        let r = try execute(["report", nlDefence, "--format", "json"], stdout: handle)
        #expect(r.status == 1 && r.err.contains("cannot write the output: no space left on device"))
    }
}

@Suite("Options an analyst types")
struct OptionTests {
    @Test func aMistypedCommandSuggestsTheNearest() async {
        let r = await run("reprot", nlDefence)
        #expect(r.status == 2 && r.err.contains("unknown command 'reprot' (did you mean 'report'?)"))
    }

    @Test func negativeNumbersAreRangeErrors() async {
        for (args, message) in [(["report", nlDefence, "--top", "-5"], "--top must be a whole number >= 0, not -5"),
                                (["stockpile", nlDefence, "--days", "-5"], "--days must be a number of days > 0"),
                                (["stockpile", nlDefence, "--days", "1e308"], "at most 36500, not 1e+308"),
                                (["report", nlDefence, "--share-tolerance", "-1"], "--share-tolerance must be a number >= 0"),
                                (["dot", nlDefence, "--depth", "-1"], "--depth must be >= 0"),
                                (["dot", nlDefence, "--timeout", "-3"], "--timeout must be a number of seconds > 0"),
                                (["dot", nlDefence, "--min-share", "-0.5"], "--min-share must be a share between 0 and 1"),
                                (["diff", nlDefence, "--against", nlDefence, "--threshold", "-1"], "--threshold must be a share between 0 and 1"),
                                (["validate", nlDefence, "--max-warnings", "-2"], "--max-warnings must be a whole number >= 0"),
                                (["brief", nlDefence, "--days", "-1"], "--days must be a number of days > 0"),
                                (["impact", nlDefence, "--top", "-1"], "--top must be a whole number >= 0")] {
            let r = await run(args)
            #expect(r.status == 2 && r.err.contains(message), "\(args): \(r.err)")
            #expect(!r.err.contains("Missing value"))
        }
    }

    @Test func countriesAndGroupsInAnyCase() async throws {
        let lower = try object(await run("whatif", nlDefence, "--without-country", "cn", "--format", "json").out)
        let upper = try object(await run("whatif", nlDefence, "--without-country", "CN", "--format", "json").out)
        #expect((lower["failedSuppliers"] as? [String]) == (upper["failedSuppliers"] as? [String]))
        #expect(await run("report", nlDefence, "--trusted", "nato").status == 0)
        #expect(await run("whatif", nlDefence, "--only-group", "eu").status == 0)
        let uk = await run("whatif", nlDefence, "--without-country", "UK")
        #expect(uk.status == 2 && uk.err.contains("unknown country code 'UK' (did you mean 'GB'?)"))
        #expect(await run("whatif", nlDefence, "--without-country", "EL").err.contains("did you mean 'GR'?"))
    }

    /// gallium-primary loses 98.9 % without CN but nothing reaches it over 180 days (the 30 kg
    /// of high-purity gallium cover the radar): its cover is 0 d by the model, shown as not needed.
    @Test func anItemNothingNeedsShowsItsCoverAsNotNeeded() async throws {
        let r = await run("stockpile", nlDefence, "--without-country", "CN", "--no-color")
        let row = try #require(r.out.split(separator: "\n").first { $0.hasPrefix("gallium-primary ") })
        #expect(row.contains(" 0 d, not needed "), "\(row)")
        let germanium = try #require(r.out.split(separator: "\n").first { $0.hasPrefix("germanium ") })
        #expect(germanium.contains("200.4 d") && !germanium.contains("not needed"))
    }

    /// Names given in any case are shown as the data defines them: in the title, the JSON and the brief.
    @Test func scenarioNamesAreShownNormalised() async throws {
        let text = await run("whatif", nlDefence, "--without-country", "cn,Unknown", "--items", "gallium*")
        #expect(text.out.hasPrefix("What if: without CN, unknown, for gallium* only\n"), "\(text.out)")
        let json = try object(await run("whatif", nlDefence, "--without-country", "cn", "--format", "json").out)
        #expect((json["scenario"] as? [String: Any])?["withoutCountry"] as? [String] == ["CN"])
        let only = await run("whatif", nlDefence, "--only-group", "eu")
        #expect(only.out.hasPrefix("What if: only EU suppliers\n"), "\(only.out)")
        let group = try object(await run("whatif", nlDefence, "--without-group", "nato", "--format", "json").out)
        #expect((group["scenario"] as? [String: Any])?["withoutGroup"] as? [String] == ["NATO"])
        let stock = try object(await run("stockpile", nlDefence, "--without-country", "cn", "--format", "json").out)
        #expect((stock["scenario"] as? [String: Any])?["withoutCountry"] as? [String] == ["CN"])
    }

    @Test func failOnSuggestsAndRefusesNothing() async {
        let crma = await run("report", nlDefence, "--fail-on", "crma")
        #expect(crma.status == 2 && crma.err.contains("did you mean 'crma65'?"))
        #expect(await run("report", nlDefence, "--fail-on", "").status == 2)
        #expect(await run("report", nlDefence, "--fail-on", "CRMA65").status == 1) // a breach exists
    }

    @Test func systemIdsAreResolvedHelpfully() async {
        let upper = await run("report", nlDefence, "--system", "MMR")
        #expect(upper.status == 2 && upper.err.contains("did you mean 'mmr'?"))
        let patriot = await run("report", nlDefence, "--system", "patriot")
        #expect(patriot.status == 2 && patriot.err.contains("'patriot-gem-t' or 'patriot-pac3-mse'"))
        let material = await run("report", nlDefence, "--system", "gallium-primary")
        #expect(material.status == 2 && material.err.contains("'gallium-primary' is a material, not a system"))
    }

    @Test func anItemsPatternThatMatchesNothingIsAUsageError() async {
        let r = await run("whatif", nlDefence, "--without-country", "CN", "--items", "unobtainium*")
        #expect(r.status == 2 && r.err.contains("--items 'unobtainium*' matches no item id"))
    }
}
