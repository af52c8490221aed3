import Foundation
import Testing
@testable import Numerics

@Suite("Root finding and interpolation")
struct RootAndInterpolationTests {
    @Test func brentFindsDottieNumber() throws {
        // The fixed point of cos: 0.7390851332151607 (OEIS A003957).
        let root = try findRoot(in: 0...1, absoluteTolerance: 1e-14, relativeTolerance: 0) { cos($0) - $0 }
        #expect(abs(root - 0.7390851332151607) < 1e-12)
    }

    @Test func unbracketedIntervalThrowsDomain() {
        do {
            _ = try findRoot(in: 0...1) { $0 * $0 + 1 }
            Issue.record("expected a thrown error")
        } catch {
            #expect(error.kind == .domain)
        }
    }

    @Test func nonFiniteFunctionThrowsBadFunction() {
        #expect(throws: NumericalError.self) { _ = try findRoot(in: -1...1) { $0 < 0.3 ? -1 : .nan } }
    }

    @Test(arguments: InterpolationMethod.allCases)
    func everyMethodReproducesALine(method: InterpolationMethod) throws {
        let x = (0..<8).map { Double($0) }
        let y = x.map { 3 * $0 - 2 }
        let interpolator = Interpolator(x: x, y: y, method: method)
        for probe in stride(from: 0.0, through: 7.0, by: 0.37) {
            #expect(abs(try interpolator.value(at: probe) - (3 * probe - 2)) < 1e-9)
        }
    }

    @Test func steffenStaysMonotoneWhereCubicOvershoots() throws {
        let x = [0.0, 1, 2, 3, 4], y = [0.0, 0, 0, 1, 1]
        let steffen = Interpolator(x: x, y: y, method: .steffen)
        let cubic = Interpolator(x: x, y: y, method: .cubic)
        var cubicMin = 0.0, previous = -Double.infinity
        for probe in stride(from: 0.0, through: 4.0, by: 0.01) {
            let value = try steffen.value(at: probe)
            #expect(value >= previous - 1e-12)
            previous = value
            cubicMin = min(cubicMin, try cubic.value(at: probe))
        }
        #expect(cubicMin < -1e-3)
    }

    @Test func extrapolationClampsOrFails() throws {
        let clamped = Interpolator(x: [0, 1], y: [10, 20])
        #expect(try clamped.value(at: -5) == 10)
        #expect(try clamped.value(at: 7) == 20)
        let strict = Interpolator(x: [0, 1], y: [10, 20], extrapolation: .fail)
        #expect(throws: NumericalError.self) { _ = try strict.value(at: 1.5) }
    }
}
