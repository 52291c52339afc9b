import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOConcurrencyHelpers

/// One participant's phone (or a conversation's projector): holding a WebSocket open and noting the time
/// each new version of the room arrived. When its instance goes away it moves to the next one and catches up.
final class SimulatedPhone: Sendable {
    let conversation: Int
    /// The participant's place in the conversation; -1 for the projector.
    let seat: Int
    let code: String
    /// The participant's bearer token; empty for the projector, which needs none.
    let token: String
    /// The instance this phone talks to first.
    let home: Int

    var isScreen: Bool { seat < 0 }

    /// Each view version the first time it (or a later one) arrived, and from which instance.
    struct Receipt {
        var version: Int64
        var at: ContinuousClock.Instant
        var server: Int
    }

    private let receipts = NIOLockedValueBox<[Receipt]>([])

    init(conversation: Int, seat: Int, code: String, token: String, home: Int) {
        self.conversation = conversation
        self.seat = seat
        self.code = code
        self.token = token
        self.home = home
    }

    var received: [Receipt] { receipts.withLockedValue { $0 } }
    var latestVersion: Int64 { receipts.withLockedValue { $0.last?.version ?? 0 } }

    /// Keeps the phone connected until `stop`, moving to the next instance whenever the connection drops.
    func stayConnected(servers: [String], stop: StopSignal, tally: LoadTally, logger: Logger) async {
        var server = home
        var firstAttempt = true
        while !stop.isStopped {
            if !firstAttempt { tally.add(\.reconnectAttempts) }
            firstAttempt = false
            let url = servers[server].replacingOccurrences(of: "http://", with: "ws://") + (isScreen ? "/ws/screen/" : "/ws/phone/") + code
            var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 22)
            if !isScreen { configuration.additionalHeaders[.authorization] = "Bearer " + token }
            let from = server
            do {
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                    tally.connected(+1)
                    defer { tally.connected(-1) }
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await message in inbound.messages(maxSize: 1 << 22) {
                                guard case .text(let text) = message, let version = viewVersion(in: text) else { continue }
                                self.record(version, from: from)
                                tally.add(\.viewsReceived)
                            }
                        }
                        group.addTask {
                            await stop.wait()
                            try await outbound.close(.normalClosure, reason: nil)
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
            } catch {
                tally.add(\.connectionErrors)
            }
            guard !stop.isStopped else { return }
            // The instance closed the socket or died: try the next one, without stampeding it.
            server = (server + 1) % servers.count
            try? await Task.sleep(for: .milliseconds(50 + Int64(seat % 10) * 20))
        }
    }

    private func record(_ version: Int64, from server: Int) {
        let now = ContinuousClock.now
        receipts.withLockedValue { receipts in
            if version > (receipts.last?.version ?? 0) { receipts.append(Receipt(version: version, at: now, server: server)) }
        }
    }

    /// When this phone first showed `version` or later, and which instance sent it; nil if it never did.
    func firstShowing(_ version: Int64) -> Receipt? {
        receipts.withLockedValue { receipts in
            var low = 0, high = receipts.count
            while low < high {
                let middle = (low + high) / 2
                if receipts[middle].version < version { low = middle + 1 } else { high = middle }
            }
            return low < receipts.count ? receipts[low] : nil
        }
    }
}

/// A one-way switch many tasks wait on without polling.
final class StopSignal: Sendable {
    private let state = NIOLockedValueBox<(stopped: Bool, waiters: [UUID: CheckedContinuation<Void, Never>])>((false, [:]))

    var isStopped: Bool { state.withLockedValue { $0.stopped } }

    func stop() {
        let waiters = state.withLockedValue { state in
            state.stopped = true
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume() }
    }

    /// Returns once `stop()` has been called, or when the waiting task is cancelled.
    func wait() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLockedValue { state in
                    if state.stopped || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLockedValue { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

/// Counters shared by every phone and writer of a run.
final class LoadTally: Sendable {
    struct Counts {
        var connectedNow = 0
        var connectedPeak = 0
        var viewsReceived = 0
        var connectionErrors = 0
        var reconnectAttempts = 0
        var retries = 0
    }

    private let counts = NIOLockedValueBox(Counts())

    var snapshot: Counts { counts.withLockedValue { $0 } }

    func add(_ counter: WritableKeyPath<Counts, Int>, _ amount: Int = 1) {
        counts.withLockedValue { $0[keyPath: counter] += amount }
    }

    func connected(_ change: Int) {
        counts.withLockedValue { counts in
            counts.connectedNow += change
            counts.connectedPeak = max(counts.connectedPeak, counts.connectedNow)
        }
    }
}
