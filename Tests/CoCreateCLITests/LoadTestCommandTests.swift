import Foundation
import Testing

/// `cocreate loadtest` run small, as a user would: it starts real servers, opens real WebSockets and reads
/// the logs back. These are behaviour tests (every write reaches every other phone, nothing lost); the
/// figures that matter come from the full-size run in the note, never from a test.
@Suite(.serialized) struct LoadTestCommandTests {
    struct Report: Decodable {
        struct Percentiles: Decodable { var count: Int }
        var writesAcknowledged, writesFailed, deliveries, missedDeliveries, lostEvents, duplicatedEvents, errors: Int
        var acknowledgedBeforeLogged, conversationsWithGaps, phonesConnectedPeak, phonesConnectedAtEnd, reconnectAttempts, retries: Int
        var serverConnectedClients: [Int?]
        var crossInstanceFanOut: Percentiles?
        var loggedEvents: Int
    }

    static func loadtest(_ arguments: [String]) throws -> (CLIProcess.Output, Report?) {
        let output = try CLIProcess.run(["loadtest", "--json", "--contribution-seconds", "1", "--burst-seconds", "2"] + arguments)
        return (output, try? JSONDecoder().decode(Report.self, from: Data(output.stdout.utf8)))
    }

    static let postgresURL = ProcessInfo.processInfo.environment["COCREATE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    @Test func onSQLiteEveryWriteReachesEveryOtherPhoneAndTheLogHasEachOnce() throws {
        let (output, report) = try Self.loadtest(["--conversations", "2", "--participants", "6"])
        let figures = try #require(report, "no JSON report: \(output.stderr)")
        #expect(output.status == 0, "\(output.stderr)")
        // 12 phones, each one contribution and one vote. Every write shows on its conversation's projector and
        // console; a contribution also on the writer's tablemates' phones (at least one at tables of 3 or more).
        #expect(figures.writesAcknowledged == 24)
        #expect(figures.deliveries >= 24 * 2 + 12)
        #expect(figures.missedDeliveries == 0 && figures.lostEvents == 0 && figures.duplicatedEvents == 0)
        #expect(figures.acknowledgedBeforeLogged == 0 && figures.conversationsWithGaps == 0)
        #expect(figures.loggedEvents >= 24 + 2 * 4)
        #expect(figures.phonesConnectedPeak == 16)
        #expect(figures.serverConnectedClients == [16])
        #expect(figures.errors == 0)
    }

    @Test func severalInstancesNeedPostgreSQL() throws {
        let output = try CLIProcess.run(["loadtest", "--instances", "2"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--instances 2 needs --database postgres://"))
    }

    @Test(.enabled(if: postgresURL != nil, "COCREATE_TEST_POSTGRES_URL is not set"))
    func twoInstancesOnPostgreSQLShowEachOthersWrites() throws {
        let (output, report) = try Self.loadtest(["--conversations", "2", "--participants", "6", "--instances", "2", "--database", Self.postgresURL!])
        let figures = try #require(report, "no JSON report: \(output.stderr)")
        #expect(output.status == 0, "\(output.stderr)")
        #expect(figures.serverConnectedClients == [8, 8])
        #expect(figures.deliveries >= 24 * 2 + 12)
        // Each conversation's projector and console are on different instances, so every write crosses at least once.
        #expect((figures.crossInstanceFanOut?.count ?? 0) >= 24)
        #expect(figures.errors == 0 && figures.lostEvents == 0 && figures.duplicatedEvents == 0)
    }

    @Test(.enabled(if: postgresURL != nil, "COCREATE_TEST_POSTGRES_URL is not set"))
    func killingAnInstanceMidBurstMovesItsPhonesAndLosesNothingAcknowledged() throws {
        let (output, report) = try Self.loadtest([
            "--conversations", "2", "--participants", "6", "--instances", "2", "--database", Self.postgresURL!, "--kill-one-instance",
        ])
        let figures = try #require(report, "no JSON report: \(output.stderr)")
        #expect(output.status == 0, "\(output.stderr)")
        #expect(figures.serverConnectedClients.count == 2 && figures.serverConnectedClients[0] == nil)
        #expect(figures.serverConnectedClients[1] == 16)
        #expect(figures.reconnectAttempts >= 8)
        #expect(figures.phonesConnectedAtEnd == 16)
        #expect(figures.writesAcknowledged + figures.writesFailed == 24)
        #expect(figures.writesFailed == 0 && figures.lostEvents == 0 && figures.duplicatedEvents == 0 && figures.missedDeliveries == 0)
    }
}
