import Models
import Numerics

/// `workload.arrivals[i]`: jobs arriving as a Poisson process, optionally with a daily profile,
/// with servers, durations (batch) or work (training) drawn from distributions.
///
/// Non-homogeneous arrivals by thinning (Lewis & Shedler 1979): candidates at the peak rate
/// λ_max = λ̄·max(profile), each kept with probability λ(t)/λ_max, λ(t) = λ̄·profile[local hour].
/// Every generator has its own stream (`arrivals/<index>` derived from the simulation seed), so
/// adding a generator does not change the others' jobs.
enum ArrivalGenerator {
    /// Jobs one generator may make: far above a month of a large hall, far below exhausting memory.
    static let maximumJobs = 2_000_000
    /// A distribution of a positive quantity: `fixed` (value), `uniform` (min, max), `exponential`
    /// (mean), `lognormal` (mean and sd of the quantity itself), clipped to [min, max].
    struct Distribution {
        enum Kind: String, CaseIterable { case fixed, uniform, exponential, lognormal }
        var kind: Kind
        var mean: Double, sd: Double, minimum: Double, maximum: Double

        func draw(_ stream: RandomStream) -> Double {
            let value: Double
            switch kind {
            case .fixed: value = mean
            case .uniform: value = minimum + (maximum - minimum) * stream.uniform()
            case .exponential: value = stream.exponential(mean: mean)
            case .lognormal:
                // Parameters of the underlying normal from the quantity's mean m and sd s.
                let variance = log(1 + sd * sd / (mean * mean))
                value = stream.lognormal(logMean: log(mean) - variance / 2, logStandardDeviation: variance.squareRoot())
            }
            return min(max(value, minimum), maximum)
        }
    }

    /// Most servers one generated job may ask for: more than any hall holds, small enough that a
    /// draw converts to an `Int` exactly.
    static let maximumServersPerJob = 10_000_000.0
    /// The ratio sd/mean a lognormal may have. Outside it the underlying normal's σ² =
    /// ln(1 + (s/m)²) underflows to zero or overflows, and the distribution has no meaning in
    /// double precision.
    static let lognormalRatioRange = 1e-6...1e6

    /// Reads a distribution under `key`, checking its parameters here, where they can be located:
    /// a random stream refuses (traps on) parameters that have no distribution.
    static func distribution(_ reader: inout MappingReader, _ key: String, _ dimension: PhysicalDimension?,
                             upperBound: Double = 1e30, _ diagnostics: inout DiagnosticCollector) -> Distribution? {
        guard var d = reader.mapping(key, required: true, diagnostics: &diagnostics) else { return nil }
        func value(_ name: String, default fallback: Double?) -> Double? {
            if let dimension { return d.quantity(name, dimension, range: 0...upperBound, default: fallback, diagnostics: &diagnostics) }
            return d.number(name, range: 0...upperBound, default: fallback, diagnostics: &diagnostics)
        }
        let kind = d.string("distribution", allowed: Distribution.Kind.allCases.map(\.rawValue), default: "fixed", diagnostics: &diagnostics)
            .flatMap(Distribution.Kind.init(rawValue:))
        let mean = value("mean", default: kind == .uniform ? 0 : nil)
        let sd = value("sd", default: 0), minimum = value("min", default: 0), maximum = value("max", default: upperBound)
        d.finish(diagnostics: &diagnostics)
        guard let kind, let mean, let sd, let minimum, let maximum else { return nil }
        if maximum < minimum || (kind == .uniform && !d.presentKeys.contains("max")) {
            diagnostics.error("expected min ≤ max (uniform needs both)", at: d.location, keyPath: d.keyPath)
            return nil
        }
        if kind == .exponential && mean <= 0 {
            diagnostics.error("an exponential needs a mean > 0, found \(mean)", at: d.location(of: "mean"), keyPath: d.path("mean"))
            return nil
        }
        if kind == .lognormal && (mean <= 0 || sd <= 0 || !lognormalRatioRange.contains(sd / mean)) {
            diagnostics.error("a lognormal needs a positive mean and sd with sd/mean within 1e-6…1e6, found mean \(mean), sd \(sd)",
                              at: d.location, keyPath: d.keyPath)
            return nil
        }
        return Distribution(kind: kind, mean: mean, sd: sd, minimum: minimum, maximum: maximum)
    }

