import Foundation
import Testing
@testable import Models

@Suite("Air and coolant properties")
struct AirAndPowerTests {
    /// ASHRAE Handbook—Fundamentals (2021) ch. 1, Table 2: dry air at 25 °C and 101.325 kPa has
    /// specific volume 0.8443 m³/kg, i.e. density 1.1844 kg/m³.
    @Test func dryAirDensityMatchesASHRAETable() {
        let density = AirProperties.densityKgPerM3(temperatureC: 25)
        #expect(abs(density - 1 / 0.8443) / (1 / 0.8443) < 1e-3)
    }

    /// Outlet air rise ΔT = P / (ρ c_p V̇): 10 kW in 0.5 m³/s of 25 °C air rises 16.8 K.
    @Test func outletRiseFromHeatCapacityRate() {
        let rate = AirProperties.heatCapacityRateWPerK(flowM3PerS: 0.5, temperatureC: 25)
        #expect(abs(10_000 / rate - 10_000 / (0.5 * 1.18437 * 1006)) < 0.01)
    }

    /// Water carries 4.16 MJ/(m³·K): 1.5 L/min per kW is a 9.6 K rise.
    @Test func coolantHeatCapacityRate() {
        let rate = CoolantProperties.water.heatCapacityRateWPerK(flowM3PerS: 1.5e-3 / 60)
        #expect(abs(1000 / rate - 1000 / (1.5e-3 / 60 * 996 * 4180)) < 1e-12)
        #expect(abs(1000 / rate - 9.6) < 0.05)
    }
}
