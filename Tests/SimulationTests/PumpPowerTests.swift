import Foundation
import Testing
@testable import Simulation
import Models

@Suite("CDU pumps")
struct PumpPowerTests {
    /// P = V̇·Δp/η with Δp = 2 × 50 kPa·(V̇_plate/10 L/min)^1.85 and η = 0.6.
    @Test func pumpPowerFromPlatePressureDrop() {
        let loop = LiquidLoopModel(coolant: .water, ratedCapacityW: 1e6, approachK: 3, facilityWaterC: 32)
        let flow = 1e6 / 10 / (996 * 4180) // m³/s for a 10 K rise
        let plates = 400
        let perPlateLPM = flow / Double(plates) * 60_000
        let expected = flow * 2 * 50_000 * pow(perPlateLPM / 10, 1.85) / 0.6
        #expect(abs(HallThermal.pumpPowerW(loop: loop, plates: plates) - expected) < 1e-9 * expected)
    }
}
