import CoCreateCore
import Conversations
import DesignFiles
import EventStore
import EventStoreSQLite
import Foundation
import HTTPTypes
import Testing
@testable import Server

/// Hostile input gets a clear refusal and leaves nothing behind (issue 16).
@Suite struct HardeningTests {
    @Test func anOversizedFormIs413AndAPeopleUploadMayBeLarger() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, code) = try await browser.createConversation(csrf: csrf)
            let big = String(repeating: "x", count: 100 * 1024)
            let join = try await browser.stranger().post("/c/\(code)/join", form: ["name": big])
            #expect(join.status == .contentTooLarge)
            #expect(join.text.contains("64 KiB"))
            // 200 KiB of people is over a form's bound but well inside an upload's.
            let people = "name,group\n" + (1...10_000).map { "Person \($0),staff" }.joined(separator: "\n")
            #expect(people.utf8.count > 64 * 1024)
            let upload = try await browser.postMultipart("/conversations/\(id)/people", fields: ["_csrf": csrf], files: ["people": ("people.csv", people)])
            #expect(upload.status != .contentTooLarge)
            let huge = try await browser.postMultipart("/conversations/\(id)/people", fields: ["_csrf": csrf],
                                                       files: ["people": ("people.csv", String(repeating: "Name\n", count: 250_000))])
            #expect(huge.status == .contentTooLarge)
        }
    }

    @Test func publicFilesAreServedOnlyByTheirExactName() async throws {
        try await TestApp().run { browser in
            let css = try await browser.get("/public/app.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            for path in ["/public/app.css%00.html", "/public/app.css%2500.html", "/public/..%2fPackage.swift", "/public/nothing.js", "/public/"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path) answered \(page.status)")
                #expect(page.headers[.contentType]?.hasPrefix("text/html") != true || page.status == .notFound)
            }
        }
    }

    @Test func theDatabaseIsReadForReadiness() async throws {
        try await TestApp().run { browser in
            let ready = try await browser.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.text == "ready")
        }
    }

    @Test func requestsForUnknownConversationsLeaveNoHubBehind() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cocreate-hubs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("hubs.sqlite").path)
        let log = ConversationLog(store: store)
        let design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        try await log.append([.conversationCreated(ConversationCreated(joinCode: "WXYZ-2345", design: design, facilitator: "fran"))], to: "c-real")
        let rooms = LiveRooms(log: log, codes: store)
        for index in 0..<200 {
            #expect(try await rooms.existingHub(for: "c-made-up-\(index)") == nil)
        }
        #expect(await rooms.hubCount == 0)
        #expect(try await rooms.existingHub(for: "c-real") != nil)
        #expect(await rooms.hubCount == 1)
    }

    @Test func hubsNobodyUsesAreEvicted() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cocreate-idle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("idle.sqlite").path)
        let clock = Mutex<Int64>(1_700_000_000_000)
        let effects = Effects(now: { clock.withLock { $0 } }, newID: { UUID() }, randomBytes: Effects.live.randomBytes)
        let log = ConversationLog(store: store, effects: effects)
        let design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        for id in ["c-a", "c-b"] {
            try await log.append([.conversationCreated(ConversationCreated(joinCode: "CODE-\(id)", design: design, facilitator: "fran"))], to: id)
        }
        let rooms = LiveRooms(log: log, codes: store)
        let watched = try #require(try await rooms.existingHub(for: "c-a"))
        let (watchID, _) = await watched.watch()
        _ = try await rooms.existingHub(for: "c-b")
        #expect(await rooms.hubCount == 2)
        clock.withLock { $0 += 11 * 60 * 1000 }
        // The next request sweeps: the watched room stays, the idle one goes.
        _ = try await rooms.existingHub(for: "c-a")
        #expect(await rooms.hubCount == 1)
        await watched.stopWatching(watchID)
    }

    @Test func theGuessThrottleSlowsWrongGuessesButNotKnownCodes() async {
        let throttle = GuessThrottle(burst: 3, refillPerSecond: 0.5)
        let start: Int64 = 1_000_000
        #expect(await throttle.admits("10.0.0.1", key: "code:ROOM", now: start))
        await throttle.record("10.0.0.1", key: "code:ROOM", found: true, now: start)
        for guess in 0..<3 {
            #expect(await throttle.admits("10.0.0.1", key: "code:G\(guess)", now: start))
            await throttle.record("10.0.0.1", key: "code:G\(guess)", found: false, now: start)
        }
        // Out of tokens: any code it has not used waits, right or wrong; the room's code does not.
        #expect(await !throttle.admits("10.0.0.1", key: "code:OTHER", now: start))
        #expect(await throttle.admits("10.0.0.1", key: "code:ROOM", now: start))
        // Another address is untouched, and the bucket refills at one guess every 2 s.
        #expect(await throttle.admits("10.0.0.2", key: "code:OTHER", now: start))
        #expect(await !throttle.admits("10.0.0.1", key: "code:OTHER", now: start + 1_000))
        #expect(await throttle.admits("10.0.0.1", key: "code:OTHER", now: start + 2_000))
    }

    @Test func aFacilitatorRaisesTheRoomsCapacityThroughTheAPI() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, code) = try await browser.createConversation(csrf: csrf)
            let headers: HTTPFields = [HTTPField.Name("X-CSRF-Token")!: csrf]
            #expect(try await browser.postJSON("/api/v1/conversations/\(id)/capacity", ["maximumParticipants": 1], headers: headers).status == .ok)
            #expect(try await browser.stranger().postJSON("/api/v1/join", ["code": code, "name": "First"]).status == .created)
            let second = try await browser.stranger().postJSON("/api/v1/join", ["code": code, "name": "Second"])
            #expect(second.status == .unprocessableContent)
            #expect(second.text.contains("the room is full"))
            #expect(try await browser.postJSON("/api/v1/conversations/\(id)/capacity", ["maximumParticipants": 2], headers: headers).status == .ok)
            #expect(try await browser.stranger().postJSON("/api/v1/join", ["code": code, "name": "Second"]).status == .created)
        }
    }
}
