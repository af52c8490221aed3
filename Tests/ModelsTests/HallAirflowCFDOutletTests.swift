import Foundation
import Testing
@testable import Models

/// How the racks draw in the CFD references (docs/models/hall-airflow.md, "How the racks draw").
/// The stored references let each rack's intake (and each unit's return) draw its fixed flow with
/// the profile of the air arriving at it, scaled to the flow (OpenFOAM's flowRateOutletVelocity),
/// and read its inlet as the tracers' mean over the face: not the air it draws, which at a row end
/// comes mostly through a few faces. A server's fans draw evenly over its face (its flow
/// resistance is far above the arriving air's dynamic pressure), as Plenum spreads a rack's draw.
/// The same halls run with even draws (`run_cfd.py --outlets uniform`) at 3 × 3 × 3 and 6 × 6 × 6
/// CFD cells per Plenum cell are `hall-airflow-cfd-uniform-outlets.json`.
@Suite("Hall airflow against CFD: how the racks draw")
struct HallAirflowCFDOutletTests {
    static let uniformOutlets = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hall-airflow-cfd-uniform-outlets.json")

    static func uniformInlets() throws -> [Int: [String: [Double]]] { try HallAirflowCFDTests.gridInlets(from: uniformOutlets) }

    /// Mean and worst |a − b| over the racks, and the mean over the row ends (`RackPosition.rowEnd`).
    struct Spread { var mean: Double, worst: Double, rowEndMean: Double }

    static func spread(_ pairs: [(a: Double, b: Double, position: RackPosition)]) -> Spread {
        let all = pairs.map { abs($0.a - $0.b) }, ends = pairs.filter { $0.position == .rowEnd }.map { abs($0.a - $0.b) }
        return Spread(mean: all.reduce(0, +) / Double(all.count), worst: all.max() ?? 0, rowEndMean: ends.reduce(0, +) / Double(max(ends.count, 1)))
    }

    /// For each level of the study: the even draws against the stored references on the same
    /// grid, and Plenum against each.
    static func measured() throws -> [Int: (draw: Spread, plenumUniform: Spread, plenumStored: Spread)] {
        let uniform = try uniformInlets(), stored = try HallAirflowCFDTests.gridInlets(), cases = try HallAirflowCFDTests.cases()
        var out: [Int: (draw: Spread, plenumUniform: Spread, plenumStored: Spread)] = [:]
        for (level, halls) in uniform {
            var draw: [(a: Double, b: Double, position: RackPosition)] = [], pu = draw, ps = draw
            for c in cases {
                let even = try #require(halls[c.name], "\(c.name) at \(level)"), old = try #require(stored[level]?[c.name])
                let plenum = try HallAirflowCFDTests.plenumInlets(c).inlets, positions = AirflowGrid(c.geometry).rackPositions
                for i in even.indices {
                    draw.append((even[i], old[i], positions[i]))
                    pu.append((plenum[i], even[i], positions[i]))
                    ps.append((plenum[i], old[i], positions[i]))
                }
            }
            out[level] = (spread(draw), spread(pu), spread(ps))
        }
        return out
    }

    /// The even draws move the references by 1.59 K on average on both grids; at the row ends by
    /// 1.90 K (3 × 3 × 3) and 1.77 K (6 × 6 × 6). The starved hall (a unit off, 60 % of the racks'
    /// air) moves most, by up to 13.5 K on 6 × 6 × 6: where racks draw each other's exhaust, how
    /// they draw it matters. Without it the six other halls move by 0.79 K on average and 3.49 K
    /// at worst on 6 × 6 × 6.
    @Test func evenDrawsMoveTheReferencesMostWhereRacksShareAir() throws {
        let m = try Self.measured()
        let coarse = try #require(m[3]), fine = try #require(m[6])
        #expect(abs(coarse.draw.mean - 1.59) < 0.005 && abs(coarse.draw.worst - 7.98) < 0.005 && abs(coarse.draw.rowEndMean - 1.90) < 0.005,
                "\(coarse.draw)")
        #expect(abs(fine.draw.mean - 1.59) < 0.005 && abs(fine.draw.worst - 13.52) < 0.005 && abs(fine.draw.rowEndMean - 1.77) < 0.005,
                "\(fine.draw)")
    }

    /// Plenum against the even-draw references: 2.18 K mean and 12.83 K worst on 3 × 3 × 3, 1.64 K
    /// and 13.72 K on 6 × 6 × 6, where against the stored references on the same grids it is
    /// 1.40 / 6.24 and 1.31 / 5.47 K. The starved hall carries the difference: by the stopped unit
    /// its even-draw racks run far hotter, and Plenum reads up to 13.7 K cool there. Leaving it out,
    /// Plenum is 1.01 K from the six other halls' even-draw 6 × 6 × 6 on average (1.18 K from the
    /// stored), within 3 K at 53 of their 60 racks. Issue 18's 3 K at any rack is met on neither.
    @Test func plenumAgainstEvenDraws() throws {
        let m = try Self.measured()
        let coarse = try #require(m[3]), fine = try #require(m[6])
        #expect(abs(coarse.plenumUniform.mean - 2.18) < 0.005 && abs(coarse.plenumUniform.worst - 12.83) < 0.005, "\(coarse.plenumUniform)")
        #expect(abs(fine.plenumUniform.mean - 1.64) < 0.005 && abs(fine.plenumUniform.worst - 13.72) < 0.005, "\(fine.plenumUniform)")
        // The stored references on the same grids, as HallAirflowCFDTests has them.
        #expect(abs(coarse.plenumStored.mean - 1.40) < 0.005 && abs(fine.plenumStored.mean - 1.31) < 0.005)
        let uniform = try Self.uniformInlets(), cases = try HallAirflowCFDTests.cases()
        var others: [Double] = []
        for c in cases where c.name != "open-crah-off" {
            let even = try #require(uniform[6]?[c.name])
            others += zip(try HallAirflowCFDTests.plenumInlets(c).inlets, even).map { abs($0 - $1) }
        }
        #expect(others.count == 60)
        #expect(abs(others.reduce(0, +) / 60 - 1.01) < 0.005 && others.filter { $0 <= 3 }.count == 53)
    }
}
