import GraphExport
import OutputFormats
import RiskAnalysis

/// How the texts show a figure that has a range: "0–35 %" where the range is wide enough to be
/// shown (``SupplyFractionRange/isShownAsRange(_:)``: `high − low >= 0.005`), else the figure.
enum RangeText {
    /// The figure, or its range.
    static func percent(_ figure: Double, _ range: ClosedRange<Double>) -> String {
        SupplyFractionRange.isShownAsRange(range)
            ? DisplayNumber.percentRange(range.lowerBound, range.upperBound) : DisplayNumber.percent(figure)
    }

    /// A range as JSON: `[low, high]`.
    static func json(_ range: ClosedRange<Double>) -> JSONValue {
        .array([.number(range.lowerBound), .number(range.upperBound)])
    }
}
