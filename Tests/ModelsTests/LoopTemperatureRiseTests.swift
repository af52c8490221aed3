import Testing
@testable import Models

@Suite("A water loop's rise while its plant falls short")
struct LoopTemperatureRiseTests {
    @Test("C dΔT/dt = shortfall: linear in time, back down with spare capacity, within 0 … 25 K")
    func closedForm() {
        var loop = LoopTemperatureRise(capacityJPerK: 4e6)   // about 1 m³ of water
        for _ in 0..<10 { loop.step(unmetW: 1e5, spareW: 0, dt: 60) }
        #expect(abs(loop.riseK - 1e5 * 600 / 4e6) < 1e-12)   // 15 K after 10 min of 100 kW
        loop.step(unmetW: 0, spareW: 2e5, dt: 60)
        #expect(abs(loop.riseK - (15 - 2e5 * 60 / 4e6)) < 1e-12)
        loop.step(unmetW: 0, spareW: 1e9, dt: 60)
        #expect(loop.riseK == 0)
        loop.step(unmetW: 1e9, spareW: 0, dt: 3600)
        #expect(loop.riseK == LoopTemperatureRise.maximumK)
        var none = LoopTemperatureRise(capacityJPerK: 0)
        none.step(unmetW: 1e6, spareW: 0, dt: 60)
        #expect(none.riseK == 0)
    }
}
