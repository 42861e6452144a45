import Foundation
import SupplyGraph
import SupplyXML

/// Imports a small data set written as the body of a `<supplyChain>` (tests only).
///
/// The share tolerance is wide (0.25) so that hand-worked cases can use round shares.
/// - Throws: `SupplyXMLError` when the fixture is not valid — which fails the calling test.
public func supplyGraph(body: String, name: String = "fixture") throws -> SupplyGraph {
    let xml = "<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\" name=\"\(name)\">\n\(body)\n</supplyChain>"
    var options = SupplyChainImporter.Options()
    options.shareTolerance = 0.25
    return try SupplyChainImporter(options: options).importDocument(Array(xml.utf8)).graph
}

/// A small deterministic generator (SplitMix64), so random graphs are the same on every run.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

/// The built `chokepoint` executable beside the test bundle (or up to two folders above it),
/// for end-to-end tests; `nil` when it has not been built.
public let builtChokepointTool: String? = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = dir.appendingPathComponent("chokepoint").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir.deleteLastPathComponent()
    }
    return nil
}()

/// The repository's root folder, found from this file.
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A new empty folder under the system's temporary folder, named `prefix-<UUID>`; returns its
/// path. The test removes it when it cares.
public func temporaryFolder(_ prefix: String = "chokepoint") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Runs `executable` with `arguments` to its end and returns its exit status, stdout and stderr
/// (stderr read on a thread of its own, so neither pipe can fill up and block the child).
/// - Parameters:
///   - environment: the child's whole environment, or `nil` for this process's.
///   - standardOutput: `false` to discard stdout (then `out` is empty).
public func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                       standardOutput: Bool = true) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = standardOutput ? out : FileHandle.nullDevice
    process.standardError = err
    try process.run()
    // A thread of its own, not a Dispatch queue: the test's task may hold one of the few
    // threads that Dispatch and Swift concurrency share, and the reader must not wait for one.
    final class Box: @unchecked Sendable { var data = Data() }
    let errData = Box()
    let done = DispatchSemaphore(value: 0)
    let reader = Thread { errData.data = err.fileHandleForReading.readDataToEndOfFile(); done.signal() }
    reader.start()
    let outData = standardOutput ? out.fileHandleForReading.readDataToEndOfFile() : Data()
    done.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData.data, as: UTF8.self))
}

/// A random layered supply chain with shared sub-suppliers and sourcedFrom, the same for the
/// same seed: four layers (3 systems, 5 and 6 components, 5 materials), one to three inputs per
/// item, one to three suppliers for nine items in ten, one supplier in eight of unknown origin.
/// - Parameter itemsPerSupplier: how many items of its layer each supplier makes (the first is
///   the item it was made for; the others are picked at random in the same layer, so a supplier
///   can be an item's only supplier and one of several of another's).
public func randomGraph(seed: UInt64, itemsPerSupplier: ClosedRange<Int> = 1...1) throws -> SupplyGraph {
    var rng = SplitMix64(state: seed)
    var b = SupplyGraphBuilder()
    let countries = ["DE", "FR", "CN", "US", "PL", "JP"]
    let layers = [3, 5, 6, 5]
    var names: [[String]] = []
    var records: [[Int]] = []
    for (l, count) in layers.enumerated() {
        names.append((0..<count).map { "i\(l)-\($0)" })
        records.append(names[l].map { b.addItem(key: $0, kind: l == 0 ? .system : l == layers.count - 1 ? .material : .component, demand: l == 0 ? 1 : 0) })
    }
    var children: [String: [String]] = [:]
    for l in 0..<(layers.count - 1) {
        for (k, name) in names[l].enumerated() {
            let n = Int.random(in: 1...3, using: &rng)
            let picked = Set((0..<n).map { _ in names[l + 1].randomElement(using: &rng)! })
            for child in picked.sorted() { b.addUses(parent: records[l][k], child: child, quantity: 1) }
            children[name] = picked.sorted()
        }
    }
    var suppliersOf: [String: [String]] = [:]
    var supplierCount = 0
    var pending: [(supplier: Int, item: String)] = []
    for l in stride(from: layers.count - 1, through: 0, by: -1) {
        for name in names[l] where Int.random(in: 0..<10, using: &rng) < 9 {
            let n = Int.random(in: 1...3, using: &rng)
            for _ in 0..<n {
                let key = "s\(supplierCount)"; supplierCount += 1
                let country = Int.random(in: 0..<8, using: &rng) == 0 ? nil : countries.randomElement(using: &rng)
                let s = b.addSupplier(key: key, country: country)
                suppliersOf[name, default: []].append(key)
                pending.append((s, name))
                if itemsPerSupplier.upperBound > 1 {
                    // More items of the same layer (the extra draws only here, so the graphs of
                    // one item per supplier stay those of every earlier run).
                    let more = Int.random(in: itemsPerSupplier, using: &rng) - 1
                    for other in Set((0..<more).map { _ in names[l].randomElement(using: &rng)! }).subtracting([name]).sorted() {
                        suppliersOf[other, default: []].append(key)
                        pending.append((s, other))
                    }
                }
            }
        }
    }
    for (s, item) in pending {
        var sourcing: [(input: String, suppliers: [String])] = []
        for child in children[item] ?? [] where Int.random(in: 0..<3, using: &rng) == 0 {
            if let options = suppliersOf[child], !options.isEmpty {
                sourcing.append((child, Array(options.shuffled(using: &rng).prefix(Int.random(in: 1...options.count, using: &rng)))))
            }
        }
        let share: Double? = Int.random(in: 0..<3, using: &rng) == 0 ? nil : Double(Int.random(in: 1...5, using: &rng)) / 10
        b.addSupply(supplier: s, item: item, share: share, sourcing: sourcing)
    }
    b.options.shareTolerance = 100
    return try b.build().graph
}

