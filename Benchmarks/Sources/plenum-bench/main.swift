// plenum-bench: the figures in docs/performance.md.
//
//   plenum-bench engine [EVENTS] [ENTITIES]   hold model: events per second
//   plenum-bench heap [EVENTS] [ENTITIES]     the same model on swift-collections' Heap alone
//   plenum-bench rng [DRAWS]                   the exponential draws alone
//   plenum-bench hdf5 [VALUES] [CHUNK]         buffered appends: MB/s
//   plenum-bench package CELLS [SECONDS STEP]  package grid: steady solve, or a transient
//   plenum-bench airflow [ROWS RACKS UNITS REPEATS [DEPTH OPEN]]  a floor plan's flow solve (default 10 × 25, 8 units, 0.6 m, 0.25)
//   plenum-bench mixing [ROWS RACKS UNITS SOLVES]    the step's mixing solve of that floor plan (default 20,000)
//   plenum-bench propagator [LENGTHS]          a server's propagator for odd step lengths: exponential vs ladder
import Engine
import Foundation
import Numerics
import Storage

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The hold model: `entities` processes, each rescheduling itself after an exponential delay
/// (mean 1 s) every time it fires, until `events` events have fired. The queue holds
/// `entities` events throughout, the classic benchmark of an event list (Vaucher & Duval 1975).
func engineBenchmark(events: Int, entities: Int) {
    var engine = EventEngine<Int32>(seed: 1)
    let random = engine.randomStream(named: "hold")
    for entity in 0..<entities { engine.schedule(Int32(entity), after: random.exponential(mean: 1)) }
    var checksum = 0.0
    let elapsed = seconds {
        while engine.firedEventCount < events, let event = engine.step(notAfter: .infinity) {
            checksum += event.time
            engine.schedule(event.payload, after: random.exponential(mean: 1))
        }
    }
    print(String(format: "engine  swift  events=%d entities=%d  %.3f s  %.0f events/s  (final time %.1f s, checksum %.6e)",
                 events, entities, elapsed, Double(events) / elapsed, engine.now, checksum))
}

/// Appends `count` float64 values one at a time to a chunked, shuffled, deflate-4 dataset
/// through `TimeSeriesAppender`, which buffers `chunk` values per write.
func hdf5Benchmark(count: Int, chunk: Int) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-bench-\(getpid()).h5").path
    defer { unlink(path) }
    let elapsed = try seconds {
        let root = try HDF5File.create(at: path, overwrite: true).rootGroup()
        let appender = try TimeSeriesAppender(dataset: root.createExtendibleDataset("values", chunkRows: chunk), bufferRows: chunk)
        for i in 0..<count {
            // A slowly varying signal with a little noise, like a sampled temperature.
            try appender.append(25.0 + 5.0 * sin(Double(i) * 0.001) + Double((i &* 7919) % 1000) * 1e-4)
        }
        try appender.flush()
    }
    let megabytes = Double(count * 8) / 1e6
    print(String(format: "hdf5    swift  values=%d chunk=%d  %.3f s  %.1f MB/s", count, chunk, elapsed, megabytes / elapsed))
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "package":
    try packageBenchmark(cells: arguments.count > 1 ? Int(arguments[1])! : 128,
                         transientS: arguments.count > 2 ? Double(arguments[2])! : 0, stepS: arguments.count > 3 ? Double(arguments[3])! : 1e-3)
case "airflow":
    let value = { (i: Int, fallback: Int) in arguments.count > i ? Int(arguments[i])! : fallback }
    // A raised floor's depth (m) and tiles' open area (fraction) may follow: the default floor is 0.6 m under 25 % tiles.
    let floor = arguments.count > 6 ? (depthM: Double(arguments[5])!, openArea: Double(arguments[6])!) : nil
    try airflowBenchmark(rows: value(1, 10), racksPerRow: value(2, 25), units: value(3, 8), repeats: value(4, 10), floor: floor)
    try airflowParts(rows: value(1, 10), racksPerRow: value(2, 25), units: value(3, 8), floor: floor)
case "mixing":
    let value = { (i: Int, fallback: Int) in arguments.count > i ? Int(arguments[i])! : fallback }
    try mixingBenchmark(rows: value(1, 10), racksPerRow: value(2, 25), units: value(3, 8), solves: value(4, 20_000))
case "propagator":
    try propagatorBenchmark(count: arguments.count > 1 ? Int(arguments[1])! : 2_000)
case "engine":
    engineBenchmark(events: arguments.count > 1 ? Int(arguments[1])! : 10_000_000,
                    entities: arguments.count > 2 ? Int(arguments[2])! : 1_000)
case "heap":
    heapFloorBenchmark(events: arguments.count > 1 ? Int(arguments[1])! : 10_000_000,
                       entities: arguments.count > 2 ? Int(arguments[2])! : 1_000)
case "rng":
    randomFloorBenchmark(events: arguments.count > 1 ? Int(arguments[1])! : 10_000_000)
case "hdf5":
    try hdf5Benchmark(count: arguments.count > 1 ? Int(arguments[1])! : 10_000_000,
                      chunk: arguments.count > 2 ? Int(arguments[2])! : 1024)
default:
    print("usage: plenum-bench engine|heap [EVENTS] [ENTITIES] | rng [DRAWS] | hdf5 [VALUES] [CHUNK] | airflow [ROWS RACKS UNITS REPEATS [DEPTH OPEN]] | mixing [ROWS RACKS UNITS SOLVES] | propagator [LENGTHS]")
    exit(2)
}
