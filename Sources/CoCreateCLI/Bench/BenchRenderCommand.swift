import ArgumentParser
import CoCreateCore
import DesignFiles
import Foundation
import Server

/// `cocreate bench render`: how long each live view of a full room takes to render, the work every change
/// costs the server once per screen that shows it.
struct BenchRenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Measure how fast the live views of a full room render (phone, projector, console).")

    @Option(help: "People in the room, seated at tables of 4, each with one idea and a vote on every statement.")
    var participants = 40

    @Option(help: "Statements put to the vote.")
    var statements = 3

    @Option(help: "Renders of each view to time.")
    var renders = 2_000

    func run() async throws {
        let state = try Self.room(participants: participants, statements: statements)
        print("a room of \(participants) at tables of 4, \(participants) ideas, \(statements) statements, \(participants * statements) votes (version \(state.version))")
        let now = state.version + 1_000
        measure("phone", bytes: LiveViewRenderer.phone(state, participant: "p0", now: now).utf8.count) { index in
            LiveViewRenderer.phone(state, participant: "p\(index % participants)", now: now)
        }
        measure("projector", bytes: LiveViewRenderer.screen(state, now: now).utf8.count) { _ in LiveViewRenderer.screen(state, now: now) }
        measure("console", bytes: LiveViewRenderer.console(state, now: now).utf8.count) { _ in LiveViewRenderer.console(state, now: now) }
    }

    private func measure(_ name: String, bytes: Int, _ render: (Int) -> String) {
        var total = 0
        let elapsed = ContinuousClock().measure {
            for index in 0..<renders { total &+= render(index).utf8.count }
        }
        let microseconds = elapsed.seconds * 1_000_000 / Double(renders)
        let label = name.padding(toLength: 10, withPad: " ", startingAt: 0)
        print("\(label) \(String(format: "%7.1f", microseconds)) µs per render, \(Int(Double(renders) / elapsed.seconds)) renders/s, \(bytes) bytes")
        precondition(total > 0)
    }

    /// A room as the load test leaves it: seated, the first phase running, everyone has spoken and voted.
    static func room(participants: Int, statements: Int) throws -> ConversationState {
        guard let design = try DesignLibrary.design(named: "cooperative-knowledge-cafe") else { throw ValidationError("the built-in design is missing") }
        var state = ConversationState(id: "bench")
        var version: Int64 = 0
        func apply(_ event: ConversationEvent) {
            version += 1
            state.apply(EventEnvelope(id: UUID(), at: version, event: event))
        }
        let people = (0..<participants).map { "p\($0)" }
        apply(.conversationCreated(ConversationCreated(joinCode: "BENC-HMRK", design: design, facilitator: "bench")))
        for (index, id) in people.enumerated() {
            apply(.participantRegistered(ParticipantRegistered(participantID: id, name: "Person \(index)", group: ["student", "staff"][index % 2])))
        }
        let roles: [TableRole?] = [.host, .scribe, .timekeeper, .reporter]
        let tables = stride(from: 0, to: participants, by: 4).enumerated().map { table, start in
            SeatedTable(table: table + 1, seats: people[start..<min(start + 4, participants)].enumerated().map { Seat(participantID: $1, role: roles[$0]) })
        }
        apply(.seatingPublished(SeatingPublished(fromRound: 1, rounds: [SeatedRound(round: 1, tables: tables)])))
        apply(.phaseStarted(PhaseStarted(phaseIndex: 0, seconds: 600)))
        for (index, id) in people.enumerated() {
            apply(.participantArrived(ParticipantRef(participantID: id)))
            apply(.contributionAdded(ContributionAdded(contributionID: "k\(index)", authorID: id, round: 1, table: index / 4 + 1, kind: .idea,
                                                       text: "Idea \(index): pair every new student with a mentor from another year")))
        }
        for number in 1...max(1, statements) {
            apply(.statementAdded(StatementAdded(statementID: "s\(number)", text: "Statement \(number): we should meet across roles every term")))
            for (index, id) in people.enumerated() {
                apply(.voteCast(VoteCast(participantID: id, statementID: "s\(number)", vote: [Vote.agree, .disagree, .pass][(index + number) % 3])))
            }
        }
        return state
    }
}
