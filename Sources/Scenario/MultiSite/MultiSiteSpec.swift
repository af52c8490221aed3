import Models

/// A multi-site scenario (docs/models/workload.md, "Sites linked by a WAN"): several full
/// facilities, the links between them, where users and data are, a routing policy, and the
/// jobs and services to place.
public struct MultiSiteSpec: Sendable {
    public struct Site: Sendable {
        public var name: String
        public var scenarioPath: String
        public var scenario: ScenarioSpec
        /// Round trip between users and this site when users are here, s.
        public var localRoundTripS: Double
        /// A planner's expected PUE for ranking by energy cost (1 when not given).
        public var expectedPUE: Double
    }

    public struct Link: Sendable {
        public var a: String, b: String
        /// One-way latency, s, and bandwidth, bytes/s.
        public var latencyS: Double
        public var bandwidthBytesPerS: Double
    }

    public enum Policy: String, Sendable, CaseIterable {
        case nearest, cheapestEnergy = "cheapest-energy", lowestCarbon = "lowest-carbon", latencyBounded = "latency-bounded"
    }

    public var sites: [Site]
    public var links: [Link]
    public var usersSite: String
    public var policy: Policy
    /// Network energy to move data between sites, J per byte.
    public var transferEnergyJPerByte: Double
    public var jobs: [JobSpec]
    public var services: [InferenceServiceSpec]
    public var sourcePath: String

    public func site(_ name: String) -> Site? { sites.first { $0.name == name } }

    /// One-way latency between two sites (0 for the same site), nil without a link.
    public func latencyS(_ a: String, _ b: String) -> Double? {
        if a == b { return 0 }
        return links.first { ($0.a == a && $0.b == b) || ($0.a == b && $0.b == a) }?.latencyS
    }

    public func bandwidthBytesPerS(_ a: String, _ b: String) -> Double? {
        if a == b { return .infinity }
        return links.first { ($0.a == a && $0.b == b) || ($0.a == b && $0.b == a) }?.bandwidthBytesPerS
    }

    /// Users' round trip to a site: their access round trip at their own site plus twice the
    /// link's one-way latency, s.
    public func roundTripS(toSite name: String) -> Double? {
        guard let oneWay = latencyS(usersSite, name) else { return nil }
        return (site(usersSite)?.localRoundTripS ?? 0) + 2 * oneWay
    }
}
