import Testing
@testable import Models

/// The refinement bookkeeping of `PackageConvergence` on sequences whose limits are known:
/// Richardson's extrapolation and Roache's GCI, and the choice of the grid the answer is solved on.
@Suite("Package convergence bookkeeping")
struct PackageConvergenceTests {
    /// T(h) = 10 + 4 h² on h = 1, ½, ¼: the observed order is 2, the extrapolation is 10 exactly,
    /// and the bound is 1.25 × the finest grid's correction.
    @Test func richardsonRecoversASecondOrderLimit() throws {
        let estimate = try #require(PackageConvergence.DirectionEstimate([14, 11, 10.25]))
        #expect(abs(estimate.observedOrder! - 2) < 1e-12)
        #expect(abs(estimate.correctionK + 0.25) < 1e-12)
        #expect(abs(estimate.boundK - 1.25 * 0.25) < 1e-12)
        let medium = try #require(PackageConvergence.DirectionEstimate([14, 11, 10.25], index: 1))
        #expect(abs(medium.correctionK + 1) < 1e-12)
        // Two grids only: p = 2 assumed and a safety factor of 3.
        let two = try #require(PackageConvergence.DirectionEstimate([11, 10.25]))
        #expect(two.observedOrder == nil && abs(two.boundK - 3 * 0.25) < 1e-12)
    }

    /// Slices: 10.8, 10.2, 10.05 at 1×, 2×, 4× (limit 10.0; bounds 1.0, 0.25, 0.0625); lateral:
    /// 10.8, 10.5, 10.425 (limit 10.4; bounds 0.5, 0.125, 0.03125). Within 0.2 K, the pairs are
    /// (4×, 4×) at 0.094 and (2× lateral, 4× slices) at 0.1875: the cheaper one is chosen. When
    /// neither fits, the pair that fits with the smallest bound, and it is not within.
    @Test func theAnswerIsTheCheapestPairWithinTheTolerance() throws {
        func level(_ l: Int, _ v: Int, _ t: Double) -> PackageConvergence.Level {
            .init(lateral: l, vertical: v, cells: l * l * v * 1000, hottestBlockC: t, wallSeconds: 0)
        }
        let levels = [level(1, 1, 10.8), level(1, 2, 10.2), level(1, 4, 10.05), level(2, 1, 10.5), level(4, 1, 10.425)]
        let cells = { (limit: Int) in { (l: Int, v: Int) -> Int? in l * l * v * 1000 <= limit ? l * l * v * 1000 : nil } }
        let roomy = try #require(PackageConvergence.cheapestPair(levels, toleranceK: 0.2, cells: cells(100_000)))
        #expect(roomy.within && roomy.pair.lateral == 2 && roomy.pair.vertical == 4)
        #expect(abs(roomy.pair.boundK - 0.1875) < 1e-12)
        let tight = try #require(PackageConvergence.cheapestPair(levels, toleranceK: 0.2, cells: cells(10_000)))
        #expect(!tight.within && tight.pair.lateral == 2 && tight.pair.vertical == 2)
        #expect(abs(tight.pair.boundK - 0.375) < 1e-12)
        #expect(PackageConvergence.cheapestPair(levels, toleranceK: 0.2, cells: cells(500)) == nil)
    }
}
