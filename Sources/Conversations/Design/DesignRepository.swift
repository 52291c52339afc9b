import CoCreateCore
import DesignFiles
import EventStore
import Foundation
import Memberwise

/// A design a facilitator keeps on the server: made in the editor, forked from a run, or imported from
/// someone else's model file. It is kept as the design file's text, exactly what `cocreate design validate`
/// reads, so a design made in the browser and one made in a text editor are the same thing.
public struct SavedDesign: Codable, Sendable, Equatable {
    /// The account it belongs to; only that account sees it.
    public var owner: String
    public var name: String
    public var yaml: String
    public var savedAt: Int64
    /// The anonymised outcome of the run it was passed on with, when it came from a model file.
    public var outcome: ModelFile.Outcome?

    public init(owner: String, name: String, yaml: String, savedAt: Int64, outcome: ModelFile.Outcome? = nil) {
        self.owner = owner
        self.name = name
        self.yaml = yaml
        self.savedAt = savedAt
        self.outcome = outcome
    }

    /// The design the text describes. A saved design was checked before it was kept, so this reads.
    public var design: ConversationDesign? { try? DesignReader.read(yaml: yaml, file: "\(name).yaml") }
}

/// An account's own designs.
public protocol DesignRepository: Sendable {
    /// The account's designs, one per name (the latest save), by name.
    func designs(ownedBy owner: String) async throws -> [SavedDesign]
    func design(named name: String, ownedBy owner: String) async throws -> SavedDesign?
    /// Keeps `design`; a save under a name already kept replaces it, so callers ask first (see `SaveDesign`).
    func keep(_ design: SavedDesign) async throws
}

/// Designs kept as events in the reserved stream `_designs`, so they are backed up and replicated with
/// the conversations. Each save is a new event; the latest per owner and name is the design.
public struct EventStoreDesignRepository: DesignRepository {
    public static let stream = "_designs"
    let store: any EventStore

    public init(store: any EventStore) {
        self.store = store
    }

    private func all() async throws -> [SavedDesign] {
        try await store.readAll(Self.stream).compactMap { try? JSONDecoder().decode(SavedDesign.self, from: $0.payload) }
    }

    public func designs(ownedBy owner: String) async throws -> [SavedDesign] {
        var latest: [String: SavedDesign] = [:]
        for saved in try await all() where saved.owner == owner { latest[saved.name] = saved }
        return latest.values.sorted { $0.name < $1.name }
    }

    public func design(named name: String, ownedBy owner: String) async throws -> SavedDesign? {
        try await all().last { $0.owner == owner && $0.name == name }
    }

    public func keep(_ design: SavedDesign) async throws {
        let version = try await store.version(of: Self.stream)
        _ = try await store.append(
            [NewEvent(id: UUID(), type: "designSaved", payload: try JSONEncoder().encode(design), recordedAt: design.savedAt)],
            to: Self.stream, expected: .exactly(version))
    }
}

/// A design that cannot be kept, with every problem, each under the field path it belongs to
/// (`phases[2].minutes`), so the editor can put each message next to its field.
public struct DesignProblems: Error, Sendable, Equatable {
    public var issues: [DesignIssue]

    public init(_ issues: [DesignIssue]) {
        self.issues = issues
    }
}

/// Keeps a design for its owner. Nothing is replaced without asking: a design of the same name and
/// different content needs `replace`, and the same content again is a retry that changes nothing.
@PublicMemberwiseInit
public struct SaveDesign: Sendable {
    public var design: ConversationDesign
    public var replace: Bool = false
    public var outcome: ModelFile.Outcome?

    /// Returns what was kept.
    @discardableResult
    public func run(in designs: any DesignRepository, by owner: String, now: Int64) async throws -> SavedDesign {
        let issues = design.validate()
        guard issues.isEmpty else { throw DesignProblems(issues) }
        let text = DesignWriter.yaml(design)
        // What is kept must be what the CLI reads back, or the browser and the file would disagree.
        guard (try? DesignReader.read(yaml: text, file: "\(design.name).yaml")) == design else {
            throw DesignProblems([DesignIssue(path: "(file)", message: "the design does not read back the same from its file; nothing was kept")])
        }
        if let kept = try await designs.design(named: design.name, ownedBy: owner) {
            if kept.yaml == text { return kept }
            guard replace else {
                throw DesignProblems([DesignIssue(
                    path: "name", message: "you already have a design called \(design.name); choose another name, or tick \"Replace it\"")])
            }
        }
        let saved = SavedDesign(owner: owner, name: design.name, yaml: text, savedAt: now, outcome: outcome)
        try await designs.keep(saved)
        return saved
    }
}
