// swift-tools-version: 6.1
// Bellwether's benchmark harness (ordo-one/benchmark), a package of its own so that the root
// package's `swift build` and `swift test` never build it. Run from this folder:
//
//     swift package benchmark                      # every suite
//     swift package benchmark --target DrawKernelBlock
//     swift package benchmark thresholds check     # against Thresholds/ (static p90 thresholds)
//
// See docs/performance.md.
import PackageDescription

import struct Foundation.URL

// A path dependency's identity is its folder's name (the repository's clone folder), so it is
// read from where this manifest lives rather than assumed.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let bellwether = root.lastPathComponent

let package = Package(
  name: "BellwetherBenchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // Shared workload: the default config, resolved relative to the repository.
    .target(
      name: "BenchmarkSupport",
      dependencies: [.product(name: "BellwetherEngine", package: bellwether)],
      path: "Support"
    )
  ]
)

// One executable target per suite, in Benchmarks/<Suite>/<Suite>.swift (the plugin finds suites
// by that layout).
for suite in ["ConditionalEstimator", "DefaultRun", "DrawKernelBlock", "Factorization", "LargeChamberSetup", "ReportAggregation"] {
  package.targets.append(
    .executableTarget(
      name: suite,
      dependencies: [
        "BenchmarkSupport",
        .product(name: "BellwetherEngine", package: bellwether),
        .product(name: "BellwetherReports", package: bellwether),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: suite,
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
}
