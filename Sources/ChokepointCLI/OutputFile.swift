import ArgumentParser
import Foundation

/// Writes `text` to the file at `path`, or exits 1 with a message.
func writeFile(_ text: String, to path: String) throws {
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        Console.current.err("chokepoint: cannot write \(path): \(error.localizedDescription)\n")
        throw ExitCode(1)
    }
}
