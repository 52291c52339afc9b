import CoCreateCore
import Conversations
import Foundation
import Testing

@Suite("Commitments: calendar, CSV, said vs done, results visibility")
struct CommitmentCalendarTests {
    static let design = EventScript.design

    static func state(_ events: [ConversationEvent], at: Int64 = 1_767_225_600_000) -> ConversationState {
        var state = ConversationState(id: "c1")
        for (index, event) in events.enumerated() {
            #expect(throws: Never.self) { try ConversationRules.check(event, against: state) }
            state.apply(EventEnvelope(id: UUID(), at: at + Int64(index) * 1000, event: event))
        }
        return state
    }

    static let sample: [ConversationEvent] = [
        .conversationCreated(ConversationCreated(joinCode: "ABCD-EFGH", design: design, facilitator: "fran")),
        .participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ada", group: "students")),
        .participantRegistered(ParticipantRegistered(participantID: "p2", name: "Bayo", group: "staff")),
        .commitmentMade(CommitmentMade(commitmentID: "m1", text: "Publish the minutes, with actions; owners\\dates", ownerIDs: ["p1"], due: "2026-02-28")),
        .commitmentMade(CommitmentMade(commitmentID: "m2", text: "=HYPERLINK(\"http://evil\")", ownerIDs: ["p2"], due: "2025-12-01")),
        .commitmentMade(CommitmentMade(commitmentID: "m3", text: "Talk to \"the\" council", ownerIDs: ["p1", "p2"], outsideOwners: ["Mayor"], due: nil)),
        .commitmentMade(CommitmentMade(commitmentID: "m4", text: "Old idea", ownerIDs: ["p2"], due: "2025-11-01")),
        .commitmentUpdated(CommitmentUpdated(commitmentID: "m1", status: .done, note: "+done", evidence: "https://example.org/minutes")),
        .commitmentUpdated(CommitmentUpdated(commitmentID: "m4", status: .dropped)),
    ]

    @Test func icsHasAllDayDatesStableUIDsEscapedTextAndCRLF() throws {
        let state = Self.state(Self.sample)
        let ics = CommitmentCalendar.ics(CommitmentCalendar.entries(state.commitments), calendarName: "Café, test", stamp: 1_767_225_600_000)
        // Every line ends in CRLF, and no bare LF.
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        let lines = unfolded.components(separatedBy: "\r\n")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3, "m3 has no due date")
        #expect(lines.contains("UID:m1@cocreate"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20260228"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20251201"))
        #expect(lines.contains("DTSTAMP:20260101T000000Z"))
        #expect(lines.contains(#"SUMMARY:Publish the minutes\, with actions\; owners\\dates"#))
        #expect(lines.contains(#"X-WR-CALNAME:Café\, test"#))
        // Folded at 75 octets.
        for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        // The same input gives the same bytes.
        #expect(ics == CommitmentCalendar.ics(CommitmentCalendar.entries(state.commitments), calendarName: "Café, test", stamp: 1_767_225_600_000))
        // For the Python check.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("test-output")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(ics.utf8).write(to: folder.appendingPathComponent("commitments.ics"))
    }

    @Test func longAndMultibyteLinesFoldWithoutSplittingCharacters() {
        let summary = String(repeating: "é", count: 100) + "\nnext"
        let ics = CommitmentCalendar.ics([.init(commitmentID: "x", summary: summary, due: "2026-03-01")], stamp: 0)
        for line in ics.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75)
            #expect(String(data: Data(line.utf8), encoding: .utf8) != nil)
        }
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + String(repeating: "é", count: 100) + "\\nnext"))
    }

    @Test func csvNeutralisesFormulasAndDoublesQuotes() {
        let state = Self.state(Self.sample)
        let csv = CommitmentTable.csv(state)
        #expect(csv.hasPrefix("id,commitment,owners"))
        #expect(csv.contains(#""'=HYPERLINK(""http://evil"")""#))
        #expect(csv.contains(#""Talk to ""the"" council""#))
        #expect(csv.contains(#""'+done""#))
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func saidVsDoneCountsByStatusOverdueAndGroup() {
        let state = Self.state(Self.sample)
        let summary = SaidVsDone.summarise(state, today: "2026-01-15")
        #expect(summary.total.made == 4)
        #expect(summary.total.done == 1)
        #expect(summary.total.dropped == 1)
        #expect(summary.total.notStarted == 2)
        #expect(summary.total.overdue == 1, "m2 is past due and open; m4 is dropped; m1 is done")
        let staff = summary.byGroup.first { $0.group == "staff" }
        #expect(staff?.counts.made == 3)
        #expect(staff?.counts.overdue == 1)
        #expect(summary.byGroup.map(\.group) == ["outside the room", "staff", "students"])
        #expect(SaidVsDone.summarise(state, today: "2025-01-01").total.overdue == 0)
    }

    @Test func resultsVisibilityDefaultsToParticipantsAndRoundTripsThroughTheCodec() throws {
        var state = Self.state(Self.sample)
        #expect(state.resultsVisibility == .participants)
        let event = ConversationEvent.resultsVisibilitySet(ResultsVisibilitySet(visibility: .public))
        let (type, payload) = try EventCodec.encode(event)
        #expect(type == "resultsVisibilitySet")
        #expect(String(decoding: payload, as: UTF8.self) == #"{"visibility":"public"}"#)
        #expect(try EventCodec.decode(type: type, payload: payload) == event)
        state.apply(EventEnvelope(id: UUID(), at: 0, event: .conversationClosed(ConversationClosed())))
        try ConversationRules.check(event, against: state)
        state.apply(EventEnvelope(id: UUID(), at: 0, event: event))
        #expect(state.resultsVisibility == .public)
    }
}
