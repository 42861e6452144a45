import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs two independent computations at once (on two cores when there are two) and returns
/// both results. Deterministic: each closure computes its own value; nothing is shared.
/// - Complexity: the slower of the two.
package func bothInParallel<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    nonisolated(unsafe) var first: A? = nil
    nonisolated(unsafe) var second: B? = nil
    withoutActuallyEscaping(a) { a in
        withoutActuallyEscaping(b) { b in
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                if k == 0 { first = a() } else { second = b() }
            }
        }
    }
    return (first!, second!)
}

/// The number of cores to spread work over.
enum ProcessorCount {
    /// The processors online (at least 1).
    static let active = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
