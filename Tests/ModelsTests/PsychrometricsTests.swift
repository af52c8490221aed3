import Foundation
import Testing
@testable import Models

@Suite("Psychrometrics against psychrolib")
struct PsychrometricsTests {
    /// (dry bulb °C, RH, pressure Pa, humidity ratio, wet bulb °C, dew point °C, enthalpy J/kg),
    /// computed with the PyPI package psychrolib 2.5 (ASHRAE Fundamentals 2017 equations) in SI.
    static let reference: [(Double, Double, Double, Double, Double, Double, Double)] = [
        (-10, 0.8, 101325, 0.001278876257, -10.64822089, -12.48955722, -6885.317579),
        (0, 0.5, 101325, 0.001881340714, -2.975159031, -8.163625114, 4705.233126),
        (15, 0.3, 101325, 0.003156411022, 7.241989919, -2.141328635, 23072.24783),
        (22, 0.5, 101325, 0.008224239346, 15.42544461, 11.11009297, 43037.35848),
        (27, 0.6, 101325, 0.01342146752, 21.2056345, 18.57669276, 61403.11636),
        (30, 0.9, 101325, 0.02437569705, 28.58613126, 28.17714625, 92503.78223),
        (35, 0.25, 101325, 0.008757662745, 20.22961393, 12.04711494, 57683.03837),
        (40, 0.4, 85000, 0.02238779006, 27.34476379, 23.8221519, 97897.51452),
        (-2.4, 0.49, 102600, 0.001490706183, -5.049377593, -10.64843753, 1307.201652),
        (33.2, 0.55, 100800, 0.01777067712, 25.63376983, 22.93926126, 78941.03832),
        (45, 0.1, 101325, 0.005944716651, 21.17534921, 6.367948388, 60635.30913),
        (10, 1.0, 90000, 0.008603450198, 10, 10, 31737.25312),
    ]

    @Test func agreesWithPsychrolibToAHundredthOfAKelvin() throws {
        for (t, rh, p, w, wb, dp, h) in Self.reference {
            let ratio = Psychrometrics.humidityRatio(dryBulbC: t, relativeHumidity: rh, pressurePa: p)
            #expect(abs(ratio - w) / w < 1e-6, "W at \(t) °C, \(rh)")
            #expect(abs(try Psychrometrics.wetBulbC(dryBulbC: t, relativeHumidity: rh, pressurePa: p) - wb) < 0.01, "wet bulb at \(t) °C, \(rh)")
            #expect(abs(try Psychrometrics.dewPointC(dryBulbC: t, relativeHumidity: rh) - dp) < 0.01, "dew point at \(t) °C, \(rh)")
            #expect(abs(Psychrometrics.enthalpyJPerKg(dryBulbC: t, humidityRatio: ratio) - h) < 1, "enthalpy at \(t) °C")
            #expect(abs(Psychrometrics.relativeHumidity(dryBulbC: t, humidityRatio: ratio, pressurePa: p) - rh) < 1e-9)
        }
    }

    /// ASHRAE Fundamentals Table 1: standard atmosphere 101.325 kPa at sea level, 89.875 kPa at 1000 m.
    @Test func standardAtmosphere() {
        #expect(abs(Psychrometrics.standardPressurePa(elevationM: 0) - 101_325) < 1e-6)
        #expect(abs(Psychrometrics.standardPressurePa(elevationM: 1000) - 89_875) < 10)
    }
}

@Suite("Climate synthesised from monthly normals")
struct ClimateSynthesisTests {
    static let beijingDryBulb = [-2.9, 0.0, 6.1, 14.3, 20.4, 25.2, 26.4, 25.0, 20.4, 13.7, 4.8, -0.5]
    static let beijingHumidity = [37.0, 40, 38, 58, 55, 58, 81, 73, 76, 54, 48, 40].map { $0 / 100 }

    @Test func keepsTheMonthlyMeansAndPeaksInTheAfternoon() {
        let year = ClimateSynthesis.hourlyYear(monthlyDryBulbC: Self.beijingDryBulb, monthlyRelativeHumidity: Self.beijingHumidity,
                                               elevationM: 55, source: "test")
        #expect(year.hours == 8760)
        // The anchors are adjusted until every month keeps its normal.
        for (mean, normal) in zip(year.monthlyMeanDryBulbC(), Self.beijingDryBulb) { #expect(abs(mean - normal) < 0.01) }
        let july = Array(year.dryBulbC[(181 * 24)..<(182 * 24)])
        #expect(july.firstIndex(of: july.max()!) == 14 || july.firstIndex(of: july.max()!) == 15)
        #expect(year.relativeHumidity.allSatisfy { (0...1).contains($0) })
        // Moisture held through the day: afternoon RH below the night's.
        #expect(year.relativeHumidity[181 * 24 + 15] < year.relativeHumidity[181 * 24 + 3])
        #expect(year == ClimateSynthesis.hourlyYear(monthlyDryBulbC: Self.beijingDryBulb, monthlyRelativeHumidity: Self.beijingHumidity,
                                                    elevationM: 55, source: "test"))
    }
}
