import ArgumentParser
import CoCreateCore
import Conversations
import EventStore
import EventStoreSQLite
import Foundation

/// `cocreate bench store`: durable appends per second and replay speed of a large conversation.
struct BenchStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Measure durable appends per second and replay speed on the SQLite store.")

    @Option(help: "Single-event appends to time, each its own durable transaction.")
    var appends = 2_000

    @Option(help: "Events in the conversation that is replayed.")
    var events = 100_000

    @Option(help: "Folder for the throwaway database (default: a temporary folder).")
    var folder: String?

    func run() async throws {
        let base = folder.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let directory = base.appendingPathComponent("cocreate-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteEventStore(path: directory.appendingPathComponent("bench.sqlite").path)
        let log = ConversationLog(store: store)
        let workload = SyntheticConversation(participants: 40)

        // Durable single appends, as phones write them: one event, one fsync'd transaction.
        try await log.append([workload.created], to: "single")
        var state = try await log.append(workload.registrations, to: "single").state
        let single = workload.events(count: appends, startingAt: 0)
        let clock = ContinuousClock()
        let appendTime = try await clock.measure {
            // As the server does: each write starts from the state it already holds.
            for event in single { state = try await log.append([event], to: "single", cached: state).state }
        }
        let appendSeconds = appendTime.seconds
        print("durable single-event appends: \(appends) in \(format(appendSeconds)) s = \(Int(Double(appends) / appendSeconds)) appends/s (rules checked, SQLite WAL, synchronous=FULL)")

        // Raw store appends without the rules, in batches, to fill a big conversation fast.
        let batchTime = try await clock.measure {
            var written = 0
            let (type, payload) = try EventCodec.encode(workload.created)
            _ = try await store.append([NewEvent(id: UUID(), type: type, payload: payload, recordedAt: 0)], to: "big", expected: .noStream)
            let setup = try workload.registrations.map { try EventCodec.encode($0) }
            _ = try await store.append(setup.map { NewEvent(id: UUID(), type: $0.type, payload: $0.payload, recordedAt: 0) }, to: "big", expected: .any)
            written = 1 + setup.count
            while written < events {
                let count = min(1_000, events - written)
                let batch = try workload.events(count: count, startingAt: written).map { event -> NewEvent in
                    let (type, payload) = try EventCodec.encode(event)
                    return NewEvent(id: UUID(), type: type, payload: payload, recordedAt: Int64(written))
                }
                _ = try await store.append(batch, to: "big", expected: .any)
                written += count
            }
        }
        print("batched appends (1,000 per transaction): \(events) events in \(format(batchTime.seconds)) s = \(Int(Double(events) / batchTime.seconds)) events/s")

        var replayed = ConversationState(id: "big")
        let replayTime = try await clock.measure {
            replayed = try await log.state(of: "big")
        }
        print("replay (read, decode, fold) of \(replayed.version) events: \(format(replayTime.seconds)) s = \(Int(Double(replayed.version) / replayTime.seconds)) events/s; \(replayed.contributions.count) contributions, \(replayed.votes.values.reduce(0) { $0 + $1.count }) current votes")
    }

    private func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// A plausible conversation's events for benchmarks: contributions, votes and turns from 40 people.
struct SyntheticConversation {
    let participants: Int
    let design = ConversationDesign(
        name: "bench", title: "Benchmark", purpose: "Measure", whenToUse: "", questions: ["Why?"],
        stakeholderGroups: ["a", "b"], tableSize: 4,
        phases: [Phase(kind: .vote, title: "Vote", minutes: 10, voteMethod: .agreeDisagree, statements: (1...20).map { "Statement \($0)" })])

    var created: ConversationEvent {
        .conversationCreated(ConversationCreated(joinCode: "BENC-HMRK", design: design, facilitator: "bench"))
    }

    var registrations: [ConversationEvent] {
        (0..<participants).map { .participantRegistered(ParticipantRegistered(participantID: "p\($0)", name: "Person \($0)", group: $0 % 2 == 0 ? "a" : "b")) }
    }

    /// The `index`-th activity event: mostly votes, some contributions and turns.
    func events(count: Int, startingAt start: Int) -> [ConversationEvent] {
        (start..<(start + count)).map { index in
            let person = "p\(index % participants)"
            switch index % 10 {
            case 0, 1:
                return .contributionAdded(ContributionAdded(contributionID: "k\(index)", authorID: person, round: 1, table: index % 10, kind: .idea, text: "Idea number \(index) about making feedback faster and kinder"))
            case 2:
                return .turnTaken(TurnTaken(round: 1, table: index % 10, participantID: person, seconds: 40 + index % 30))
            default:
                return .voteCast(VoteCast(participantID: person, statementID: "p0s\(1 + index % 20)", vote: [Vote.agree, .disagree, .pass][index % 3]))
            }
        }
    }
}
