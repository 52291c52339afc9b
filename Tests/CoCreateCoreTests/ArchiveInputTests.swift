import CoCreateCore
import Conversations
import EventStore
import Foundation
import Testing

/// An archive from elsewhere is checked before anything is written: ids, times and event ids.
@Suite struct ArchiveInputTests {
    /// A valid two-event archive of `stream`, as `cocreate export` writes it.
    func archive(stream: String, secondID: UUID = UUID(), at: String = "1700000001000") async throws -> Data {
        let envelopes = Array(EventScript.events(from: [0]).prefix(2))
        try #require(envelopes.count == 2)
        let store = InMemoryEventStore()
        try await ArchiveRoundTripTests.store(envelopes, into: store, stream: "c")
        var text = String(decoding: try EventArchive.export(try await store.readAll("c")), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"stream\":\"c\"", with: "\"stream\":\(String(decoding: try JSONEncoder().encode(stream), as: UTF8.self))")
        var lines = text.split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: envelopes[1].id.uuidString, with: secondID.uuidString)
        lines[1] = lines[1].replacingOccurrences(of: "\"at\":\(envelopes[1].at)", with: "\"at\":\(at)")
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    func failure(_ data: Data) -> EventArchive.ImportError? {
        do {
            _ = try EventArchive.parse(data, file: "in.jsonl")
            return nil
        } catch let error as EventArchive.ImportError {
            return error
        } catch {
            return nil
        }
    }

    @Test func aValidArchiveStillParses() async throws {
        #expect(failure(try await archive(stream: "c-fine_1")) == nil)
    }

    @Test(arguments: ["", "_accounts", "../x", "a\u{0}b", String(repeating: "x", count: 65), "caf\u{E9}"])
    func conversationIDsThatCannotNameAConversationAreRefusedWithTheirLine(id: String) async throws {
        let error = try #require(failure(try await archive(stream: id)))
        #expect(error.line == 1)
        #expect(error.description.hasPrefix("in.jsonl:1:"))
        #expect(error.message.contains("stream"))
    }

    @Test func timesPastInt64AndFractionsAreRefusedNotWrapped() async throws {
        for at in ["10000000000000000000", "1.5", "true"] {
            let error = try #require(failure(try await archive(stream: "c", at: at)), "at \(at)")
            #expect(error.line == 2)
            #expect(error.message.contains("\"at\""))
        }
    }

    @Test func aDuplicateEventIDIsReportedWithBothLines() async throws {
        let first = EventScript.events(from: [0])[0].id
        let error = try #require(failure(try await archive(stream: "c", secondID: first)))
        #expect(error.line == 2)
        #expect(error.message.contains("line 1"))
    }

    @Test func anImportUnderABadNewIDWritesNothing() async throws {
        let store = InMemoryEventStore()
        await #expect(throws: EventArchive.ImportError.self) {
            try await EventArchive.importArchive(try await archive(stream: "c"), file: "in.jsonl", into: store, as: "_accounts")
        }
        #expect(await store.streams().isEmpty)
    }
}
