import Testing
@testable import Report

@Suite("Quantities as a planner reads them")
struct QuantityFormatTests {
    @Test("Thousands separators and one energy unit chosen by magnitude")
    func grouping() {
        #expect(QuantityFormat.grouped(1_431_317.15, decimals: 2) == "1,431,317.15")
        #expect(QuantityFormat.grouped(-1234.5, decimals: 1) == "-1,234.5")
        #expect(QuantityFormat.grouped(999, decimals: 0) == "999")
        #expect(QuantityFormat.EnergyUnit.fitting(1_431_317.15 * 3.6e6) == .MWh)
        #expect(QuantityFormat.EnergyUnit.fitting(50_000 * 3.6e6) == .kWh)
        #expect(QuantityFormat.EnergyUnit.fitting(2e8 * 3.6e6) == .GWh)
        #expect(QuantityFormat.energy(1_431_317.15 * 3.6e6, in: .MWh) == "1,431 MWh")
        #expect(QuantityFormat.energy(1588.2 * 3.6e9, in: .MWh) == "1,588 MWh")
        #expect(QuantityFormat.power(12_345_678, in: .MW) == "12.35 MW")
    }
}
