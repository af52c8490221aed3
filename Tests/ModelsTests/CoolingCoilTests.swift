import Foundation
import Testing
@testable import Models

/// The CRAH coil by ε-NTU against the closed forms of Incropera & DeWitt, Table 11.3.
@Suite("Chilled-water coils by epsilon-NTU")
struct CoolingCoilTests {
    let rating = CoolingCoilModel.Rating(capacityW: 150_000, airflowM3PerS: 11.3)

    @Test func effectivenessMatchesTheClosedForms() {
        for ntu in [0.1, 0.5, 1.0, 2.0, 5.0] {
            // C_r = 0 (one stream of infinite capacity): ε = 1 − e^(−NTU), any arrangement.
            #expect(abs(CoolingCoilModel.effectiveness(transferUnits: ntu, capacityRatio: 0) - (1 - exp(-ntu))) < 1e-12)
            // Balanced counterflow: ε = NTU / (1 + NTU).
            #expect(abs(CoolingCoilModel.effectiveness(transferUnits: ntu, capacityRatio: 1) - ntu / (1 + ntu)) < 1e-12)
            // Counterflow at C_r = 0.5 from the textbook formula, and its inverse.
            let e = exp(-ntu * 0.5)
            let epsilon = (1 - e) / (1 - 0.5 * e)
            #expect(abs(CoolingCoilModel.effectiveness(transferUnits: ntu, capacityRatio: 0.5) - epsilon) < 1e-12)
            #expect(abs(CoolingCoilModel.transferUnits(effectiveness: epsilon, capacityRatio: 0.5) - ntu) < 1e-9)
        }
    }

    /// At its rating point a coil delivers its rated capacity, to rounding.
    @Test func ratingRoundTrips() throws {
        let coil = try #require(CoolingCoilModel(rating: rating))
        let heat = coil.maximumHeatW(units: 1, airHeatRateWPerK: rating.airHeatRateWPerK, enteringAirC: 32, enteringWaterC: 10)
        #expect(abs(heat - 150_000) < 1e-6)
        // Four units with four times the air remove four times the heat.
        let four = coil.maximumHeatW(units: 4, airHeatRateWPerK: 4 * rating.airHeatRateWPerK, enteringAirC: 32, enteringWaterC: 10)
        #expect(abs(four - 600_000) < 1e-5)
    }

    /// The defect of deriving effectiveness from the water one gets (issue 13): colder water must
    /// give more heat and a colder supply at equal air, never less.
    @Test func colderWaterGivesMoreHeat() throws {
        let coil = try #require(CoolingCoilModel(rating: rating))
        let air = rating.airHeatRateWPerK
        let heats = [15.0, 12, 10, 7].map { coil.maximumHeatW(units: 1, airHeatRateWPerK: air, enteringAirC: 32, enteringWaterC: $0) }
        #expect(zip(heats, heats.dropFirst()).allSatisfy { $0 < $1 }, "\(heats)")
        // With fixed UA and flows the heat is proportional to the entering difference.
        #expect(abs(heats[0] / heats[2] - 17.0 / 22) < 1e-12)
        // Less air through the same coil: more NTU, a larger share of the air's possible drop.
        #expect(coil.airSideEffectiveness(units: 1, airHeatRateWPerK: air / 2) > coil.airSideEffectiveness(units: 1, airHeatRateWPerK: air))
        #expect(coil.airSideEffectiveness(units: 1, airHeatRateWPerK: air / 2) < 1)
    }

    /// Through the hall: with the coils short of the load, colder water gives a colder supply at
    /// equal airflow and room temperature.
    @Test func colderWaterGivesColderSupplyAir() throws {
        let coil = try #require(CoolingCoilModel(rating: rating))
        let hall = HallAirModel(roomCapacityJPerK: 6e6, structureCapacityJPerK: 1e9, structureConductanceWPerK: 1000,
                                recirculation: 0.03, setPointC: 18)
        let w = 4 * rating.airHeatRateWPerK
        let supplies = [15.0, 12, 9].map { water in
            hall.supplyC(roomC: 36, crahHeatRateWPerK: w,
                         coil: .effectiveness(coil.airSideEffectiveness(units: 4, airHeatRateWPerK: w), chilledWaterC: water))
        }
        #expect(supplies[0] > supplies[1] && supplies[1] > supplies[2], "\(supplies)")
        #expect(supplies.allSatisfy { $0 >= 18 })
    }

    /// A rating the streams cannot meet (ε ≥ 1) has no coil: `validate` refuses it.
    @Test func impossibleRatingHasNoCoil() {
        var impossible = rating
        impossible.capacityW = 400_000 // 11.3 m³/s of air from 32 °C to 10 °C carries about 300 kW
        #expect(impossible.effectiveness >= 1)
        #expect(CoolingCoilModel(rating: impossible) == nil)
        impossible = rating
        impossible.enteringWaterC = 33
        #expect(CoolingCoilModel(rating: impossible) == nil)
    }
}
