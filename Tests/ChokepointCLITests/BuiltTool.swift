import Foundation
import Testing
import ChokepointTestSupport

/// Runs the built `chokepoint` with `arguments` (and, if given, only `environment`), stdout
/// discarded; returns its exit status and stderr.
func runBuiltTool(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(builtChokepointTool, "build the chokepoint executable first"))
    process.arguments = arguments
    if let environment { process.environment = environment }
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A new folder holding one executable shell script `name` (a stand-in for a program such as
/// Graphviz's `dot`), for a test's `PATH`; returns the folder's path.
func fakeProgram(_ name: String, script: String) throws -> String {
    let bin = FileManager.default.temporaryDirectory.appendingPathComponent("fake-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let path = bin.appendingPathComponent(name).path
    try ("#!/bin/sh\n" + script).write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return bin.path
}
