// swift-tools-version:6.0
// Plenum: a simulator for AI datacenters. The targets follow the layers of docs/architecture.md;
// each depends only on the layers above it.
import PackageDescription

let package = Package(
    name: "Plenum",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "plenum", targets: ["plenum"]),
        .library(name: "PlenumKit", targets: ["Sweep", "Simulation", "Scenario", "Models", "Engine", "Storage", "Numerics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // 1. C bridges: system libraries found with pkg-config, plus a shim header for what
        //    Swift cannot import (macros, C globals, struct layouts).
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),

        // 2. Numerics: safe Swift over GSL.
        .target(name: "Numerics", dependencies: ["CGSL"]),
        // 3. Storage: safe Swift over HDF5.
        .target(name: "Storage", dependencies: ["CHDF5"]),
        // 4. Engine: the discrete-event kernel.
        .target(name: "Engine", dependencies: [
            "Numerics",
            .product(name: "HeapModule", package: "swift-collections"),
        ]),
        // 5. Models: the physics, one folder per domain.
        .target(name: "Models", dependencies: ["Numerics"]),
        // 6. Scenario: file format, units, validation, build into specs.
        .target(name: "Scenario", dependencies: ["Models", .product(name: "Yams", package: "Yams")]),
        // 7. Simulation: wires models into the engine for one run and records it.
        .target(name: "Simulation", dependencies: ["Scenario", "Models", "Engine", "Storage", "Numerics"]),
        // 8. Sweep: sweep files, points, shards, resume, merge, Slurm scripts.
        .target(name: "Sweep", dependencies: ["Simulation", "Scenario", "Storage", "Numerics"]),
        // 9. Charts: SVG drawn in Swift (lines, bars, stacked bars, tile maps), no dependencies.
        .target(name: "Charts"),
        // 10. Report: HTML pages, comparisons and CSV tables read back from the HDF5 files.
        .target(name: "Report", dependencies: ["Charts", "Storage", "Scenario"]),
        // 11. CLI: thin commands over the layers, and the executable.
        .target(name: "PlenumCLI", dependencies: [
            "Sweep", "Simulation", "Scenario", "Storage", "Report",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "plenum", dependencies: ["PlenumCLI"]),

        .testTarget(name: "NumericsTests", dependencies: ["Numerics"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Numerics"], exclude: ["Fixtures"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Models"], exclude: ["Fixtures"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Storage"], exclude: ["Fixtures"]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "Scenario", "Storage", "Numerics"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Charts", "Storage", "Simulation", "Scenario"]),
        .testTarget(name: "PlenumCLITests", dependencies: ["PlenumCLI", "Storage", "Numerics", "plenum"], exclude: ["Golden"]),
    ]
)
