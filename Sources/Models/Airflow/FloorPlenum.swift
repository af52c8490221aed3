import Foundation
import Numerics

/// The raised-floor plenum: how the downflow units' air divides among the perforated tiles.
///
/// After VanGilder & Schmidt ("Airflow uniformity through perforated tiles in a raised-floor data
/// center", ASME IPACK2005-73375): the plenum air is potential flow in plan (depth D), fed by the
/// units over their footprints and drained by the tiles. Bernoulli along the irrotational flow
/// gives each tile's static pressure from one total pressure P₀,
///
///     p_t = P₀ − ½ ρ v_t²,
///
/// with v_t the plenum velocity over the tile: air racing past a tile near a unit leaves it less
/// pressure. The tile passes q_t = A_t √(2 p_t / (ρ ζ)), with ζ the loss coefficient of a thin
/// perforated plate of open fraction f (Idelchik, Handbook of Hydraulic Resistance, 3rd ed.,
/// diagram 8-6, high Reynolds number):
///
///     ζ = (0.707 (1 − f)^0.375 + 1 − f)² / f².
///
/// P₀ is set so that the tiles pass what the units deliver (bisection), and the tile flows and the
/// plenum velocities are iterated together (relaxed by half) until an iteration would move no
/// tile by more than 2 × 10⁻⁴ of the total. A tile whose static pressure falls below the room's
/// passes nothing (no reverse flow).
///
/// Where the units' jets race along the plenum (units far apart on long rows, or far more air
/// than the floor's depth carries), the relaxed iteration stops contracting: tiles near the units
/// swing between passing much air and little from one iteration to the next. From the first
/// iteration that moves the tiles more than the one before, the steps are Anderson's
/// (`AndersonAcceleration`, the last five iterates combined), which settles a 0.3 m floor under
/// 50 % grates in about 18 iterations where halving the relaxation left it moving after 60
/// (docs/models/hall-airflow.md). Floors that still do not settle after 60 iterations keep the
/// iterate the map moved least, with what it moved (`Solution.unsettledFraction`), which runs
/// report.
public enum FloorPlenum {
    /// The tile flows and how settled they are.
    public struct Solution: Sendable {
        /// Each tile's flow, m³/s, in the order of `grid.tileCells`.
        public let tileFlowM3PerS: [Double]
        /// The most the iteration would still have moved any tile, over the units' total air
        /// (for a floor that did not settle, from the iterate kept): below `tolerance` when the
        /// flows settled.
        public let unsettledFraction: Double
        public let iterations: Int
        public var settled: Bool { unsettledFraction < FloorPlenum.tolerance }
    }

    /// The iteration stops once no tile would move by more than this share of the units' air.
    public static let tolerance = 2e-4
    public static let maximumIterations = 60
    /// How many past iterates Anderson's step combines, once the relaxed iteration stalls.
    public static let andersonMemory = 5

    /// Air density in the plenum, kg/m³ (supply air near 20 °C).
    public static let densityKgPerM3 = 1.2

    public static func lossCoefficient(openArea f: Double) -> Double {
        let solid = 1 - f, root = 0.707 * pow(solid, 0.375) + solid
        return root * root / (f * f)
    }

    /// Each tile's flow, m³/s, for the downflow units' flows `coolerFlowM3PerS` (0 for a stopped
    /// unit), in the order of `grid.tileCells`.
    public static func tileFlows(grid: AirflowGrid, coolerFlowM3PerS: [Double]) throws(NumericalError) -> [Double] {
        try solve(grid: grid, coolerFlowM3PerS: coolerFlowM3PerS).tileFlowM3PerS
    }

