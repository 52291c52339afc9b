import EventStore
import EventStorePostgres
import EventStoreTestSupport
import Testing

@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test func parsesEveryPart() throws {
        let url = try PostgresURL("postgres://ann:s%40cret@db.example:6543/co%20create?sslmode=require")
        #expect(url == PostgresURL(
            host: "db.example", port: 6543, username: "ann", password: "s@cret", database: "co create", tlsMode: .require))
    }

    @Test func defaultsPortAndTLSAndAcceptsBothSchemes() throws {
        let url = try PostgresURL("postgresql://ann@localhost/events")
        #expect(url.port == 5432)
        #expect(url.password == nil)
        #expect(url.tlsMode == .prefer)
    }

    @Test func descriptionHidesThePassword() throws {
        let url = try PostgresURL("postgres://ann:hunter2@localhost:5432/events?sslmode=disable")
        #expect(url.description == "postgres://ann:***@localhost:5432/events?sslmode=disable")
    }

    @Test("errors name what is wrong", arguments: [
        ("mysql://ann@localhost/events", "does not start with postgres://"),
        ("postgres://ann@/events", "names no host"),
        ("postgres://localhost/events", "names no user"),
        ("postgres://ann:pw@localhost:5432", "names no database"),
        ("postgres://ann:pw@localhost:5432/", "names no database"),
        ("postgres://ann@localhost/events?sslmode=sometimes", "sslmode=sometimes is not one of"),
        ("postgres://ann@localhost/events?timeout=3", "unknown URL parameter timeout"),
        ("postgres://ann:pw@localhost:99999/events", "outside 1...65535"),
    ])
    func errorsNameWhatIsWrong(input: String, message: String) {
        #expect {
            try PostgresURL(input)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func errorsNeverShowThePassword() {
        #expect {
            try PostgresURL("postgres://ann:hunter2@/events")
        } throws: { error in
            !"\(error)".contains("hunter2") && "\(error)".contains("ann:***@")
        }
    }
}

@Suite("PostgreSQL store without a server")
struct PostgresUnreachableTests {
    @Test func unreachableServerFailsStartQuicklyAndSaysWhy() async throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let store = try PostgresEventStore(url: "postgres://nobody:pw@127.0.0.1:1/none?sslmode=disable")
        let running = Task { try await store.run() }
        defer { running.cancel() }
        let error = await #expect(throws: EventStoreError.self) { try await store.waitUntilReady() }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("cannot prepare the database postgres://nobody:***@127.0.0.1:1/none"))
        #expect(!message.contains(":pw@"))
        await #expect(throws: EventStoreError.self) { try await store.append(EventStoreConformance.events(1), to: "s", expected: .any) }
    }
}
