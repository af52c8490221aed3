/// A fixed-size array of plain values in one allocation, shared by reference.
///
/// Why not `[T]`: the server bank's arrays are written by several threads at once, each thread
/// to its own servers' elements. Swift arrays would copy on write and check exclusive access on
/// every element (`swift_beginAccess` was 10 % of a run); this is a pointer with bounds checks.
final class FlatArray<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(repeating value: Element, count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: value)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    var count: Int { buffer.count }
    var indices: Range<Int> { 0..<buffer.count }

    subscript(index: Int) -> Element {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    /// `count` elements from `start`, for a step function that works on one server's slice.
    func slice(_ start: Int, _ count: Int) -> UnsafeMutableBufferPointer<Element> {
        precondition(start >= 0 && count >= 0 && start + count <= buffer.count)
        return UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + count)])
    }

    var array: [Element] { Array(buffer) }
}
