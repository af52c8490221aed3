// swift-tools-version:6.0
// Benchmarks for Plenum: not tests. Run with `Benchmarks/run.sh` (see docs/performance.md).
import PackageDescription

let package = Package(
    name: "PlenumBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Plenum", path: ".."), .package(url: "https://github.com/apple/swift-collections", from: "1.6.0")],
    targets: [
        .executableTarget(name: "plenum-bench", dependencies: [.product(name: "PlenumKit", package: "Plenum"), .product(name: "HeapModule", package: "swift-collections")]),
    ]
)
