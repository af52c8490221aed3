import Foundation
import Testing
@testable import Numerics

/// `GridConvergence` against sequences whose limit and order are known: φ(h) = φ∞ + C hᵖ sampled
/// on three grids recovers p and φ∞ exactly, and the band is Roache's GCI; the anomalous cases get
/// the data range's bands.
@Suite("Grid convergence (Celik et al. 2008, Eça & Hoekstra 2014)")
struct GridConvergenceTests {
    /// φ on cells of h = 1/8, 1/6, 1/5 (the hall CFD's three finest grids).
    static func sampled(_ phi: (Double) -> Double) -> GridConvergence {
        GridConvergence(fine: phi(1.0 / 8), medium: phi(1.0 / 6), coarse: phi(1.0 / 5),
                        refinementFineToMedium: 8.0 / 6, refinementMediumToCoarse: 6.0 / 5)
    }

    @Test func aSecondOrderSequenceGivesItsOrderLimitAndGCI() throws {
        let g = Self.sampled { 20 + 5 * $0 * $0 }
        #expect(g.behaviour == .monotone)
        #expect(abs(try #require(g.observedOrder) - 2) < 1e-8)
        #expect(abs(try #require(g.extrapolated) - 20) < 1e-9)
        // For an exact power law |ε₂₁|/(r₂₁ᵖ − 1) is the finest grid's error, here 5/64.
        #expect(abs(g.uncertainty - 1.25 * 5 / 64) < 1e-9)
    }

    @Test func unequalRatiosAndAFirstOrderSequence() throws {
        // h = 1, 1.5, 2.4: r₂₁ = 1.5, r₃₂ = 1.6.
        let g = GridConvergence(fine: 10 - 3, medium: 10 - 4.5, coarse: 10 - 7.2, refinementFineToMedium: 1.5, refinementMediumToCoarse: 1.6)
        #expect(abs(try #require(g.observedOrder) - 1) < 1e-8)
        #expect(abs(try #require(g.extrapolated) - 10) < 1e-8)
        #expect(abs(g.uncertainty - 1.25 * 3) < 1e-8)
    }

    @Test func anOrderAboveTheFormalOneIsCappedAndTheRangeIsTheFloor() throws {
        let g = Self.sampled { 20 + 100 * pow($0, 3) }
        #expect(abs(try #require(g.observedOrder) - 3) < 1e-8)
        let e21: Double = 100 * (pow(1.0 / 6, 3) - pow(1.0 / 8, 3))
        let range: Double = 100 * (pow(1.0 / 5, 3) - pow(1.0 / 8, 3))
        #expect(abs(g.uncertainty - max(1.25 * e21 / (pow(8.0 / 6, 2) - 1), 1.25 * range)) < 1e-12)
        #expect(g.uncertainty >= 1.25 * range)
    }

    @Test func aLowOrderOscillationOrGrowthGetsThreeTimesTheRange() {
        let low = Self.sampled { 20 + pow($0, 0.3) }
        #expect(low.behaviour == .monotone && (low.observedOrder ?? 0) < 0.5)
        #expect(abs(low.uncertainty - 3 * (pow(1.0 / 5, 0.3) - pow(1.0 / 8, 0.3))) < 1e-12)
        let oscillating = GridConvergence(fine: 1, medium: 2, coarse: 1.5, refinementFineToMedium: 4.0 / 3, refinementMediumToCoarse: 1.2)
        #expect(oscillating.behaviour == .oscillating && oscillating.extrapolated == nil && oscillating.uncertainty == 3)
        // Differences that grow as the grid refines: no positive order, no extrapolation.
        let growing = GridConvergence(fine: 3, medium: 2, coarse: 1.9, refinementFineToMedium: 2, refinementMediumToCoarse: 2)
        #expect(growing.behaviour == .monotone && growing.observedOrder == nil && abs(growing.uncertainty - 3 * 1.1) < 1e-12)
    }

    @Test func agreeingGridsHaveNoBandAndAMissingOneNoBound() {
        let g = GridConvergence(fine: 20, medium: 20, coarse: 20, refinementFineToMedium: 2, refinementMediumToCoarse: 2)
        #expect(g.behaviour == .flat && g.uncertainty == 0)
        let missing = GridConvergence(fine: 20, medium: .nan, coarse: 20, refinementFineToMedium: 2, refinementMediumToCoarse: 2)
        #expect(missing.uncertainty == .infinity && missing.extrapolated == nil)
    }
}
