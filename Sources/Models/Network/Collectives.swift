/// Times of the collective operations distributed training uses, in the α–β (Hockney) model:
/// a message of n bytes between two ranks takes α + n/B, with α the link's latency and B its
/// bandwidth in one direction. The algorithms and their costs are those of Thakur, Rabenseifner
/// and Gropp, "Optimization of Collective Communication Operations in MPICH", International
/// Journal of High Performance Computing Applications 19(1), 2005, 49-66 (the γ term of local
/// reductions is left out: GPUs reduce at hundreds of GB/s, far above link bandwidths).
public enum Collectives {
    /// One link as a collective sees it: per-rank bandwidth in one direction, and latency.
    public struct Link: Sendable, Equatable {
        public var bandwidthBytesPerS: Double
        public var latencyS: Double
        public init(bandwidthBytesPerS: Double, latencyS: Double) {
            self.bandwidthBytesPerS = bandwidthBytesPerS
            self.latencyS = latencyS
        }
        /// α + n/B: one message of `bytes`.
        public func message(_ bytes: Double) -> Double { latencyS + bytes / bandwidthBytesPerS }
    }

    public enum Algorithm: String, Sendable, CaseIterable {
        /// Reduce-scatter then all-gather around a ring: bandwidth-optimal, latency grows with p.
        case ring
        /// Binomial-tree reduce to one rank, then binomial-tree broadcast: latency grows with
        /// log₂ p, but every round sends the whole message.
        case tree
    }

    /// All-reduce of `bytes` on each of `ranks` ranks.
    /// - ring: 2(p − 1) α + 2 (p − 1)/p · n/B;
    /// - tree: 2 ⌈log₂ p⌉ (α + n/B).
    public static func allReduceS(bytes: Double, ranks: Int, link: Link, algorithm: Algorithm = .ring) -> Double {
        guard ranks > 1, bytes > 0 else { return 0 }
        let p = Double(ranks)
        switch algorithm {
        case .ring: return 2 * (p - 1) * link.latencyS + 2 * (p - 1) / p * bytes / link.bandwidthBytesPerS
        case .tree: return 2 * Double(ceilLog2(ranks)) * link.message(bytes)
        }
    }

    /// The faster of ring and tree, as NCCL's tuner picks per message size: the tree wins for
    /// small, latency-bound messages on many ranks, the ring for large ones.
    public static func fastestAllReduceS(bytes: Double, ranks: Int, link: Link) -> Double {
        min(allReduceS(bytes: bytes, ranks: ranks, link: link, algorithm: .ring),
            allReduceS(bytes: bytes, ranks: ranks, link: link, algorithm: .tree))
    }

    /// Reduce-scatter (or all-gather, the same cost) of a `bytes` buffer around a ring:
    /// (p − 1) α + (p − 1)/p · n/B.
    public static func reduceScatterS(bytes: Double, ranks: Int, link: Link) -> Double {
        guard ranks > 1, bytes > 0 else { return 0 }
        let p = Double(ranks)
        return (p - 1) * link.latencyS + (p - 1) / p * bytes / link.bandwidthBytesPerS
    }

    public static func allGatherS(bytes: Double, ranks: Int, link: Link) -> Double {
        reduceScatterS(bytes: bytes, ranks: ranks, link: link)
    }

    /// All-to-all of a `bytes` buffer per rank, in pairwise exchange (each rank sends n/p to each
    /// of the others in p − 1 rounds): (p − 1) α + (p − 1)/p · n/B. Thakur et al. 2005, §3.7.
    public static func allToAllS(bytes: Double, ranks: Int, link: Link) -> Double {
        guard ranks > 1, bytes > 0 else { return 0 }
        let p = Double(ranks)
        return (p - 1) * link.latencyS + (p - 1) / p * bytes / link.bandwidthBytesPerS
    }

    /// ⌈log₂ p⌉ for p ≥ 1.
    static func ceilLog2(_ p: Int) -> Int {
        var rounds = 0, reach = 1
        while reach < p {
            reach *= 2
            rounds += 1
        }
        return rounds
    }
}
