import Foundation
import Histogram

/// The figures of one load test, as printed and as `--json`.
public struct LoadReport: Codable, Sendable {
    /// Latencies in milliseconds.
    public struct Percentiles: Codable, Sendable {
        public var count: Int
        public var p50: Double
        public var p95: Double
        public var p99: Double
        public var max: Double
    }

    public var instances: Int
    public var conversations: Int
    public var participants: Int
    public var phonesJoined: Int
    /// One projector and one facilitator console per conversation, watching too.
    public var screens: Int
    public var joinSeconds: Double
    /// The most WebSockets open at once, counted by the phones.
    public var phonesConnectedPeak: Int
    /// Phones still connected when the run ended (after any instance was killed and they moved).
    public var phonesConnectedAtEnd: Int
    /// `cocreate_connected_clients` read from each instance's `/metrics` at the end; nil where it was gone.
    public var serverConnectedClients: [Int?]
    public var writesAcknowledged: Int
    public var writesFailed: Int
    public var firstFailures: [String]
    public var retries: Int
    public var burstWrites: Int
    public var burstSeconds: Double
    public var burstEventsPerSecond: Double
    /// Every screen that shows an acknowledged write showing it: the conversation's projector and console
    /// for every write, and the phones at the writer's table for a contribution. (A phone is not sent
    /// other people's votes, or other tables' ideas.)
    public var deliveries: Int
    public var missedDeliveries: Int
    public var fanOut: Percentiles
    /// The same, for the votes of the burst only.
    public var burstFanOut: Percentiles
    /// From sending a write to its acknowledgement.
    public var writeLatency: Percentiles
    /// Deliveries where the writer and the reader were on different instances.
    public var crossInstanceFanOut: Percentiles?
    public var viewsReceived: Int
    public var connectionErrors: Int
    public var reconnectAttempts: Int
    public var loggedEvents: Int
    public var lostEvents: Int
    public var duplicatedEvents: Int
    public var acknowledgedBeforeLogged: Int
    public var conversationsWithGaps: Int
    public var totalSeconds: Double

    /// Everything that went wrong: zero for a clean run.
    public var errors = 0

    static func measure(
        plan: LoadPlan, phones: [SimulatedPhone], screens: [SimulatedPhone], acknowledged: [Writes.Acknowledged], landed: [UUID: Int64], failedWrites: [String],
        tally: LoadTally.Counts, phonesConnectedAtEnd: Int, serverConnectedClients: [Int?], joinSeconds: Double,
        burstSeconds: Double, burstWrites: Int, logCheck: LogCheck, totalSeconds: Double
    ) -> LoadReport {
        var all = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        var cross = all
        var burst = all
        var acknowledgement = all
        var missed = 0
        let phonesByConversation = Dictionary(grouping: phones, by: \.conversation)
        let screensByConversation = Dictionary(grouping: screens, by: \.conversation)
        for write in acknowledged {
            acknowledgement.record(UInt64(max(0, LoadRun.seconds(write.acknowledgedAt - write.sentAt)) * 1_000_000))
            let version = landed[write.id] ?? write.version
            var audience = screensByConversation[write.conversation] ?? []
            if !write.vote {
                let table = phonesByConversation[write.conversation]?.first { $0.seat == write.author }?.table
                audience += (phonesByConversation[write.conversation] ?? []).filter { $0.seat != write.author && table != nil && $0.table == table }
            }
            for watcher in audience {
                guard let receipt = watcher.firstShowing(version) else {
                    missed += 1
                    continue
                }
                let microseconds = UInt64(max(0, LoadRun.seconds(receipt.at - write.sentAt)) * 1_000_000)
                all.record(microseconds)
                if write.vote { burst.record(microseconds) }
                if receipt.server != write.server { cross.record(microseconds) }
            }
        }
        var report = LoadReport(
            instances: plan.servers.count, conversations: plan.conversations, participants: plan.participants,
            phonesJoined: phones.count, screens: screens.count, joinSeconds: joinSeconds, phonesConnectedPeak: tally.connectedPeak,
            phonesConnectedAtEnd: phonesConnectedAtEnd, serverConnectedClients: serverConnectedClients,
            writesAcknowledged: acknowledged.count, writesFailed: failedWrites.count, firstFailures: Array(failedWrites.prefix(5)),
            retries: tally.retries, burstWrites: burstWrites, burstSeconds: burstSeconds,
            burstEventsPerSecond: burstSeconds > 0 ? Double(burstWrites) / burstSeconds : 0,
            deliveries: Int(all.totalCount), missedDeliveries: missed, fanOut: percentiles(all),
            burstFanOut: percentiles(burst), writeLatency: percentiles(acknowledgement),
            crossInstanceFanOut: cross.totalCount > 0 ? percentiles(cross) : nil,
            viewsReceived: tally.viewsReceived, connectionErrors: tally.connectionErrors, reconnectAttempts: tally.reconnectAttempts,
            loggedEvents: logCheck.events, lostEvents: logCheck.lost, duplicatedEvents: logCheck.duplicated,
            acknowledgedBeforeLogged: logCheck.misplaced, conversationsWithGaps: logCheck.conversationsWithGaps,
            totalSeconds: totalSeconds)
        report.errors = report.writesFailed + report.missedDeliveries + report.lostEvents + report.duplicatedEvents
            + report.acknowledgedBeforeLogged + report.conversationsWithGaps + (report.phonesJoined + report.screens - report.phonesConnectedAtEnd)
        return report
    }

