import Testing

/// Every public symbol of every library module has a doc comment, and
/// every public function, initialiser, subscript and computed property says its cost with
/// `- Complexity:` (stored properties and types need the comment only).
@Suite("Documentation")
struct DocumentationTests {
    static let sources: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Sources/"
    }()

    /// The Swift files of a module, its subfolders included.
    static func files(in module: String) -> [String] { swiftFiles(under: sources + module + "/").sorted() }

    static func swiftFiles(under dir: String) -> [String] {
        guard let listing = opendir(dir) else { return [] }
        defer { closedir(listing) }
        var names: [String] = []
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(".") { continue }
            if name.hasSuffix(".swift") { names.append(dir + name) }
            else if entry.pointee.d_type == UInt8(DT_DIR) { names += swiftFiles(under: dir + name + "/") }
        }
        return names
    }

    static func read(_ path: String) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `file:line: declaration` for each public symbol without what it needs.
    static func undocumented(in module: String) -> [String] {
        var found: [String] = []
        for path in files(in: module) {
            let lines = read(path).split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingPrefix(while: \.isWhitespace) }
            for (k, line) in lines.enumerated() {
                var words = line.split(separator: " ").drop { $0.hasPrefix("@") }
                guard words.first == "public", !line.hasPrefix("public import") else { continue }
                words = words.dropFirst().drop { ["static", "mutating", "nonisolated", "final", "override"].contains($0) }
                let keyword = words.first.map(String.init) ?? ""
                var j = k - 1
                while j >= 0 && lines[j].hasPrefix("@") { j -= 1 }
                var doc: [Substring] = []
                while j >= 0 && lines[j].hasPrefix("///") { doc.append(lines[j]); j -= 1 }
                let where_ = "\(path.dropFirst(sources.count)):\(k + 1): \(line.prefix(80))"
                if doc.isEmpty { found.append(where_ + " (no doc comment)"); continue }
                let isStored = (keyword == "let" || keyword == "var") && !line.contains("{")
                let needsCost = ["func", "init", "init?", "subscript", "var"].contains(where: { keyword.hasPrefix($0) }) && !isStored
                if needsCost && !doc.contains(where: { $0.contains("- Complexity:") }) { found.append(where_ + " (no - Complexity:)") }
            }
        }
        return found
    }

    @Test(arguments: ["SupplyGraph", "SupplyXML", "OutputFormats", "RiskAnalysis", "GraphExport", "Reports", "BudgetPlan", "ChokepointCLI"])
    func everyPublicSymbolIsDocumented(module: String) {
        #expect(!Self.files(in: module).isEmpty)
        let missing = Self.undocumented(in: module)
        #expect(missing.isEmpty, "\(missing.joined(separator: "\n"))")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
