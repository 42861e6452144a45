import Dispatch

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