    static func percentiles(_ histogram: Histogram<UInt64>) -> Percentiles {
        func ms(_ microseconds: UInt64) -> Double { (Double(microseconds) / 10).rounded() / 100 }
        return Percentiles(
            count: Int(histogram.totalCount), p50: ms(histogram.valueAtPercentile(50)), p95: ms(histogram.valueAtPercentile(95)),
            p99: ms(histogram.valueAtPercentile(99)), max: ms(histogram.max))
    }

    /// The report as a person reads it.
    public var text: String {
        func line(_ p: Percentiles) -> String {
            String(format: "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms over %d deliveries", p.p50, p.p95, p.p99, p.max, p.count)
        }
        let gauges = serverConnectedClients.enumerated().map { "instance \($0.offset + 1): \($0.element.map(String.init) ?? "gone")" }
        var lines = [
            "\(conversations) conversations x \(participants) participants on \(instances) instance\(instances == 1 ? "" : "s")",
            String(format: "joined: %d phones in %.1f s; %d projectors and consoles", phonesJoined, joinSeconds, screens),
            "WebSockets: \(phonesConnectedPeak) open at the peak, \(phonesConnectedAtEnd) at the end; servers report \(gauges.joined(separator: ", "))",
            String(format: "burst: %d votes in %.1f s = %.0f events/s", burstWrites, burstSeconds, burstEventsPerSecond),
            "writes: \(writesAcknowledged) acknowledged, \(writesFailed) failed, \(retries) retried on another instance",
            "fan-out, a phone's write to every screen that shows it (projector, console, tablemates): " + line(fanOut),
        ]
        lines.append("  of which the vote burst: " + line(burstFanOut))
        if let crossInstanceFanOut { lines.append("  of which across instances: " + line(crossInstanceFanOut)) }
        lines.append("write acknowledged: " + line(writeLatency).replacingOccurrences(of: "deliveries", with: "writes"))
        lines += [
            "missed deliveries: \(missedDeliveries); messages received: \(viewsReceived); connection errors: \(connectionErrors); reconnects: \(reconnectAttempts)",
            "log read back: \(loggedEvents) events; \(lostEvents) acknowledged writes lost, \(duplicatedEvents) duplicated, "
                + "\(acknowledgedBeforeLogged) acknowledged before logged, \(conversationsWithGaps) conversations with gaps",
            String(format: "errors: %d (run took %.1f s)", errors, totalSeconds),
        ]
        lines += firstFailures.map { "  failed write: " + $0 }
        return lines.joined(separator: "\n")
    }
}
