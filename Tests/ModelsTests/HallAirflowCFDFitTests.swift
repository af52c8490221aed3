import Foundation
import Testing
@testable import Models

/// The fit of the model's terms (`FittedTerms`) to the seven halls' finest CFD, and how it holds
/// on halls left out of it (docs/models/hall-airflow.md, "Row-end wrap").
extension HallAirflowCFDTests {
    /// The row-end wrap and the jet curtain, fitted together to the finest CFD (twenty-second
    /// session; docs/models/hall-airflow.md, "Row-end wrap"), u₀ and the rise as they were: the
    /// fitted pair is the best of the candidates there, 1.31 K (1.40 K on the fixture's grids).
    /// Without the wrap no curtain does better than 1.70 K. A hall left out of the fit, with the
    /// pair fitted to the other six, gets 1.33 K. (Before the gaps' mouths took the rise's open
    /// fraction, twenty-third session: 1.43, 1.51, 1.73 and 1.44 K; before the wrap through a
    /// contained aisle's doors, twenty-fifth: 1.38, 1.46, 1.70 and 1.39 K; the fitted pair is the
    /// same.)
    @Test func theRowEndWrapFittedToTheFinestCFDHoldsOnHallsLeftOut() throws {
        let grids = try Self.gridInlets(), cases = try Self.cases()
        let wraps: [Double] = [0, 0.1, 0.15, 0.2, 0.225, 0.25, 0.3], curtains: [Double] = [0, 0.05, 0.1, 0.2]
        let pairs: [(wrap: Double, curtain: Double)] = wraps.flatMap { wrap in curtains.map { (wrap, $0) } }
        // finest[k][h], fixture[k][h]: hall h's mean error with pairs[k] against 6 × 6 × 6 and 3 × 3 × 3.
        var finest: [[Double]] = [], fixture: [[Double]] = []
        for pair in pairs {
            let terms = FittedTerms(jetReferenceVelocityMPerS: 1, jetCurtainOpenFraction: pair.curtain, exhaustRiseOpenFraction: 0.1,
                                    rowEndWrapShare: pair.wrap)
            var onFinest: [Double] = [], onFixture: [Double] = []
            for c in cases {
                let inlets = try Self.plenumInlets(c, terms: terms).inlets, six = try #require(grids[6]?[c.name])
                onFinest.append(zip(inlets, six).map { abs($0 - $1) }.reduce(0, +) / Double(six.count))
                onFixture.append(zip(inlets, c.cfdInletC).map { abs($0 - $1) }.reduce(0, +) / Double(six.count))
            }
            finest.append(onFinest)
            fixture.append(onFixture)
        }
        func overall(_ e: [Double], without held: Int? = nil) -> Double {
            let halls = e.indices.filter { $0 != held }
            return halls.map { e[$0] }.reduce(0, +) / Double(halls.count)
        }
        let fitted = try #require(pairs.firstIndex { $0.wrap == FittedTerms.fitted.rowEndWrapShare && $0.curtain == FittedTerms.fitted.jetCurtainOpenFraction })
        let best = pairs.indices.map { overall(finest[$0]) }.min()!
        #expect(overall(finest[fitted]) == best && abs(best - 1.31) < 0.005, "\(overall(finest[fitted])) \(best)")
        #expect(abs(overall(fixture[fitted]) - 1.40) < 0.005)
        let withoutWrap = pairs.indices.filter { pairs[$0].wrap == 0 }.map { overall(finest[$0]) }.min()!
        #expect(abs(withoutWrap - 1.70) < 0.005)
        let heldOut = cases.indices.map { held in
            finest[pairs.indices.min { overall(finest[$0], without: held) < overall(finest[$1], without: held) }!][held]
        }
        let heldOutMean = heldOut.reduce(0, +) / Double(heldOut.count)
        #expect(abs(heldOutMean - 1.33) < 0.005, "\(heldOutMean) \(heldOut)")
        #expect(heldOutMean < withoutWrap)
    }
}
