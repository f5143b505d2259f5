// swift-tools-version:6.0
import PackageDescription

/// Settings every Sightline target shares: Swift 6 language mode (the tools-version default),
/// strict concurrency, and `any` spelled out for existentials.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "sightline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sightline", targets: ["sightline"]),
        .library(name: "Domain", targets: ["Domain"]),
        .library(name: "X12", targets: ["X12"]),
        .library(name: "Billing", targets: ["Billing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.52.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.4.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        // Already in the graph through Vapor; named for the SMTP client (docs/decisions/0002-smtp-over-nio.md).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
    ],
    targets: [
        // Pure rules and value types: Foundation only.
        .target(name: "Domain", swiftSettings: strictSettings),
        // Pure X12 syntax: Foundation only.
        .target(name: "X12", swiftSettings: strictSettings),
        // Pure mapping of transaction sets to Domain facts.
        .target(name: "Billing", dependencies: ["Domain", "X12"], swiftSettings: strictSettings),
        // Pure generator of believable synthetic billing files (837P, 277CA, 835, payment CSV).
        .target(name: "Synth", dependencies: ["Domain"], swiftSettings: strictSettings),
        .target(
            name: "Persistence",
            dependencies: [
                "Domain", "X12", "Billing",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        // The demo workspace `serve --demo` builds: believable history on top of the stores and Synth's files.
        .target(
            name: "Demo",
            dependencies: ["Domain", "Persistence", "Synth", .product(name: "FluentKit", package: "fluent-kit")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Web",
            dependencies: [
                "Domain", "Persistence", "Demo",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Resources/Views"), .copy("Resources/Assets"), .copy("Resources/openapi.json")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "sightline",
            dependencies: [
                "Domain", "X12", "Billing", "Synth", "Persistence", "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Shared test setup: a fresh database per test (SQLite file, or a PostgreSQL schema when
        // DATABASE_URL is set), offered as a Swift Testing trait.
        .target(
            name: "SightlineTestSupport",
            dependencies: ["Persistence", .product(name: "VaporTesting", package: "vapor")],
            path: "Tests/SightlineTestSupport",
            swiftSettings: strictSettings
        ),
        // The libFuzzer target for the reader (docs/fuzzing.md); built normally it replays inputs.
        .executableTarget(name: "sightline-fuzz", dependencies: ["Billing", "X12"], swiftSettings: strictSettings),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: strictSettings),
        .testTarget(name: "X12Tests", dependencies: ["X12"], swiftSettings: strictSettings),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "Billing", "Domain", "X12"], swiftSettings: strictSettings),
        .testTarget(name: "BillingTests", dependencies: ["Billing", "Domain", "X12"], swiftSettings: strictSettings),
        .testTarget(
            name: "PersistenceTests",
            dependencies: ["Persistence", "Demo", "SightlineTestSupport", .product(name: "VaporTesting", package: "vapor"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WebTests",
            dependencies: ["Web", "Persistence", "Synth", "SightlineTestSupport", .product(name: "VaporTesting", package: "vapor")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "sightlineTests", dependencies: ["sightline", "SightlineTestSupport"], swiftSettings: strictSettings),
    ]
)
