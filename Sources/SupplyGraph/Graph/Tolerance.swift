#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one tolerance of the figures: how close two shares or fractions must be to count as
/// equal (the article "Risk figures": one tolerance, ε = 10⁻⁹). It lives in SupplyGraph so that the builder's checks of
/// share rows, the figures of RiskAnalysis and the writers' rounding read the same constant.
/// Every comparison of a figure with a threshold goes through it: "all supply from outside" (`nonEU ≥ 1 − ε`), the CRMA benchmark
/// (`cs ≥ benchmark − ε`), a system unaffected (`φ ≥ 1 − ε`), an impact worth listing (`> ε`), a
/// row of shares that accounts for everything (`s ≥ 1 − ε`).
public enum Tolerance {
    /// ε = 1e-9.
    public static let figure = 1e-9

    /// How far above 1 an item's given shares may sum, by default, before the build rejects
    /// them (within it they are normalised, with a warning): five percentage points, as real
    /// tables are rounded (the EU CRM 2023 rows of one material sum from 0.89 to 1.02). The
    /// builder's, the importer's and the command line's default.
    public static let defaultShareTolerance = 0.05

    /// `x ≥ threshold − ε`.
    /// - Complexity: O(1).
    @inlinable public static func reaches(_ x: Double, _ threshold: Double) -> Bool { x >= threshold - figure }

    /// `x > ε`: a share, a loss or an impact that is not rounding noise.
    /// - Complexity: O(1).
    @inlinable public static func isPositive(_ x: Double) -> Bool { x > figure }

    /// `x` rounded to 12 significant digits, the precision of every number Chokepoint writes:
    /// what two figures must share to rank as equal.
    /// - Complexity: O(1).
    public static func significant(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let digits = 12 - Int((log10(abs(x))).rounded(.down)) - 1
        let scale = pow(10, Double(digits))
        return (x * scale).rounded() / scale
    }
}
