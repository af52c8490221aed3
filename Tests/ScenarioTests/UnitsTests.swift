import Testing
@testable import Scenario

@Suite("Units: quantities with units converted once to SI")
struct UnitsTests {
    /// Conversions exact by definition (NIST SP 811, Appendix B), compared to 1e-9 relative.
    @Test(arguments: [
        ("40 kW", PhysicalDimension.power, 40_000.0),
        ("1.2 MW", .power, 1_200_000),
        ("40kW", .power, 40_000),
        ("1 TR", .power, 3516.852842),
        ("27 degC", .temperature, 27),
        ("80.6 degF", .temperature, 27),
        ("300 K", .temperature, 26.85),
        ("5 K", .temperatureDifference, 5),
        ("9 delta_degF", .temperatureDifference, 5),
        ("12000 CFM", .volumeFlow, 5.6633693184),
        ("2.5 m3/s", .volumeFlow, 2.5),
        ("60 L/min", .volumeFlow, 0.001),
        ("100 gpm", .volumeFlow, 0.00630901964),
        ("3.5 years", .duration, 3.5 * 365 * 86_400),
        ("15 min", .duration, 900),
        ("1e3 s", .duration, 1000),
        ("2 kWh", .energy, 7.2e6),
        ("60 kJ/K", .heatCapacity, 60_000),
        ("0.016 K/W", .thermalResistance, 0.016),
        ("90 %", .fraction, 0.9),
        ("0.9", .fraction, 0.9),
    ])
    func convertsToSI(text: String, dimension: PhysicalDimension, expected: Double) throws {
        let value = try Units.parse(text, as: dimension).get()
        #expect(abs(value - expected) <= 1e-9 * max(1, abs(expected)), "\(text) → \(value)")
    }

    @Test func wrongDimensionNamesBoth() {
        #expect(Units.parse("40 kW", as: .temperature) == .failure(.wrongDimension(unit: "kW", found: .power, expected: .temperature)))
        #expect(Units.parse("40 kW", as: .temperature).failureMessage
                == "expected a temperature such as '27 degC', found 'kW', a unit of power")
    }

    @Test func unknownUnitSuggestsTheClosest() {
        #expect(Units.parse("40 kw", as: .power) == .failure(.unknownUnit("kw", suggestion: "kW")))
        #expect(Units.parse("40 furlongs", as: .power) == .failure(.unknownUnit("furlongs", suggestion: nil)))
    }

    /// Unit words as people write them get the symbol Plenum reads.
    @Test func spelledOutUnitsSuggestTheirSymbol() {
        #expect(Units.parse("24 Celsius", as: .temperature).failureMessage == "unknown unit 'Celsius' (did you mean 'degC'?)")
        #expect(Units.parse("2 hours", as: .duration).failureMessage == "unknown unit 'hours' (did you mean 'h'?)")
        #expect(Units.parse("40 kilowatts", as: .power).failureMessage == "unknown unit 'kilowatts' (did you mean 'kW'?)")
        // A word of another dimension suggests nothing rather than a wrong symbol.
        #expect(Units.parse("2 hours", as: .power) == .failure(.unknownUnit("hours", suggestion: nil)))
    }

    /// A catalog name the user shortened gets its full form, not a neighbour one letter away.
    @Test func aShortenedNameSuggestsItsFullForm() {
        #expect(closestMatch(to: "h100", among: ["v100", "a100-sxm", "h100-sxm", "h100-pcie"]) == "h100-sxm")
        #expect(closestMatch(to: "sed", among: ["start", "seed"]) == "seed")
    }

    @Test(arguments: ["nan kW", "inf W", "-inf W", ".inf W", "1e999 W"])
    func nonFiniteIsRejected(text: String) {
        guard case .failure(.notFinite) = Units.parse(text, as: .power) else {
            Issue.record("\(text) was accepted")
            return
        }
    }

    @Test(arguments: ["", "kW", "forty kW", "1..2 W", "--3 W"])
    func garbageIsNotANumber(text: String) {
        guard case .failure(.notANumber) = Units.parse(text, as: .power) else {
            Issue.record("\(text) was accepted")
            return
        }
    }

    @Test func bareNumberOnlyWhereTheSchemaNamesTheUnit() throws {
        #expect(Units.parse("40", as: .power) == .failure(.missingUnit(expected: .power)))
        #expect(try Units.parse("40", as: .power, bareUnit: "kW").get() == 40_000)
    }

    @Test func absoluteKelvinIsNotADifferenceInDegrees() {
        // "5 degC" is a temperature, not a difference: a planner must write "5 K".
        #expect(Units.parse("5 degC", as: .temperatureDifference)
                == .failure(.wrongDimension(unit: "degC", found: .temperature, expected: .temperatureDifference)))
    }
}

extension Result where Failure == Units.ParseFailure {
    var failureMessage: String? {
        if case .failure(let failure) = self { return failure.message }
        return nil
    }
}
