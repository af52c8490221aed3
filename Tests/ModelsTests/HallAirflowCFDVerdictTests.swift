import Foundation
import Testing
@testable import Models
import Numerics

/// How far the finest CFD references can judge Plenum (docs/models/hall-airflow.md, "How far the
/// finest CFD can judge"): each rack's 8 × 8 × 8 inlet with its discretisation uncertainty from
/// the 5, 6 and 8 grids, and Plenum's error read as an interval (ASME V&V 20-2009).
extension HallAirflowCFDTests {
    struct RackVerdict {
        let hall: String, rack: Int, position: RackPosition
        /// E = Plenum − CFD on 8 × 8 × 8, and U, the CFD's band there, K.
        let errorK: Double, uncertaintyK: Double
    }

    static func finestGridVerdicts() throws -> [RackVerdict] {
        let grids = try gridInlets()
        return try cases().flatMap { c -> [RackVerdict] in
            let eight = try #require(grids[8]?[c.name]), six = try #require(grids[6]?[c.name]), five = try #require(grids[5]?[c.name])
            let inlets = try plenumInlets(c).inlets, positions = AirflowGrid(c.geometry).rackPositions
            return inlets.indices.map { i in
                let band = GridConvergence(fine: eight[i], medium: six[i], coarse: five[i],
                                           refinementFineToMedium: 8.0 / 6, refinementMediumToCoarse: 6.0 / 5)
                return RackVerdict(hall: c.name, rack: i, position: positions[i], errorK: inlets[i] - eight[i], uncertaintyK: band.uncertainty)
            }
        }
    }

    /// Against issue 18's 3 K: 32 racks shown within it, none shown beyond, 38 undecided, all but
    /// two of them at or beside row ends. The largest error proven is 2.76 K, at the end of the
    /// uneven hall's longer row (Plenum 4.06 K cool, the grids within 1.31 K of each other there);
    /// the rack beside the stopped unit, 6.84 K warm, is undecided: its CFD falls 39.0, 36.6,
    /// 34.8 °C over the three grids.
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
        let proven = try #require(verdicts.max { abs($0.errorK) - $0.uncertaintyK < abs($1.errorK) - $1.uncertaintyK })
        #expect(abs(abs(proven.errorK) - proven.uncertaintyK - reported.largestProvenErrorK) < 0.005 && proven.hall == "uneven-gap" && proven.rack == 4,
                "\(proven)")
        let stopped = try #require(verdicts.first { $0.hall == "open-crah-off" && $0.rack == 5 })
        #expect(stopped.errorK > 6.8 && abs(stopped.errorK) - stopped.uncertaintyK < 3, "\(stopped)")
        let meanU = verdicts.map(\.uncertaintyK).reduce(0, +) / 70
        #expect(abs(meanU - reported.meanReferenceUncertaintyK) < 0.005, "\(meanU)")
        // Read the same way, the mean error over the 70 racks lies anywhere from 0.28 to 4.27 K: the
        // references cannot decide issue 18's 1.5 K mean either.
        let lowest = verdicts.map { max(0, abs($0.errorK) - $0.uncertaintyK) }.reduce(0, +) / 70
        let highest = verdicts.map { abs($0.errorK) + $0.uncertaintyK }.reduce(0, +) / 70
        #expect(abs(lowest - 0.28) < 0.005 && abs(highest - 4.27) < 0.005, "\(lowest)...\(highest)")
    }

    /// The wrap's share fitted with each rack weighted by what its reference knows,
    /// χ² = Σ E² / (U² + 1 K²) over the 70 racks (1 K for the racks whose grids agree): least at
    /// 0.25 (41.6), 0.2 within 1.5 % of it (42.1), 0.3 at 42.8. The fitted 0.2 stands; the
    /// unweighted 8 × 8 × 8 asked for 0.075, led by row ends whose CFD still moves. Without the
    /// wrap (63.3) the references would prove an error of 4.47 K at a rack.
    @Test func theWrapWeightedByTheReferencesBandsStaysNearTwoTenths() throws {
        let verdicts = try Self.finestGridVerdicts(), grids = try Self.gridInlets(), cases = try Self.cases()
        /// χ², and the largest error the references prove (|E| − U).
        func fit(_ share: Double) throws -> (chiSquared: Double, proven: Double) {
            var terms = FittedTerms.fitted
            terms.rowEndWrapShare = share
            var sum = 0.0, proven = 0.0
            for c in cases {
                let inlets = try Self.plenumInlets(c, terms: terms).inlets, eight = try #require(grids[8]?[c.name])
                for (i, v) in verdicts.filter({ $0.hall == c.name }).enumerated() {
                    sum += pow(inlets[i] - eight[i], 2) / (v.uncertaintyK * v.uncertaintyK + 1)
                    proven = max(proven, abs(inlets[i] - eight[i]) - v.uncertaintyK)
                }
            }
            return (sum, proven)
        }
        // Without the wrap the references prove a rack beyond 3 K.
        let none = try fit(0)
        #expect(abs(none.chiSquared - 63.3) < 0.05 && abs(none.proven - 4.47) < 0.005, "\(none)")
        let shares = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35], chi = try shares.map { try fit($0).chiSquared }
        #expect(shares[chi.indices.min { chi[$0] < chi[$1] }!] == 0.25, "\(chi)")
        #expect(abs(chi[3] - 41.6) < 0.05 && abs(chi[2] - 42.1) < 0.05 && chi[2] < 1.015 * chi[3], "\(chi)")
    }

    /// The CFD is least settled where Plenum errs most: U averages 4.48 K at the 30 row ends, 1.82 K
    /// beside them and 0.82 K inside the rows (what runs write per rack, `position_cfd_uncertainty_k`).
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