    static func read(_ g: inout MappingReader, index: Int, hall: String?, untilS: Double, seed: UInt64, startLocalHour: Double,
                     _ diagnostics: inout DiagnosticCollector) -> [JobSpec] {
        let kind = g.string("kind", allowed: JobSpec.Kind.allCases.map(\.rawValue), default: "batch", diagnostics: &diagnostics)
            .flatMap(JobSpec.Kind.init(rawValue:))
        let prefix = g.string("name", default: "arrival-\(index + 1)", diagnostics: &diagnostics)
        let interarrival = g.quantity("mean_interarrival", .duration, range: 1e-3...1e9, diagnostics: &diagnostics)
        let profile = g.quantityList("daily_profile", .fraction, count: 24, range: 0...100, meaning: "one multiplier per local hour, midnight first",
                                     diagnostics: &diagnostics)
        let until = g.quantity("until", .duration, range: 0...SimulationSection.maximumDurationS, default: untilS, diagnostics: &diagnostics)
        let servers = distribution(&g, "servers", nil, upperBound: maximumServersPerJob, &diagnostics)
        let utilization = g.quantity("utilization", .fraction, range: 0...1, default: 1, diagnostics: &diagnostics)
        var duration: Distribution? = nil, work: Distribution? = nil
        var precision = TrainingSpec.Precision.bf16, mfu = 0.4
        if kind == .training {
            work = distribution(&g, "flops", nil, &diagnostics)
            precision = g.string("precision", allowed: TrainingSpec.Precision.allCases.map(\.rawValue), default: "bf16", diagnostics: &diagnostics)
                .flatMap(TrainingSpec.Precision.init(rawValue:)) ?? .bf16
            mfu = g.quantity("mfu", .fraction, range: 0.001...1, default: 0.4, diagnostics: &diagnostics) ?? 0.4
        } else {
            duration = distribution(&g, "duration", .duration, &diagnostics)
        }
        g.finish(diagnostics: &diagnostics)
        guard let kind, let prefix, let interarrival, let until, let servers, let utilization, let hall,
              kind == .training ? work != nil : duration != nil else { return [] }
        let stream = RandomStream(generatorSeed: RandomStream.derivedSeed(seed: seed, stream: "arrivals/\(index)"))
        let peak = profile?.max() ?? 1
        guard peak > 0 else { return [] }
        let expected = until / interarrival * (profile.map { $0.reduce(0, +) / 24 } ?? 1)
        guard expected <= Double(maximumJobs) else {
            diagnostics.error("this generator would make about \(Int(expected)) jobs; at most \(maximumJobs) (a longer mean_interarrival, or a shorter 'until')",
                              at: g.location(of: "mean_interarrival"), keyPath: g.path("mean_interarrival"))
            return []
        }
        var jobs: [JobSpec] = []
        var t = 0.0
        while true {
            t += stream.exponential(mean: interarrival / peak)
            guard t <= until else { break }
            if let profile {
                let hour = Int((startLocalHour + t / 3600).truncatingRemainder(dividingBy: 24)) % 24
                if stream.uniform() * peak > profile[hour] { continue }
            }
            // The draw is clipped to [min, max] ⊂ [0, maximumServersPerJob]: the conversion is exact.
            let count = max(1, CheckedConversion.integer(rounding: servers.draw(stream)) ?? 1)
            var job = JobSpec(name: "\(prefix)-\(jobs.count + 1)", hall: hall, kind: kind, submitS: t, durationS: duration.map { max($0.draw(stream), 1) },
                              serverCount: count, utilization: utilization)
            if let work {
                job.training = TrainingSpec(flops: max(work.draw(stream), 1), precision: precision, modelFlopsUtilization: mfu,
                                            checkpointIntervalS: nil, restartCostS: 0)
            }
            jobs.append(job)
        }
        return jobs
    }
}

import Foundation
