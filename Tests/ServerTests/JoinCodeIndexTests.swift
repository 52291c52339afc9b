import CoCreateCore
import Conversations
import DesignFiles
import EventStoreSQLite
import Foundation
import Testing
@testable import Server

/// Join codes are found through the index in the store, so a phone may join through any instance.
@Suite struct JoinCodeIndexTests {
    let store: SQLiteEventStore
    let log: ConversationLog

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cocreate-codes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteEventStore(path: folder.appendingPathComponent("codes.sqlite").path)
        log = ConversationLog(store: store)
    }

    @Test func aCodeRegisteredOnOneInstanceIsFoundByAnotherThroughTheIndexAlone() async throws {
        // No stream holds this conversation, so only the index can answer.
        await LiveRooms(log: log, codes: store).register(code: "KQ7M-P2XD", for: "c-indexed")
        let otherInstance = LiveRooms(log: log, codes: store)
        #expect(try await otherInstance.conversation(forCode: "kq7m p2xd") == "c-indexed")
    }

    @Test func aConversationThatReachedTheLogWithoutTheIndexIsFoundAndThenIndexed() async throws {
        let design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        // As an imported archive arrives: straight into the log, no code registered.
        try await log.append([.conversationCreated(ConversationCreated(joinCode: "WXYZ-2345", design: design, facilitator: "fran"))], to: "c-imported")
        #expect(try await store.value(for: LiveRooms.indexKey("WXYZ2345"), now: 0) == nil)

        #expect(try await LiveRooms(log: log, codes: store).conversation(forCode: "wxyz-2345") == "c-imported")
        let indexed = try await store.value(for: LiveRooms.indexKey("WXYZ2345"), now: 0)
        #expect(indexed.map { String(decoding: $0, as: UTF8.self) } == "c-imported")
    }

    @Test func anUnknownOrEmptyCodeFindsNothing() async throws {
        let design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        try await log.append([.conversationCreated(ConversationCreated(joinCode: "WXYZ-2345", design: design, facilitator: "fran"))], to: "c-other")
        let rooms = LiveRooms(log: log, codes: store)
        #expect(try await rooms.conversation(forCode: "AAAA-BBBB") == nil)
        #expect(try await rooms.conversation(forCode: " - ") == nil)
        #expect(try await rooms.conversation(forCode: "WXYZ-2345") == "c-other")
    }
}
