import Foundation
import Testing
import ChokepointTestSupport

/// Runs the built `chokepoint` with `arguments` (and, if given, only `environment`), stdout
/// discarded; returns its exit status and stderr.
func runBuiltTool(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, err: String) {
    let r = try runProcess(try #require(builtChokepointTool, "build the chokepoint executable first"), arguments,
                           environment: environment, standardOutput: false)
    return (r.status, r.err)
}

/// A new folder holding one executable shell script `name` (a stand-in for a program such as
/// Graphviz's `dot`), for a test's `PATH`; returns the folder's path.
func fakeProgram(_ name: String, script: String) throws -> String {
    let bin = URL(fileURLWithPath: try temporaryFolder("fake-\(name)"))
    let path = bin.appendingPathComponent(name).path
    try ("#!/bin/sh\n" + script).write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return bin.path
}
