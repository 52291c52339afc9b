import Foundation

/// Fans out "stream S reached version V" to every listener of S in this process.
///
/// It carries only the version, never events: listeners read what they have not seen from the
/// store, so a missed or coalesced notification costs a read, never an event.
public final class StreamChangeBroadcaster: Sendable {
    /// Listeners by stream, then by id: a publish touches only its stream's listeners, however many rooms are live.
    private let listeners = Mutex<[String: [UUID: AsyncStream<Int64>.Continuation]]>([:])

    public init() {}

    /// A listener's end: iterate `stream`, call `cancel()` when done.
    public struct Listening: Sendable {
        public let stream: AsyncStream<Int64>
        let cancelAction: @Sendable () -> Void
        public func cancel() { cancelAction() }
    }

    public func listen(_ stream: String) -> Listening {
        let id = UUID()
        // Only the newest version matters to a listener that fell behind.
        let (output, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(1))
        listeners.withLock { $0[stream, default: [:]][id] = continuation }
        let cancel: @Sendable () -> Void = { [weak self] in
            let removed = self?.listeners.withLock { all -> AsyncStream<Int64>.Continuation? in
                let removed = all[stream]?.removeValue(forKey: id)
                if all[stream]?.isEmpty == true { all[stream] = nil }
                return removed
            }
            removed?.finish()
        }
        continuation.onTermination = { _ in cancel() }
        return Listening(stream: output, cancelAction: cancel)
    }

    /// Tells every listener of `stream` that it now has `version` events.
    public func publish(stream: String, version: Int64) {
        let targets = listeners.withLock { $0[stream].map { Array($0.values) } ?? [] }
        for continuation in targets { continuation.yield(version) }
    }

    /// How many listeners are registered, across all streams (for metrics).
    public var listenerCount: Int { listeners.withLock { $0.values.reduce(0) { $0 + $1.count } } }

    /// Ends every listener, e.g. on shutdown.
    public func finishAll() {
        let all = listeners.withLock { current in
            defer { current.removeAll() }
            return current.values.flatMap(\.values)
        }
        for continuation in all { continuation.finish() }
    }
}
