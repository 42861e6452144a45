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
