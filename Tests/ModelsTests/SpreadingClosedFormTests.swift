import Foundation
import Testing
@testable import Models

/// The package solver against closed forms (docs/models/package.md, "Verification"): spreading
/// from a centred and an eccentric source and through a two-layer plate (Muzychka, Culham and
/// Yovanovich, J. Electronic Packaging 125, 2003), and a slab's one-dimensional transient
/// (its eigenfunction series). The grid is refined until its own error bound is within 0.2 %
/// of the rise; the answer must then be within 1 %, and the bound on the design's grid must
/// cover that grid's true error.
private let mm = 1e-3

@Suite("Package solver against closed forms")
struct SpreadingClosedFormTests {
    struct Case {
        var layers: [(thicknessM: Double, k: Double)]   // source side first
        var source: PlaneRectangle
        var h = 5_000.0, powerW = 50.0, plate = 20.0 * mm
    }

    /// The plate as a layered problem: the source on the bottom face of the bottom layer, h on top.
    static func problem(_ c: Case) -> LayeredThermalProblem {
        let plate = PlaneRectangle(x: 0, y: 0, width: c.plate, height: c.plate)
        let layers = c.layers.enumerated().map { index, layer in
            let material = PackageMaterial(name: "layer-\(index)", lateral: layer.k, volumetricHeatCapacity: 2e6, source: "test")
            let sources = index == 0 ? [HeatSource(name: "source", die: "plate", rectangle: c.source, powerW: c.powerW, activeSide: .bottom)] : []
            return ThermalLayer(name: "layer-\(index)", thicknessM: layer.thicknessM, background: material, regions: [(plate, material, "plate")],
                                sources: sources)
        }
        return LayeredThermalProblem(layers: layers, extent: plate,
                                     top: ConvectiveBoundary(heatTransferCoefficientWPerM2K: c.h, rectangle: plate, fluidC: 0),
                                     grid: .graded(fineCellM: 0.5 * mm, fineRegion: c.source, growth: 1.3), leakageCoefficientPerK: 0)
    }

    static func exactRiseK(_ c: Case) -> Double {
        c.powerW * SpreadingResistance.resistanceKPerW(
            plateWidthM: c.plate, plateHeightM: c.plate, layers: c.layers.map { .init(thicknessM: $0.thicknessM, conductivityWPerMK: $0.k) },
            heatTransferCoefficient: c.h, sourceWidthM: c.source.width, sourceHeightM: c.source.height,
            sourceCentreXM: c.source.x + c.source.width / 2, sourceCentreYM: c.source.y + c.source.height / 2)
    }

    /// The series itself: a source covering the plate has no spreading, R = (t/k + 1/h)/A.
    @Test func seriesReducesToOneDimension() {
        let c = Case(layers: [(2 * mm, 400)], source: PlaneRectangle(x: 0, y: 0, width: 20 * mm, height: 20 * mm))
        let oneD = c.powerW * (2 * mm / 400 + 1 / c.h) / (c.plate * c.plate)
        #expect(abs(Self.exactRiseK(c) - oneD) < 1e-9 * oneD)
    }

    static let cases: [String: Case] = {
        let centred = PlaneRectangle(x: 7.5e-3, y: 7.5e-3, width: 5e-3, height: 5e-3)
        let offCentre = PlaneRectangle(x: 2e-3, y: 10e-3, width: 4e-3, height: 6e-3)
        let copper: [(thicknessM: Double, k: Double)] = [(2e-3, 400)]
        let compound: [(thicknessM: Double, k: Double)] = [(0.5e-3, 20), (2e-3, 400)]
        return ["centred": Case(layers: copper, source: centred), "eccentric": Case(layers: copper, source: offCentre),
                "two-layer": Case(layers: compound, source: centred)]
    }()

    @Test(arguments: ["centred", "eccentric", "two-layer"])
    func spreadingMatchesMuzychka(name: String) throws {
        let c = Self.cases[name]!
        let exact = Self.exactRiseK(c)
        let result = try PackageThermalSolver.converged(Self.problem(c), toleranceK: 0.002 * exact, maximumCells: 500_000)
        let convergence = result.convergence
        let answer = convergence.answer.hottestBlockC
        #expect(abs(answer - exact) < 0.01 * exact, "\(name): \(answer) K against \(exact) K")
        // The bound on the answer covers its error.
        let bound = try #require(convergence.estimatedErrorK)
        #expect(abs(answer - exact) <= bound + 1e-3 * exact, "\(name): error \(abs(answer - exact)) K, bound \(bound) K")
        // The design's own grid: its error against the extrapolation, and against the truth.
        let base = convergence.levels[0].hottestBlockC, extrapolated = try #require(convergence.extrapolatedC)
        let estimated = abs(base - extrapolated), actual = abs(base - exact)
        #expect(actual <= 1.5 * estimated + 1e-3 * exact && estimated <= 1.5 * actual + 1e-3 * exact,
                "\(name): base grid error \(actual) K, estimated \(estimated) K")
    }

    /// A slab heated through its volume from t = 0, one face held at the coolant, the other
    /// adiabatic: mean rise (g L²/k) [1/3 − Σ 2/μ⁴ exp(−μ² Fo)], μ_n = (n + ½)π, Fo = αt/L².
    @Test func slabTransientMatchesItsSeries() throws {
        let length = 1 * mm, k = 100.0, rhoC = 1.6e6, side = 10 * mm, power = 100.0
        let plate = PlaneRectangle(x: 0, y: 0, width: side, height: side)
        let material = PackageMaterial(name: "slab", lateral: k, volumetricHeatCapacity: rhoC, source: "test")
        let layer = ThermalLayer(name: "slab", thicknessM: length, background: material, regions: [(plate, material, "slab")],
                                 sources: [HeatSource(name: "slab", die: "slab", rectangle: plate, powerW: power, activeSide: .volume)], sublayers: 64)
        let problem = LayeredThermalProblem(layers: [layer], extent: plate,
                                            top: ConvectiveBoundary(heatTransferCoefficientWPerM2K: 1e12, rectangle: plate, fluidC: 0),
                                            grid: .uniform(columns: 1, rows: 1), leakageCoefficientPerK: 0)
        let alpha = k / rhoC, tau = length * length / alpha, g = power / (side * side * length)
        let run = try PackageThermalSolver(problem).transient(durationS: tau, stepS: tau / 4000)
        func exact(_ fo: Double) -> Double {
            var sum = 0.0
            for n in 0..<200 {
                let mu = (Double(n) + 0.5) * .pi
                sum += 2 / pow(mu, 4) * exp(-mu * mu * fo)
            }
            return g * length * length / k * (1.0 / 3 - sum)
        }
        for fo in [0.02, 0.05, 0.1, 0.2, 0.5, 1.0] {
            let step = Int((fo * 4000).rounded()) - 1
            let simulated = run.sourceMeansC[step][0]
            #expect(abs(simulated - exact(fo)) < 0.01 * exact(fo), "Fo \(fo): \(simulated) K against \(exact(fo)) K")
        }
    }
}
