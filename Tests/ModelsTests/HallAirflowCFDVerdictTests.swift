import Foundation
import Testing
@testable import Models
import Numerics

/// How far the finest CFD references can judge Plenum (docs/models/hall-airflow.md, "How far the
/// finest CFD can judge"): each rack's inlet on its hall's finest grid (8 × 8 × 8; 10 × 10 × 10
/// for the halls with their units on the south wall and at the aisles' ends, and the hall with a
/// unit off) with its discretisation uncertainty from the
/// hall's three finest grids, and Plenum's error read as an interval (ASME V&V 20-2009).
extension HallAirflowCFDTests {
    struct RackVerdict {
        let hall: String, rack: Int, position: RackPosition
        /// The finest grid the hall has (CFD cells per Plenum cell along each axis).
        let level: Int
        /// E = Plenum − CFD on that grid, and U, the CFD's band there, K.
        let errorK: Double, uncertaintyK: Double
    }

    /// Each hall's three finest grids: 5, 6 and 8 for every hall, 6, 8 and 10 where it has a
    /// 10 × 10 × 10 too.
    static func finestGridVerdicts() throws -> [RackVerdict] {
        let grids = try gridInlets()
        return try cases().flatMap { c -> [RackVerdict] in
            let levels = Array(grids.keys.filter { grids[$0]?[c.name] != nil && $0 >= 5 }.sorted(by: >).prefix(3))
            try #require(levels.count == 3, "\(c.name): \(levels)")
            let fine = grids[levels[0]]![c.name]!, medium = grids[levels[1]]![c.name]!, coarse = grids[levels[2]]![c.name]!
            let inlets = try plenumInlets(c).inlets, positions = AirflowGrid(c.geometry).rackPositions
            return inlets.indices.map { i in
                let band = GridConvergence(fine: fine[i], medium: medium[i], coarse: coarse[i],
                                           refinementFineToMedium: Double(levels[0]) / Double(levels[1]),
                                           refinementMediumToCoarse: Double(levels[1]) / Double(levels[2]))
                return RackVerdict(hall: c.name, rack: i, position: positions[i], level: levels[0],
                                   errorK: inlets[i] - fine[i], uncertaintyK: band.uncertainty)
            }
        }
    }

