#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files the tool has made and not yet renamed or removed (an output's
/// `.chokepoint-XXXXXX` beside `-o`, Graphviz's input and image), removed if the process is
/// ended by SIGINT, SIGTERM or SIGHUP: a handler unlinks every one (`unlink` is
/// async-signal-safe) and then ends the process by the same signal.
///
/// The paths are kept in a fixed table of C strings, so that the handler reads them without
/// allocating or locking.
enum TemporaryFiles {
    private static let capacity = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = TemporaryFiles.handler
            #else
            action.__sigaction_u.__sa_handler = TemporaryFiles.handler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        return slots
    }()

    private static let handler: @convention(c) (Int32) -> Void = { signal in
        for k in 0..<TemporaryFiles.capacity {
            if let path = TemporaryFiles.slots[k] { unlink(path) }
        }
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
    }

    /// Remembers `path` until ``forget(_:)`` or ``remove(_:)`` (the first call installs the
    /// handlers). Past 64 paths at once, the extra ones are not remembered.
    static func remember(_ path: String) {
        let copy = strdup(path)
        for k in 0..<capacity where slots[k] == nil {
            slots[k] = copy
            return
        }
        free(copy)
    }

    /// Forgets `path` (it was renamed into place).
    static func forget(_ path: String) {
        for k in 0..<capacity {
            guard let slot = slots[k], String(cString: slot) == path else { continue }
            slots[k] = nil
            free(slot)
            return
        }
    }

    /// Removes `path` and forgets it.
    static func remove(_ path: String) {
        unlink(path)
        forget(path)
    }
}
