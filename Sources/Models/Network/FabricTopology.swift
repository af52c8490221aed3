/// A scale-out fabric built as a folded Clos (fat tree) of identical switches with `radix` ports:
/// how many switches and links of each tier a hall's endpoints need, and how many switch tiers a
/// message between two endpoints crosses.
///
/// Leaf switches split their ports r : 1 between endpoints and uplinks (r the oversubscription,
/// 1 for a non-blocking fabric): `down = ⌊k r/(r + 1)⌋`, `up = k − down`. Two tiers reach up to
/// k·down/… endpoints: every leaf sends one uplink to each spine group; three tiers group leaves and
/// spines into pods of k/2 leaves and k/2 spines and join the pods through core switches (Al-Fares,
/// Loukissas and Vahdat, "A Scalable, Commodity Data Center Network Architecture", SIGCOMM 2008:
/// k³/4 endpoints non-blocking with three tiers of k-port switches; k²/2 with two).
///
/// Rail-optimised (NVIDIA DGX SuperPOD reference architecture): the NIC of accelerator i of every
/// server joins leaf group i ("rail" i), so that one leaf serves `down` servers on one rail and the
/// same-index ranks of those servers — the ones a data-parallel all-reduce pairs — meet in one
/// switch. A plain Clos puts all NICs of a server on one leaf, so one leaf serves down/nics servers.
public struct FabricTopology: Sendable, Equatable {
    public enum Layout: String, Sendable, CaseIterable { case railOptimized = "rail-optimized", clos }

    public var layout: Layout
    /// NIC ports to connect: servers × NICs per server.
    public var servers: Int
    public var nicsPerServer: Int
    /// Ports of every switch at the fabric's link speed.
    public var radix: Int
    /// Endpoint ports : uplink ports of a leaf (≥ 1).
    public var oversubscription: Double
    /// 2 or 3; nil chooses the fewest tiers that reach every endpoint.
    public var requestedTiers: Int?

    public init(layout: Layout, servers: Int, nicsPerServer: Int, radix: Int, oversubscription: Double, tiers: Int? = nil) {
        self.layout = layout
        self.servers = servers
        self.nicsPerServer = max(1, nicsPerServer)
        self.radix = max(2, radix)
        self.oversubscription = max(1, oversubscription)
        self.requestedTiers = tiers
    }

    public var endpoints: Int { servers * nicsPerServer }
    /// Leaf ports facing endpoints, and facing spines.
    public var leafDownPorts: Int { max(1, Int((Double(radix) * oversubscription / (oversubscription + 1)).rounded(.down))) }
    public var leafUpPorts: Int { max(1, radix - leafDownPorts) }
    /// Endpoints two and three tiers can reach: a spine takes one uplink from each of up to k leaves
    /// (two tiers); a pod is k/2 leaves, joined by cores (three tiers).
    public var twoTierCapacity: Int { radix * leafDownPorts }
    public var threeTierCapacity: Int { (radix / 2) * leafDownPorts * radix }

    /// Tiers used: the requested number, or the fewest that reach every endpoint.
    public var tiers: Int {
        if let requestedTiers { return requestedTiers }
        if endpoints <= leafDownPorts { return 1 }
        return endpoints <= twoTierCapacity ? 2 : 3
    }

    /// Whether the tiers reach every endpoint.
    public var fits: Bool {
        switch tiers {
        case 1: return endpoints <= leafDownPorts
        case 2: return endpoints <= twoTierCapacity
        default: return endpoints <= threeTierCapacity
        }
    }

    /// Switches and links of each tier.
    public struct Inventory: Sendable, Equatable {
        public var leaves = 0, spines = 0, cores = 0
        /// Endpoint–leaf, leaf–spine and spine–core links.
        public var endpointLinks = 0, leafSpineLinks = 0, spineCoreLinks = 0
        public var switches: Int { leaves + spines + cores }
        public var switchLinks: Int { leafSpineLinks + spineCoreLinks }
    }

    public var inventory: Inventory {
        var result = Inventory()
        let n = endpoints
        result.endpointLinks = n
        result.leaves = ceilDiv(n, leafDownPorts)
        guard tiers >= 2, result.leaves > 1 else { return result }
        result.leafSpineLinks = result.leaves * leafUpPorts
        if tiers == 2 {
            result.spines = ceilDiv(result.leafSpineLinks, radix)
            return result
        }
        // Three tiers: pods of k/2 leaves, each pod with as many spines as its uplinks need at half
        // their ports down; the other half go up to the cores.
        let leavesPerPod = max(1, radix / 2)
        let pods = ceilDiv(result.leaves, leavesPerPod)
        let spinesPerPod = ceilDiv(min(result.leaves, leavesPerPod) * leafUpPorts, max(1, radix / 2))
        result.spines = pods * spinesPerPod
        // Above the leaves the tree is non-blocking: each spine sends up what it receives.
        result.spineCoreLinks = result.leafSpineLinks
        result.cores = ceilDiv(result.spineCoreLinks, radix)
        return result
    }

    /// Servers a leaf serves: on a rail-optimised fabric `down` servers (one NIC of each), on a
    /// plain Clos down/nics.
    public var serversPerLeaf: Int {
        layout == .railOptimized ? leafDownPorts : max(1, leafDownPorts / nicsPerServer)
    }
    /// Servers in a pod (the reach of a leaf–spine pair of tiers).
    public var serversPerPod: Int { tiers >= 3 ? serversPerLeaf * max(1, radix / 2) : max(servers, 1) }

    /// Switches a message between the same-rail NICs of servers `a` and `b` crosses (servers
    /// numbered in placement order: consecutive servers share leaves): 0 inside one server, 1 under
    /// one leaf, 3 through a spine, 5 through a core.
    public func switchHops(server a: Int, _ b: Int) -> Int {
        if a == b { return 0 }
        if a / serversPerLeaf == b / serversPerLeaf { return 1 }
        if tiers < 3 || a / serversPerPod == b / serversPerPod { return 3 }
        return 5
    }

    /// The most switches any pair of a set of servers crosses, and whether it crosses the
    /// oversubscribed leaf uplinks (more than one leaf).
    public func span(servers set: [Int]) -> (hops: Int, crossesLeaves: Bool) {
        guard let first = set.min(), let last = set.max() else { return (0, false) }
        if first == last { return (0, false) }
        let leaves = Set(set.map { $0 / serversPerLeaf })
        if leaves.count == 1 { return (1, false) }
        let pods = Set(set.map { $0 / serversPerPod })
        return (tiers >= 3 && pods.count > 1 ? 5 : 3, true)
    }

    private func ceilDiv(_ a: Int, _ b: Int) -> Int { b > 0 ? (a + b - 1) / b : 0 }
}
