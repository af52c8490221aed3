import Foundation
import Testing
@testable import Models

@Suite("Rack zones: the metal at each rack's intake")
struct RackZonesTests {
    /// RC step response: with the mixed air held at T₁, the metal goes from T₀ as
    /// T₁ + (T₀ − T₁) e^(−t/τ), τ = C (1/G + 1/W), whatever the steps; the heat it gives up is
    /// C (T₀ − T_s).
    @Test func metalFollowsTheStepResponseExactly() {
        let w = 3_000.0, t0 = 22.0, t1 = 40.0
        var coarse = RackZones(count: 1, temperatureC: t0), fine = coarse
        let tau = RackZones.structureCapacityJPerK * (1 / RackZones.structureConductanceWPerK + 1 / w)
        var releasedCoarse = 0.0, releasedFine = 0.0
        for _ in 0..<4 { releasedCoarse += coarse.advance(mixedC: [t1], drawWPerK: [w], dt: 150) }
        for _ in 0..<600 { releasedFine += fine.advance(mixedC: [t1], drawWPerK: [w], dt: 1) }
        let exact = t1 + (t0 - t1) * exp(-600 / tau)
        #expect(abs(coarse.structureC[0] - exact) < 1e-9)
        #expect(abs(fine.structureC[0] - exact) < 1e-9)
        #expect(abs(releasedCoarse - RackZones.structureCapacityJPerK * (t0 - exact)) < 1e-6)
        #expect(abs(releasedFine - releasedCoarse) < 1e-6)
        #expect(abs(coarse.storedHeatJ + releasedCoarse) < 1e-6)
        // τ of the documented parameters: about four minutes for a 30 kW rack.
        #expect(tau > 200 && tau < 300)
    }

    /// The quasi-steady zone air: the inlet weighs the mixed air by W and the metal by G.
    @Test func inletWeighsMixedAirAndMetal() {
        let zones = RackZones(count: 1, temperatureC: 20)
        let w = 3_000.0, g = RackZones.structureConductanceWPerK
        #expect(abs(zones.inletC(0, mixedC: 30, drawWPerK: w) - (w * 30 + g * 20) / (w + g)) < 1e-12)
        // A rack drawing no air: its inlet reads the mixed air and its metal stays.
        #expect(zones.inletC(0, mixedC: 30, drawWPerK: 0) == 30)
        var idle = zones
        #expect(idle.advance(mixedC: [30], drawWPerK: [0], dt: 600) == 0 && idle.structureC[0] == 20)
    }

    /// e^(−Δt/τ) is kept while the draw stays within 1 % of the one it was computed for. An idle
    /// rack (W ≈ 300 W/K, where τ depends most on W) whose draw wobbles by ±0.45 % keeps it; its
    /// metal then differs from one computed afresh each step by at most
    /// Σ_k |δe_k| |T_s − T_mix| ≤ max|δe| |T₀ − T₁| / (1 − e), with |δe| ≤ e Δt |δ(1/τ)|. A 5 %
    /// change computes it afresh.
    @Test func decayIsKeptWhileTheDrawStaysWithinOnePercent() {
        let c = RackZones.structureCapacityJPerK, g = RackZones.structureConductanceWPerK
        let t0 = 22.0, t1 = 40.0, dt = 60.0
        func tau(_ w: Double) -> Double { c * (1 / g + 1 / w) }
        var kept = RackZones(count: 1, temperatureC: t0), exact = t0
        let low = 300 * 0.9955, high = 300 * 1.0045
        for step in 0..<40 {
            let w = step % 2 == 0 ? high : low
            _ = kept.advance(mixedC: [t1], drawWPerK: [w], dt: dt)
            exact = t1 + (exact - t1) * exp(-dt / tau(w))
        }
        let e = exp(-dt / tau(low)), largestDecayChange = e * dt * abs(1 / tau(low) - 1 / tau(high))
        let bound = largestDecayChange * (t1 - t0) / (1 - e)
        let error = abs(kept.structureC[0] - exact)
        #expect(error > 0 && error <= bound, "\(error) K against \(bound) K")
        // Under 0.2 % of the mixed air's step (0.031 K of 18 K), of which the inlet sees G/(W + G), a fifth.
        #expect(bound < 0.002 * (t1 - t0))
        // A change beyond 1 % is computed afresh.
        var changed = RackZones(count: 1, temperatureC: t0)
        _ = changed.advance(mixedC: [t1], drawWPerK: [300], dt: dt)
        _ = changed.advance(mixedC: [t1], drawWPerK: [315], dt: dt)
        let afresh = t1 + (t0 - t1) * exp(-dt / tau(300)) * exp(-dt / tau(315))
        #expect(abs(changed.structureC[0] - afresh) < 1e-12)
    }
}
