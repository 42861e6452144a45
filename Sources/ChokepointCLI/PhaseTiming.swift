#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Phase timings on stderr for benchmarks, when the environment has `CHOKEPOINT_TIMING=1`.
///
/// A debugging aid, not part of the interface: `Tools/bench` sets it to tell the import apart
/// from the figures in one `report` run. Each phase prints one line,
/// `chokepoint: timing: <phase> <seconds> s`, when it ends.
enum PhaseTiming {
    /// Whether `CHOKEPOINT_TIMING` is set to something other than `0` or empty.
    static let enabled: Bool = {
        guard let value = getenv("CHOKEPOINT_TIMING") else { return false }
        let text = String(cString: value)
        return !text.isEmpty && text != "0"
    }()

    /// Runs `body` and, when enabled, prints how long it took under `phase`.
    static func measure<T, E: Error>(_ phase: String, _ body: () throws(E) -> T) throws(E) -> T {
        guard enabled else { return try body() }
        let start = ContinuousClock.now
        let result = try body()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        Console.current.err("chokepoint: timing: \(phase) \(seconds) s\n")
        return result
    }
}
