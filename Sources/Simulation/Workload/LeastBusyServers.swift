/// The least busy server of a service in O(log n): a segment tree over the servers keyed by
/// (busy slots, index), so ties go to the lowest index and the choice is reproducible. A server
/// that cannot take work (full, or shut down) carries an infinite key.
struct LeastBusyServers {
    private var tree: [(busy: Int, index: Int)]
    private let size: Int
    static let unavailable = Int.max

    init(count: Int) {
        var size = 1
        while size < max(count, 1) { size *= 2 }
        self.size = size
        tree = Array(repeating: (Self.unavailable, Int.max), count: 2 * size)
        for k in 0..<count { tree[size + k] = (0, k) }
        for node in stride(from: size - 1, to: 0, by: -1) { tree[node] = Self.smaller(tree[2 * node], tree[2 * node + 1]) }
    }

    private static func smaller(_ a: (busy: Int, index: Int), _ b: (busy: Int, index: Int)) -> (busy: Int, index: Int) {
        (a.busy, a.index) <= (b.busy, b.index) ? a : b
    }

    /// Sets server k's key: its busy slots, or `unavailable`.
    mutating func set(_ k: Int, busy: Int) {
        var node = size + k
        tree[node] = (busy, k)
        node /= 2
        while node >= 1 {
            tree[node] = Self.smaller(tree[2 * node], tree[2 * node + 1])
            node /= 2
        }
    }

    /// The least busy available server, nil when none can take work.
    var least: Int? { tree[1].busy == Self.unavailable ? nil : tree[1].index }
}
