// swift-tools-version: 6.0
// capplan: an interactive planning shell for the capacity of AI inference and training fleets.
// Layers (design.md): CapPlan (pure domain) <- CapShell (language, session, rendering) <- capplan
// (terminal). CLibEdit wraps the system libedit and is imported by the executable only.
import PackageDescription

let package = Package(
    name: "capplan",
    products: [
        .executable(name: "capplan", targets: ["capplan"]),
        .library(name: "CapPlan", targets: ["CapPlan"]),
        .library(name: "CapShell", targets: ["CapShell"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML for `export hpa|keda` (Kubernetes manifests): quoting and structure done right.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Deque (the simulators' waiting lines, the autoscalers' sliding windows) and
        // OrderedDictionary (the session's workloads and variables, in the order added).
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            path: "Sources/CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(
            name: "CapPlan",
            dependencies: [
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            resources: [.embedInCode("Resources/catalog.json")]
        ),
        .target(
            name: "CapShell",
            dependencies: [
                "CapPlan",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "capplan",
            dependencies: [
                "CapShell",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Compute-only timings for scripts/bench (not installed; no shell, no terminal).
        .executableTarget(name: "capplan-bench", dependencies: ["CapPlan"]),
        .testTarget(name: "CapPlanTests", dependencies: ["CapPlan"]),
        .testTarget(name: "CapShellTests", dependencies: ["CapShell", "CapPlan", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "EndToEndTests", dependencies: ["capplan"]),
    ]
)
