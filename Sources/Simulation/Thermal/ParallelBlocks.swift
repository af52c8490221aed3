import Dispatch

/// Runs `body(block)` for every block in `0..<count` at once on the system's thread pool, and
/// returns when all are done.
///
/// The caller promises what the compiler cannot check: blocks write disjoint memory (each block
/// its own servers' elements and its own workspace). That is why the closure may capture
/// non-`Sendable` state here.
func forEachBlockInParallel(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let shared = UncheckedSendable(value: escapable)
        DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
    }
}

private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