    /// Against issue 18's 3 K: 32 racks shown within it, one shown beyond, 37 undecided, all but
    /// two of them at or beside row ends. The one beyond is the row-2 end of the hall with its
    /// units on the south wall (the row whose hot aisle is away from them), judged on its
    /// 10 × 10 × 10 grid: Plenum 5.46 K warm, the 6, 8 and 10 grids' band 1.65 K, so at least
    /// 3.81 K. The end of the uneven hall's longer row, the largest proven before that grid, is
    /// next (2.76 K); the rack beside the stopped unit, 8.15 K warm of its 10 × 10 × 10 grid, is
    /// undecided: its CFD falls 36.6, 34.8, 33.5 °C over the 6, 8 and 10 grids, and the band there
    /// is 9.3 K.
    @Test func theFinestCFDDecidesThreeKelvinAtFewerThanHalfTheRacks() throws {
        let verdicts = try Self.finestGridVerdicts()
        #expect(verdicts.count == 70)
        let within = verdicts.filter { abs($0.errorK) + $0.uncertaintyK <= 3 }
        let beyond = verdicts.filter { abs($0.errorK) - $0.uncertaintyK > 3 }
        let reported = HallAirflow.AgreementWithCFD.FinestGridVerdict.self
        #expect(within.count == reported.racksShownWithinThreeK && beyond.count == reported.racksShownBeyondThreeK,
                "within \(within.count), beyond \(beyond.count)")
        #expect(verdicts.count - within.count - beyond.count == reported.racksUndecided)
        let undecided = verdicts.filter { abs($0.errorK) + $0.uncertaintyK > 3 && abs($0.errorK) - $0.uncertaintyK <= 3 }
        #expect(undecided.filter { $0.position == .inner }.count == 2, "\(undecided.filter { $0.position == .inner }.map { "\($0.hall) \($0.rack)" })")
        let ranked = verdicts.sorted { abs($0.errorK) - $0.uncertaintyK > abs($1.errorK) - $1.uncertaintyK }
        let proven = ranked[0], next = ranked[1]
        #expect(abs(abs(proven.errorK) - proven.uncertaintyK - reported.largestProvenErrorK) < 0.005
                && proven.hall == "units-on-south-wall" && proven.rack == 5 && proven.level == 10 && proven.errorK > 0, "\(proven)")
        #expect(next.hall == "uneven-gap" && next.rack == 4 && abs(abs(next.errorK) - next.uncertaintyK - 2.76) < 0.005, "\(next)")
        let stopped = try #require(verdicts.first { $0.hall == "open-crah-off" && $0.rack == 5 })
        #expect(stopped.level == 10 && stopped.errorK > 8.1 && abs(stopped.errorK) - stopped.uncertaintyK < 3, "\(stopped)")
        let meanU = verdicts.map(\.uncertaintyK).reduce(0, +) / 70
        #expect(abs(meanU - reported.meanReferenceUncertaintyK) < 0.005, "\(meanU)")
        // Read the same way, the mean error over the 70 racks lies anywhere from 0.39 to 4.31 K: the
        // references cannot decide issue 18's 1.5 K mean either.
        let lowest = verdicts.map { max(0, abs($0.errorK) - $0.uncertaintyK) }.reduce(0, +) / 70
        let highest = verdicts.map { abs($0.errorK) + $0.uncertaintyK }.reduce(0, +) / 70
        #expect(abs(lowest - 0.39) < 0.005 && abs(highest - 4.31) < 0.005, "\(lowest)...\(highest)")
    }

    /// The wrap's share fitted with each rack weighted by what its reference knows,
    /// χ² = Σ E² / (U² + 1 K²) over the 70 racks (1 K for the racks whose grids agree): least at
    /// 0.15-0.2 (53.8 and 54.5; 55.0 and 55.4 before the unit-off hall's 10 × 10 × 10 grid of the
    /// twenty-eighth session), 0.25 at 56.9, 0.1 at 57.4. The fitted 0.2 stands; the unweighted
    /// 8 × 8 × 8 asked for 0.075, led by row ends whose CFD still moves. Without the wrap (65.3)
    /// the references would prove an error of 4.47 K at a rack; with it they prove at least
    /// 3.37 K at every share tried: no share of the wrap mends the row ends the 10 × 10 × 10
    /// grid judges (before it, at 0.25: 41.6, at 0.2: 42.1).
    @Test func theWrapWeightedByTheReferencesBandsStaysNearTwoTenths() throws {
        let verdicts = try Self.finestGridVerdicts(), grids = try Self.gridInlets(), cases = try Self.cases()
        /// χ², and the largest error the references prove (|E| − U).
        func fit(_ share: Double) throws -> (chiSquared: Double, proven: Double) {
            var terms = FittedTerms.fitted
            terms.rowEndWrapShare = share
            var sum = 0.0, proven = 0.0
            for c in cases {
                let inlets = try Self.plenumInlets(c, terms: terms).inlets
                for (i, v) in verdicts.filter({ $0.hall == c.name }).enumerated() {
                    let finest = try #require(grids[v.level]?[c.name])
                    sum += pow(inlets[i] - finest[i], 2) / (v.uncertaintyK * v.uncertaintyK + 1)
                    proven = max(proven, abs(inlets[i] - finest[i]) - v.uncertaintyK)
                }
            }
            return (sum, proven)
        }
        // Without the wrap the references prove a rack beyond 3 K, and with it too.
        let none = try fit(0)
        #expect(abs(none.chiSquared - 65.3) < 0.05 && abs(none.proven - 4.47) < 0.01, "\(none)")
        let shares = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35], fits = try shares.map { try fit($0) }, chi = fits.map(\.chiSquared)
        let best = chi.indices.min { chi[$0] < chi[$1] }!
        #expect([0.15, 0.2].contains(shares[best]) && abs(chi[1] - chi[2]) < 0.02 * chi[2], "\(chi)")
        #expect(abs(chi[2] - 54.52) < 0.05 && abs(chi[3] - 56.87) < 0.05 && abs(chi[0] - 57.35) < 0.05, "\(chi)")
        #expect(fits.allSatisfy { $0.proven > 3.3 }, "\(fits)")
    }

    /// The CFD is least settled where Plenum errs most: U averages 4.55 K at the 30 row ends, 1.71 K
    /// beside them and 0.76 K inside the rows (what runs write per rack, `position_cfd_uncertainty_k`).
    @Test func theReferencesBandFollowsTheRackPosition() throws {
        let verdicts = try Self.finestGridVerdicts()
        var means: [Double] = []
        for position in RackPosition.allCases {
            let u = verdicts.filter { $0.position == position }.map(\.uncertaintyK)
            let mean = u.reduce(0, +) / Double(u.count)
            #expect(abs(mean - HallAirflow.AgreementWithCFD.FinestGridVerdict.referenceUncertaintyK(at: position)) < 0.005, "\(position): \(mean)")
            means.append(mean)
        }
        #expect(means == means.sorted(by: >))
    }
}
