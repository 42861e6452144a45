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
