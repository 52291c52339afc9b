import EventStoreSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Server

/// A facilitator's command decides on the room as the store holds it, not on what this instance has been told.
/// Two stores on one SQLite file are two instances that never notify each other: without a fresh read, the
/// seating instance would never learn of the people registered through the other.
struct CrossInstanceCommandTests {
    @Test func seatingCountsPeopleRegisteredThroughAnotherInstanceAMomentAgo() async throws {
        let first = try await TestApp()
        let secondStore = try SQLiteEventStore(path: first.path)
        let second = try await buildApplication(AppConfiguration(port: 0, logLevel: .error), store: secondStore)
        try await first.run { browserOnFirst in
            let csrf = try await browserOnFirst.signIn()
            let (id, _) = try await browserOnFirst.createConversation(csrf: csrf)
            // The first instance has the room open, with nobody in it yet.
            #expect(try await browserOnFirst.get("/conversations/\(id)").status == .ok)

            try await second.test(.router) { client in
                let browserOnSecond = Browser(client: client)
                let secondCSRF = try await browserOnSecond.signIn()
                let people = (1...12).map { "p\($0),Person \($0)" }.joined(separator: "\n")
                let registered = try await browserOnSecond.post("/conversations/\(id)/people", form: ["_csrf": secondCSRF, "csv": "id,name\n" + people], json: true)
                #expect(registered.status == .ok, "\(registered.text)")
            }

            let seated = try await browserOnFirst.post("/conversations/\(id)/seating", form: ["_csrf": csrf, "seed": "1"], json: true)
            #expect(seated.status == .ok, "\(seated.text)")
            let tables = (seated.json?["view"] as? [String: Any])?["tables"] as? [[String: Any]] ?? []
            #expect(tables.flatMap { $0["members"] as? [[String: Any]] ?? [] }.count == 12)
        }
    }
}
