import OutputFormats
import GraphExport
import RiskAnalysis
import SupplyGraph

/// Where a report's figures come from: the data set's name and date, the tool and its version,
/// the input files — written at the top of every JSON output and in the briefing, so a figure
/// can be traced back to the data it was computed from.
public struct ReportContext: Sendable {
    /// The tool's version (`chokepoint --version`).
    public var toolVersion: String
    /// The input files, as given.
    public var inputFiles: [String]
    /// Which suppliers have declared their smelters (RMI templates read with the map), for the
    /// systems' `declarationCoverage`; nil: not computed (the member is then left out).
    public var declarationCoverage: DeclarationCoverage?

    /// A context.
    /// - Complexity: O(1).
    public init(toolVersion: String, inputFiles: [String]) {
        self.toolVersion = toolVersion
        self.inputFiles = inputFiles
    }

    /// The JSON members `dataSet` (names and `asOf` dates of the data sets read), `tool` and
    /// `inputs`.
    /// - Complexity: O(data sets + files).
    public func jsonMembers(for graph: SupplyGraph) -> [(String, JSONValue)] {
        let sets: [JSONValue] = graph.dataSetNames.indices.map { k in
            let asOf = k < graph.dataSetAsOf.count ? graph.dataSetAsOf[k] : ""
            return .object([("name", .string(graph.dataSetNames[k])), ("asOf", asOf.isEmpty ? .null : .string(asOf))])
        }
        let first = graph.dataSetNames.first
        let firstAsOf = graph.dataSetAsOf.first { !$0.isEmpty }
        return [
            ("dataSet", .object([("name", first.map(JSONValue.string) ?? .null), ("asOf", firstAsOf.map(JSONValue.string) ?? .null),
                                 ("parts", .array(sets))])),
            ("tool", .object([("name", .string("chokepoint")), ("version", .string(toolVersion))])),
            ("inputs", .array(inputFiles.map(JSONValue.string))),
        ]
    }

    /// The data set in words: `Netherlands defence supply chains (illustrative), as of 2024-06-07`.
    /// - Complexity: O(data sets).
    public static func title(of graph: SupplyGraph) -> String {
        let names = graph.dataSetNames.filter { !$0.isEmpty }
        let title = names.isEmpty ? "supply chain" : names.joined(separator: " + ")
        let dates = Set(graph.dataSetAsOf.filter { !$0.isEmpty }).sorted()
        return dates.isEmpty ? title : "\(title), as of \(dates.joined(separator: ", "))"
    }
}

extension Perimeter {
    /// The perimeter in words for headings: `EU`, `EU + NATO`, `EU + NATO + trusted`.
    /// - Complexity: O(groups).
    public var label: String { groupIDs.joined(separator: " + ") }
}
