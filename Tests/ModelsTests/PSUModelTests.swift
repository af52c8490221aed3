import Testing
import Models

/// Server power supplies against the 80 PLUS certification points they are fitted to.
@Suite("PSU efficiency curves")
struct PSUModelTests {
    /// Three points and three coefficients: the Gold and Platinum curves pass through them.
    @Test(arguments: [PSUModel.EfficiencyClass.gold, .platinum])
    func threePointClassesAreExact(_ efficiencyClass: PSUModel.EfficiencyClass) {
        let psu = PSUModel(units: 2, ratingW: 1_500, efficiencyClass: efficiencyClass)
        for (x, eta) in PSUModel.certificationPoints(efficiencyClass) {
            #expect(abs(psu.efficiency(loadFraction: x) - eta) < 1e-12, "\(efficiencyClass) at \(x)")
        }
    }

    /// Four points, three coefficients: the weighted least-squares Titanium curve stays within
    /// 0.8 percentage points of each (0.75 at half load is the best three loss terms can do),
    /// and peaks between 20 % and 80 % load as the class does.
    @Test func titaniumIsCloseToItsFourPoints() {
        let psu = PSUModel(units: 6, ratingW: 3_300, efficiencyClass: .titanium)
        for (x, eta) in PSUModel.certificationPoints(.titanium) {
            #expect(abs(psu.efficiency(loadFraction: x) - eta) < 0.008, "at \(x): \(psu.efficiency(loadFraction: x)) against \(eta)")
        }
        let fractions = stride(from: 0.05, through: 1.0, by: 0.01).map { $0 }
        let best = fractions.max { psu.efficiency(loadFraction: $0) < psu.efficiency(loadFraction: $1) }!
        #expect(best > 0.2 && best < 0.8)
        // Light load is where redundant supplies sit: efficiency falls as the fixed loss dominates.
        #expect(psu.efficiency(loadFraction: 0.05) < psu.efficiency(loadFraction: 0.1))
    }

    /// A fixed efficiency is a proportional loss; the inverse recovers the output to 1e-9 W.
    @Test func fixedEfficiencyAndInverse() {
        let fixed = PSUModel(units: 1, ratingW: 2_000, efficiencyClass: .fixed(0.94))
        #expect(abs(fixed.lossW(outputW: 940) - 60) < 1e-9)
        let titanium = PSUModel(units: 6, ratingW: 3_300, efficiencyClass: .titanium)
        for output in [500.0, 4_000, 10_200] {
            let input = output + titanium.lossW(outputW: output)
            #expect(abs(titanium.outputW(inputW: input) - output) < 1e-9)
        }
        #expect(titanium.lossW(outputW: 0) == 0)
    }
}
