// swift-tools-version: 6.1
import PackageDescription

// Layers, each depending only on those above it (README, "Layout"):
//
//   BellwetherEngine       model values, config and input readers, calibration, simulation, the
//                          forecast result, and the one entry point (Forecaster). Names no cycle,
//                          no source file and no publisher.
//   BellwetherReports      renderers of a result (JSON, CSV, Markdown, HTML, SVG) and the atomic writer
//   BellwetherHistory      the SQLite run history and its backfill
//   BellwetherBacktest     scoring a forecast against outcomes and published forecasts
//   BellwetherFit          priors estimated from past cycles (`bellwether fit`); names no cycle
//   BellwetherDistributed  shards, partials, merge, sweeps
//   BellwetherBench        the measurements behind `bellwether bench`
//   BellwetherSources      adapters for particular sources: the 2018 public tables, FiveThirtyEight's
//                          published forecasts, gzip, the shipped cycles a fit reads
//   bellwether             the command line: parses, calls, prints
let package = Package(
  name: "bellwether",
  products: [
    .library(name: "BellwetherEngine", targets: ["BellwetherEngine"]),
    .library(name: "BellwetherReports", targets: ["BellwetherReports"]),
    .executable(name: "bellwether", targets: ["bellwether"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // MARK: - System libraries
    // Debian's OpenBLAS (`apt-get install libopenblas-dev pkg-config`): CBLAS plus the LAPACK
    // Fortran symbols declared in shim.h. Only `BellwetherEngine/Numerics/Linear` imports it.
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "pkg-config"])]
    ),
    // zlib, to read gzipped published forecasts and to write draws.csv.gz (`Gzip.FileCompressor`, handed
    // to BellwetherReports' `DrawsCSV` by the command line). Only `BellwetherSources` imports it.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // The system SQLite (`apt-get install libsqlite3-dev`) for the run history. Only
    // `BellwetherHistory` imports it.
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),

    // MARK: - Layers
    .target(name: "BellwetherEngine", dependencies: ["CBLAS"]),
    .target(name: "BellwetherReports", dependencies: ["BellwetherEngine"]),
    .target(name: "BellwetherHistory", dependencies: ["BellwetherEngine", "BellwetherReports", "CSQLite"]),
    .target(name: "BellwetherBacktest", dependencies: ["BellwetherEngine", "BellwetherReports"]),
    .target(name: "BellwetherFit", dependencies: ["BellwetherEngine", "BellwetherReports"]),
    .target(name: "BellwetherDistributed", dependencies: ["BellwetherEngine", "BellwetherReports"]),
    .target(name: "BellwetherBench", dependencies: ["BellwetherEngine", "BellwetherReports"]),
    .target(
      name: "BellwetherSources",
      dependencies: ["BellwetherEngine", "BellwetherReports", "BellwetherBacktest", "BellwetherFit", "CZlib"]
    ),

    // MARK: - Command-line tool: parses, calls the core, prints
    .executableTarget(
      name: "bellwether",
      dependencies: [
        "BellwetherEngine", "BellwetherReports", "BellwetherHistory", "BellwetherBacktest", "BellwetherFit",
        "BellwetherDistributed", "BellwetherBench", "BellwetherSources",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Tests
    // One test target per layer, each depending only on the layers it tests (and what those need
    // to be built), all on TestSupport: the shared helpers (repository paths, the public data,
    // temporary folders, synthetic chambers and plans, the `slow` tag, the CLI process launcher).
    // The fast set, without the tests tagged slow: `BELLWETHER_FAST_TESTS=1 swift test`.
    .target(name: "TestSupport", dependencies: ["BellwetherEngine"], path: "Tests/TestSupport"),
    .testTarget(name: "BellwetherEngineTests", dependencies: ["BellwetherEngine", "TestSupport"]),
    // CBLAS: the forecast.json re-simulation (RecipeResimulationTests) multiplies its own Cholesky
    // factor by its own normals with OpenBLAS's dtrmm, so that 200,000 draws of 394 seats fit a debug build.
    .testTarget(name: "BellwetherReportsTests", dependencies: ["BellwetherReports", "BellwetherEngine", "TestSupport", "CBLAS"]),
    .testTarget(name: "BellwetherHistoryTests", dependencies: [
      "BellwetherHistory", "BellwetherReports", "BellwetherEngine", "TestSupport",
    ]),
    .testTarget(name: "BellwetherBacktestTests", dependencies: ["BellwetherBacktest", "BellwetherEngine", "TestSupport"]),
    .testTarget(name: "BellwetherFitTests", dependencies: ["BellwetherFit", "BellwetherEngine", "TestSupport"]),
    .testTarget(name: "BellwetherDistributedTests", dependencies: [
      "BellwetherDistributed", "BellwetherReports", "BellwetherEngine", "TestSupport",
    ]),
    .testTarget(name: "BellwetherBenchTests", dependencies: ["BellwetherBench", "BellwetherEngine", "TestSupport"]),
    .testTarget(name: "BellwetherSourcesTests", dependencies: [
      "BellwetherSources", "BellwetherBacktest", "BellwetherFit", "BellwetherEngine", "TestSupport",
    ]),
    .testTarget(name: "BellwetherCLITests", dependencies: ["bellwether", "BellwetherHistory", "BellwetherEngine", "TestSupport"]),
  ]
)
