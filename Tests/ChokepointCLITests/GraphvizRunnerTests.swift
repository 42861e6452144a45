import Foundation
import Testing
import ChokepointTestSupport
@testable import ChokepointCLI

/// The Graphviz runner: an image is put in place only when the engine succeeded, a timeout stops
/// the engine's whole process group and names the engine, odd targets are handled.
@Suite("Rendering safely") struct GraphvizRunnerTests {
    /// A fresh folder with fake engines: `dot` and `sfdp` are shell scripts given as `script`.
    func folder() throws -> URL {
        URL(fileURLWithPath: try temporaryFolder("chokepoint-render"))
    }

    func fakeEngine(_ name: String, in dir: URL, script: String) throws -> String {
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let path = bin.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + script).write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return bin.path
    }

    /// The files in `dir` other than `bin`.
    func leftovers(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "bin" }.sorted()
    }

    static let digraph = "digraph g { a -> b }"

    @Test func aFailedRunKeepsThePreviousImage() async throws {
        let dir = try folder()
        // Writes half an image to its -o file, then fails.
        let path = try fakeEngine("dot", in: dir, script: """
            while [ $# -gt 1 ]; do [ "$1" = "-o" ] && out="$2"; shift; done
            printf 'PNG-trunc' > "$out"; echo "Error: syntax error in line 1" >&2; exit 1
            """)
        let target = dir.appendingPathComponent("map.png").path
        try "GOOD IMAGE".write(toFile: target, atomically: true, encoding: .utf8)
        await #expect(throws: CLIError.self) {
            _ = try await Graphviz.render(Self.digraph, engine: "dot", format: "png", to: target, timeout: 10, path: path)
        }
        do {
            _ = try await Graphviz.render(Self.digraph, engine: "dot", format: "png", to: target, timeout: 10, path: path)
        } catch {
            #expect(error.code == .graphvizFailed && error.message.contains("dot failed with exit status 1"))
            #expect(error.details.contains("syntax error"))
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "GOOD IMAGE")
        #expect(try leftovers(dir) == ["map.png"], "no temporary file is left behind")
    }

    @Test func anEmptyImageIsAFailure() async throws {
        let dir = try folder()
        let path = try fakeEngine("dot", in: dir, script: "exit 0\n")
        let target = dir.appendingPathComponent("map.svg").path
        await #expect(throws: CLIError.self) {
            _ = try await Graphviz.render(Self.digraph, engine: "dot", format: "svg", to: target, timeout: 10, path: path)
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try leftovers(dir).isEmpty)
    }

    @Test func aTimeoutKillsTheWholeProcessGroupAndNamesTheEngine() async throws {
        let dir = try folder()
        let pids = dir.appendingPathComponent("pids").path
        // A helper that ignores SIGTERM and outlives its parent, as a forked renderer might.
        let path = try fakeEngine("sfdp", in: dir, script: """
            sh -c 'trap "" TERM; sleep 900' & echo $! > \(pids)
            echo $$ >> \(pids)
            sleep 900
            """)
        let target = dir.appendingPathComponent("map.png").path
        let started = Date()
        var caught: CLIError?
        do { _ = try await Graphviz.render(Self.digraph, engine: "sfdp", format: "png", to: target, timeout: 1, path: path) }
        catch { caught = error }
        let error = try #require(caught)
        #expect(error.code == .graphvizTimedOut)
        #expect(error.message.hasPrefix("sfdp did not finish within 1 s"))
        // Well before the helpers would end on their own (the timer waits for a free thread of
        // the shared pool, which a busy parallel test run can delay).
        #expect(Date().timeIntervalSince(started) < 300)
        let listed = try String(contentsOfFile: pids, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(listed.count == 2)
        for pid in listed {
            var alive = kill(pid, 0) == 0
            for _ in 0..<50 where alive { usleep(100_000); alive = kill(pid, 0) == 0 }
            #expect(!alive, "process \(pid) of the group survived")
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try leftovers(dir) == ["pids"])
    }

    @Test(.enabled(if: Graphviz.find("dot") != nil, "Graphviz is not installed"))
    func aGoodRunReplacesTheImageAndKeepsItsMode() async throws {
        let dir = try folder()
        let target = dir.appendingPathComponent("g.svg").path
        try "old".write(toFile: target, atomically: true, encoding: .utf8)
        chmod(target, 0o640)
        _ = try await Graphviz.render(Self.digraph, engine: "dot", format: "svg", to: target, timeout: 30)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("<svg"))
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try leftovers(dir) == ["g.svg"])
    }

    @Test(.enabled(if: Graphviz.find("dot") != nil, "Graphviz is not installed"))
    func aSymbolicLinkIsFollowedAndStays() async throws {
        let dir = try folder()
        let real = dir.appendingPathComponent("real.svg").path
        let link = dir.appendingPathComponent("link.svg").path
        try "old".write(toFile: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        _ = try await Graphviz.render(Self.digraph, engine: "dot", format: "svg", to: link, timeout: 30)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8).contains("<svg"))
    }

    @Test(.enabled(if: Graphviz.find("dot") != nil, "Graphviz is not installed"))
    func aFIFOIsWrittenIntoNotRenamedOver() async throws {
        let dir = try folder()
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A reader drains the FIFO while the image is written into it.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let out = Pipe()
        reader.standardOutput = out
        // Not the test process's stderr: a reader left behind would hold `swift test`'s pipe open.
        reader.standardError = FileHandle.nullDevice
        try reader.run()
        defer {
            // When the render failed, the reader still waits for a writer: one that opens and
            // closes the FIFO gives it its end of file (a signal may be blocked in the child).
            if reader.isRunning {
                let fd = open(fifo, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
                reader.terminate()
            }
        }
        _ = try await Graphviz.render(Self.digraph, engine: "dot", format: "svg", to: fifo, timeout: 30)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(text.contains("<svg"))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO is still a FIFO")
    }

    @Test func aDirectoryOrAMissingEngineIsAClearError() async throws {
        let dir = try folder()
        do {
            _ = try await Graphviz.render(Self.digraph, engine: "dot", format: "svg", to: dir.path, timeout: 5)
            Issue.record("rendering onto a directory succeeded")
        } catch {
            #expect(error.code == .io || error.code == .graphvizNotInstalled)
        }
        do {
            _ = try await Graphviz.render(Self.digraph, engine: "dot", format: "svg", to: dir.appendingPathComponent("x.svg").path, timeout: 5, path: dir.path)
            Issue.record("an engine was found in an empty PATH")
        } catch {
            #expect(error.code == .graphvizNotInstalled && error.message.contains("no `dot` on PATH"))
        }
    }
}
