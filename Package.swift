// swift-tools-version:6.1
import CompilerPluginSupport
import PackageDescription

/// Targets are layered so imports point one way:
/// CoCreateCore, Seating, Harvest and EventStore know nothing of I/O frameworks;
/// only the store adapters import GRDB or PostgresNIO; only Server and the CLI import Hummingbird.
let package = Package(
    name: "cocreate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cocreate", targets: ["cocreate"]),
        .library(name: "CoCreateCore", targets: ["CoCreateCore"]),
        .library(name: "Seating", targets: ["Seating"]),
        .library(name: "Harvest", targets: ["Harvest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.2.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.60.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.20.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.1.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax.git", from: "603.0.0"),
    ],
    targets: [
        // MARK: Pure domain
        // `@PublicMemberwiseInit`: the public initialiser of a public record, written by the compiler
        // instead of by hand in every struct other modules build.
        .macro(
            name: "MemberwiseMacros",
            dependencies: [
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ]
        ),
        .target(name: "Memberwise", dependencies: ["MemberwiseMacros"]),
        .target(name: "CoCreateCore", dependencies: ["Memberwise"]),
        .target(
            name: "DesignFiles",
            dependencies: ["CoCreateCore", "Memberwise", .product(name: "Yams", package: "Yams")]
        ),
        // The one CSV reader and the one formula-safe CSV writer, for people files, plans and exports.
        .target(name: "CSVFiles", dependencies: ["Memberwise"]),
        // Small pure pieces the engines share: the seeded generator and HTML escaping.
        .target(name: "Basics"),
        .target(name: "Seating", dependencies: ["CSVFiles", "Basics", "Memberwise"]),
        .target(name: "QRCode", dependencies: ["Basics"]),
        .target(name: "Harvest", dependencies: ["CSVFiles", "Basics", "Memberwise"]),

        // MARK: Storage
        .target(name: "EventStore", dependencies: ["Memberwise"]),
        .target(
            name: "EventStoreSQLite",
            dependencies: ["EventStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "EventStorePostgres",
            dependencies: ["EventStore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(name: "EventStoreTestSupport", dependencies: ["EventStore"]),
        // The bridge between the domain and the store, shared by the server and the CLI.
        // The application layer: every action as one typed command, grouped by stage (Design, Seat, Run,
        // Harvest, Act, Access), over the log; the server, the API and the CLI all call it.
        .target(name: "Conversations", dependencies: ["CoCreateCore", "Memberwise", "CSVFiles", "DesignFiles", "Seating", "EventStore", "Harvest"]),

        // MARK: Delivery
        .target(
            name: "Server",
            dependencies: [
                "CoCreateCore", "DesignFiles", "Seating", "Harvest", "EventStore", "Conversations", "QRCode",
                .product(name: "Hummingbird", package: "hummingbird"),
                // Its child channel protocol, to put a connection guard in front of every connection.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Templates"), .copy("Public"), .copy("Strings")]
        ),
        // A client of the server's public HTTP and WebSocket interface, for `cocreate loadtest`;
        // it knows nothing of the server's insides.
        .target(
            name: "LoadGenerator",
            dependencies: [
                "Memberwise",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "CoCreateCLI",
            dependencies: [
                "CoCreateCore", "CSVFiles", "DesignFiles", "Seating", "Harvest", "EventStore", "EventStoreSQLite", "EventStorePostgres", "Conversations", "Server", "LoadGenerator",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(name: "cocreate", dependencies: ["CoCreateCLI"]),

        // MARK: Tests mirror the targets
        .testTarget(
            name: "CoCreateCoreTests",
            dependencies: ["CoCreateCore", "CSVFiles", "Conversations", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "DesignFilesTests", dependencies: ["DesignFiles"]),
        .testTarget(
            name: "MemberwiseMacrosTests",
            dependencies: ["MemberwiseMacros", .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax")]
        ),
        .testTarget(
            name: "SeatingTests",
            dependencies: ["Seating", "Basics", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "HarvestTests", dependencies: ["Harvest", "CSVFiles"]),
        .testTarget(name: "CSVFilesTests", dependencies: ["CSVFiles", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "EventStoreSQLiteTests", dependencies: ["EventStoreSQLite", "EventStoreTestSupport"]),
        .testTarget(name: "EventStorePostgresTests", dependencies: ["EventStorePostgres", "EventStoreTestSupport"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Conversations", "CSVFiles", "Seating", "EventStore", "EventStoreSQLite", "DesignFiles",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "CoCreateCLITests", dependencies: ["CoCreateCLI", "CSVFiles", "Harvest", "CoCreateCore", "Conversations", "DesignFiles", "EventStoreSQLite"]),
    ]
)
