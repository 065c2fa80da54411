// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "bellwether",
  products: [
    .library(name: "BellwetherCore", targets: ["BellwetherCore"]),
    .executable(name: "bellwether", targets: ["bellwether"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // MARK: - System libraries
    // Debian's OpenBLAS (`apt-get install libopenblas-dev pkg-config`): CBLAS plus the LAPACK
    // Fortran symbols declared in shim.h. Only `BellwetherCore/Linear` imports it.
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "pkg-config"])]
    ),
    // zlib, to read gzipped published forecasts in backtests. Only `BellwetherCore/Backtest` imports it.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

    // The system SQLite (`apt-get install libsqlite3-dev`) for the run history. Only
    // `BellwetherCore/History` imports it.
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),

    // MARK: - Library: all the logic
    .target(
      name: "BellwetherCore",
      dependencies: ["CBLAS", "CZlib", "CSQLite"]
    ),

    // MARK: - Command-line tool: parses, calls the core, prints
    .executableTarget(
      name: "bellwether",
      dependencies: [
        "BellwetherCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Tests
    .testTarget(name: "BellwetherCoreTests", dependencies: ["BellwetherCore"]),
    .testTarget(name: "BellwetherCLITests", dependencies: ["bellwether", "BellwetherCore"]),
  ]
)
