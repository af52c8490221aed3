import Foundation
import Testing
@testable import Models

/// The bound a run holds the inlets by (`MixingInfluence`): whatever moves the racks' rises, their
/// zones' metal, the supply or the mixing weights, the inlets move by no more than the bound.
@Suite("Hall airflow: how far a change can move the inlets")
struct MixingInfluenceTests {
    /// A deterministic sequence in [0, 1) (a linear congruential generator): the same cases on
    /// every run.
    struct Sequence {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    @Test func columnReachIsTheLargestResponseToOneRacksRise() throws {
        let airflow = try HallAirflowTests.airflow(HallGeometry(rows: 2, racksPerRow: 8, coolerUnits: 2), coolerTotal: 14)
        let n = airflow.rackFlowM3PerS.count
        for j in [0, 3, 7, 8, 15] {
            var unit = Array(repeating: 0.0, count: n)
            unit[j] = 1
            let response = airflow.inletRiseK(riseK: unit, start: [], toleranceK: 1e-13)
            #expect(abs(airflow.influence.columnMax[j] - response.max()!) < 1e-8)
        }
        let all = airflow.inletRiseK(riseK: Array(repeating: 1, count: n), start: [], toleranceK: 1e-13)
        #expect(abs(airflow.influence.norm - all.max()!) < 1e-8)
        // Row ends reach further than the middle of a row (they recirculate their own exhaust).
        #expect(airflow.influence.columnMax[0] > airflow.influence.columnMax[3])
    }

    @Test func inletsMoveByNoMoreThanTheBound() throws {
        let airflow = try HallAirflowTests.airflow(HallGeometry(rows: 2, racksPerRow: 8, coolerUnits: 2), coolerTotal: 12)
        let n = airflow.rackFlowM3PerS.count, influence = airflow.influence
        var random = Sequence(state: 18)
        for trial in 0..<40 {
            let rise = (0..<n).map { _ in 5 + 10 * random.next() }
            let weight = (0..<n).map { _ in 0.95 + 0.04 * random.next() }
            let metal = (0..<n).map { _ in 2 * random.next() }
            let before = airflow.inletRiseK(riseK: rise, start: [], mixingWeight: weight, structureRiseK: metal, toleranceK: 1e-13)
            // Odd trials move a few racks a lot (a job starts); even ones move all a little.
            let moved = Set((0..<(trial % 2 == 1 ? 2 : n)).map { _ in Int(random.next() * Double(n)) })
            let scale = trial % 2 == 1 ? 3.0 : 0.05
            var rise1 = rise, weight1 = weight, metal1 = metal
            for i in moved {
                rise1[i] += scale * (random.next() - 0.5)
                metal1[i] += 0.1 * scale * (random.next() - 0.5)
                weight1[i] = min(1, weight1[i] + 0.01 * (random.next() - 0.5))
            }
            let after = airflow.inletRiseK(riseK: rise1, start: [], mixingWeight: weight1, structureRiseK: metal1, toleranceK: 1e-13)
            var riseSum = 0.0, riseLargest = 0.0, directSum = 0.0, directLargest = 0.0
            for i in 0..<n {
                let d = abs(rise1[i] - rise[i])
                let z = (1 - weight[i]) * abs(metal1[i] - metal[i]) + abs(weight1[i] - weight[i]) * abs(before.mixed[i] - metal1[i])
                riseSum += influence.columnMax[i] * d
                riseLargest = max(riseLargest, d)
                directSum += (1 + influence.columnMax[i]) * z
                directLargest = max(directLargest, z)
            }
            let bound = influence.bound(riseChangeSum: riseSum, largestRiseChange: riseLargest, directChangeSum: directSum, largestDirectChange: directLargest)
            let moveK = zip(after.inlet, before.inlet).map { abs($0 - $1) }.max()!
            #expect(moveK <= bound + 1e-9, "trial \(trial): inlets moved \(moveK) K, bound \(bound) K")
            #expect(bound < 20 * moveK + 1e-6, "trial \(trial): the bound \(bound) K is loose against \(moveK) K")
        }
    }
}
