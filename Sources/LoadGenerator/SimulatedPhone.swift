import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOConcurrencyHelpers

/// One participant's phone, or a conversation's projector or facilitator console: holding a WebSocket open
/// and noting when each new version of its view arrived. When its instance goes away it moves to the next
/// one and catches up.
final class SimulatedPhone: Sendable {
    enum Kind: Sendable { case phone, projector, console }

    let kind: Kind
    let conversation: Int
    /// The participant's place in the conversation; -1 for the projector and the console.
    let seat: Int
    /// The join code (phones, projector) or conversation id (console) in the socket's path.
    let key: String
    /// `Authorization` for a phone, `Cookie` for the console, nothing for the projector.
    let credential: (name: String, value: String)?
    /// The instance this phone talks to first.
    let home: Int

    /// The table the phone's first view placed it at, in the round being played.
    var table: Int? { firstTable.withLockedValue { $0 } }
    private let firstTable = NIOLockedValueBox<Int?>(nil)

    /// Each view version the first time it (or a later one) arrived, and from which instance.
    struct Receipt {
        var version: Int64
        var at: ContinuousClock.Instant
        var server: Int
    }

    private let receipts = NIOLockedValueBox<[Receipt]>([])

    init(_ kind: Kind, conversation: Int, seat: Int, key: String, credential: (name: String, value: String)?, home: Int) {
        self.kind = kind
        self.conversation = conversation
        self.seat = seat
        self.key = key
        self.credential = credential
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
            let path = switch kind {
            case .phone: "/ws/phone/"
            case .projector: "/ws/screen/"
            case .console: "/ws/console/"
            }
            let url = servers[server].replacingOccurrences(of: "http://", with: "ws://") + path + key
            var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 22)
            if let credential, let name = HTTPField.Name(credential.name) { configuration.additionalHeaders[name] = credential.value }
            let from = server
            do {
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                    tally.connected(+1)
                    defer { tally.connected(-1) }
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await message in inbound.messages(maxSize: 1 << 22) {
                                guard case .text(let text) = message, let version = viewVersion(in: text) else { continue }
                                if self.kind == .phone, self.table == nil { self.noteTable(in: text) }
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

    private struct SeatOfView: Decodable {
        struct View: Decodable {
            struct Seat: Decodable { var table: Int }
            var seat: Seat?
        }
        var view: View
    }

    /// Reads the table from the first view that has one; one full decode per phone, not per message.
    private func noteTable(in text: String) {
        guard let table = (try? JSONDecoder().decode(SeatOfView.self, from: Data(text.utf8)))?.view.seat?.table else { return }
        firstTable.withLockedValue { $0 = table }
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