    /// The tile flows for the units' flows `coolerFlowM3PerS`, and how far they settled.
    public static func solve(grid: AirflowGrid, coolerFlowM3PerS: [Double]) throws(NumericalError) -> Solution {
        let tiles = grid.tileCells
        let total = coolerFlowM3PerS.reduce(0, +)
        guard !tiles.isEmpty, total > 0 else { return Solution(tileFlowM3PerS: Array(repeating: 0, count: tiles.count), unsettledFraction: 0, iterations: 0) }
        let network = try Network(grid: grid)
        let nx = grid.nx, ny = grid.ny, n = nx * ny, depth = grid.geometry.raisedFloorDepthM
        let gx = network.gx, gy = network.gy
        var feed = Array(repeating: 0.0, count: n)
        for (u, cooler) in grid.coolers.enumerated() where u < coolerFlowM3PerS.count {
            let cells = cooler.x.count * cooler.y.count
            for x in cooler.x { for y in cooler.y { feed[x + nx * y] += coolerFlowM3PerS[u] / Double(cells) } }
        }
        let zeta = lossCoefficient(openArea: grid.geometry.tileOpenArea), area = grid.dx * grid.dy, rho = densityKgPerM3
        var flows = Array(repeating: total / Double(tiles.count), count: tiles.count)
        var phi = Array(repeating: 0.0, count: n)
        var anderson: AndersonAcceleration?, closest = (flows: flows, move: Double.infinity)
        let relaxation = 0.5
        var previousMove = Double.infinity, unsettled = Double.infinity, iterations = 0
        while iterations < maximumIterations {
            iterations += 1
            var rhs = feed
            for (t, c) in tiles.enumerated() { rhs[c] -= flows[t] }
            try network.solve(rhs, phi: &phi)
            // Plenum velocity over each tile: the mean of the flows through its cell's side faces.
            let dynamic = tiles.map { c -> Double in
                let x = c % nx, y = c / nx
                func flow(_ a: Int, _ b: Int, _ g: Double) -> Double { g * (phi[a] - phi[b]) }
                let left = x > 0 ? flow(c - 1, c, gx) : 0, right = x + 1 < nx ? flow(c, c + 1, gx) : 0
                let down = y > 0 ? flow(c - nx, c, gy) : 0, up = y + 1 < ny ? flow(c, c + nx, gy) : 0
                let u = (left + right) / 2 / (depth * grid.dy), v = (down + up) / 2 / (depth * grid.dx)
                return rho * (u * u + v * v) / 2
            }
            func passed(_ p0: Double) -> [Double] { dynamic.map { area * (2 * max(p0 - $0, 0) / (rho * zeta)).squareRoot() } }
            var low = 0.0, high = max(dynamic.max() ?? 0, 1)
            while passed(high).reduce(0, +) < total { high *= 2 }
            for _ in 0..<80 {
                let mid = (low + high) / 2
                if passed(mid).reduce(0, +) < total { low = mid } else { high = mid }
            }
            let next = passed(high)
            var move = 0.0
            for t in flows.indices { move = max(move, abs(next[t] - flows[t])) }
            // (Not the starting guess: an even split is no answer for a floor that does not settle.)
            if iterations > 1, move < closest.move { closest = (flows, move) }
            // Anderson's combination can leave a tile below zero: it then passes nothing, and the
            // others pass the units' air (a combination with nothing left, or not finite, is not
            // taken: the relaxed step is).
            let combined = anderson?.next(x: flows, g: next).map { max($0, 0) }
            if let combined, case let sum = combined.reduce(0, +), sum > 0, sum.isFinite {
                flows = combined.map { $0 * total / sum }
            } else {
                for t in flows.indices { flows[t] = (1 - relaxation) * flows[t] + relaxation * next[t] }
            }
            unsettled = move / total
            if unsettled < tolerance { break }
            // The relaxed iteration moved the tiles more than the step before: it no longer
            // contracts (tiles near the units switching between passing air and none).
            if move > previousMove, anderson == nil { anderson = AndersonAcceleration(memory: andersonMemory, damping: relaxation) }
            previousMove = move
        }
        // Unsettled: the iterate the map moved least, with what it moved.
        if unsettled >= tolerance, closest.move < unsettled * total {
            let sum = closest.flows.reduce(0, +)
            return Solution(tileFlowM3PerS: closest.flows.map { $0 * total / sum }, unsettledFraction: closest.move / total, iterations: iterations)
        }
        // The relaxed flows pass the units' air exactly.
        let sum = flows.reduce(0, +)
        return Solution(tileFlowM3PerS: flows.map { $0 * total / sum }, unsettledFraction: unsettled, iterations: iterations)
    }
}
